"""The OpenAPI document against what the headless API really does, checked by clients no one here wrote:

- openapi-core (strict OpenAPI 3.0 validation) validates the document and several hundred real responses: every
  page of every type in both languages (listed, in detail, found), images, documents, and every refusal;
- every HTTP method on every address answers without a server error (OPTIONS answered, the others a JSON 405
  with ``Allow``);
- schemathesis runs every check it has (``--checks all``) over every operation, in every phase, with no failure.

The site is the module's tree of every page type (conftest.py), built once.
"""

import contextlib
import json
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.test import RequestFactory
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_spec_validator import validate as validate_spec

from delivery.unavailable import unavailable_response
from headless.openapi import document
from headless.page_types import page_type_name, public_page_models
from headless.privacy import public_pages

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[3]
METHODS = ("get", "head", "post", "put", "patch", "delete", "options", "trace")


def api_urls(tree):
    """Every kind of address of the API, with real ids."""
    page = tree["about_en"].pk
    image = tree["private_image"].pk  # private: a 404 on GET, whatever the method
    return [
        "/api/v2/pages/",
        f"/api/v2/pages/{page}/",
        "/api/v2/pages/find/?html_path=/en/about/",
        "/api/v2/images/",
        f"/api/v2/images/{image}/",
        "/api/v2/images/find/?id=1",
        "/api/v2/documents/",
        "/api/v2/documents/1/",
        "/api/v2/documents/find/?id=1",
        "/api/v2/openapi.json",
        "/api/v2/",
        "/api/v2/nothing/",
    ]


def test_no_method_gives_a_server_error(client, tree):
    """OPTIONS is answered with what the address allows; other methods the API does not offer get a JSON 405."""
    cache.clear()
    for url in api_urls(tree):
        for method in METHODS:
            response = getattr(client, method)(url, HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code < 500, (method, url, response.status_code, response.content[:300])
            if method == "options" and response.status_code != 404:
                assert response.status_code == 200, (url, response.content[:300])
                assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}, url
            if method in ("post", "put", "patch", "delete", "trace") and response.status_code != 404:
                assert response.status_code == 405, (method, url, response.status_code)
                assert response["Content-Type"] == "application/json", (method, url)
                assert "not allowed" in response.json()["message"], (method, url)
                assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}, url
            if method == "head":
                assert response.status_code in (200, 302, 404), (url, response.status_code)


# -- openapi-core ------------------------------------------------------------------------------------------------


class Exchanges:
    """Real requests to the API, each kept with its response for validation."""

    def __init__(self, client):
        self.client = client
        self.seen = []

    def get(self, url, params=None, **headers):
        params = params or {}
        cache.clear()  # no request is refused by the rate limit unless it means to be
        response = self.client.get(url, params, **headers)
        self.seen.append((url, params, headers, response))
        return response


def exercise(api, tree):
    """Requests of every operation: every page of every type in both languages, listed (by type, with all its
    fields), in detail and found by its path; images and documents; the answers to conditional requests; refusals."""
    pages = list(public_pages().specific().order_by("path"))
    assert len({type(page) for page in pages}) >= 12  # the tree has every page type without a form of records
    for locale in ("zh-hans", "en"):
        api.get("/api/v2/pages/", {"locale": locale, "limit": 50})
    for model in public_page_models():
        name = page_type_name(model)
        api.get("/api/v2/pages/", {"type": name, "fields": "*", "limit": 50})
        api.get("/api/v2/pages/", {"type": name, "fields": "_,title,html_url", "limit": 50})
    for page in pages:
        api.get(f"/api/v2/pages/{page.pk}/")
        api.get(f"/api/v2/pages/{page.pk}/", {"fields": "_,title,parent,translations"})
        if page.url:
            api.get("/api/v2/pages/find/", {"html_path": page.url})
    api.get("/api/v2/pages/find/", {"id": pages[0].pk})
    for kind in ("images", "documents"):
        listing = api.get(f"/api/v2/{kind}/", {"limit": 50, "fields": "*"}).json()
        for item in listing["items"]:
            api.get(f"/api/v2/{kind}/{item['id']}/")
            api.get(f"/api/v2/{kind}/find/", {"id": item["id"]})
        api.get(f"/api/v2/{kind}/", {"order": "-title", "limit": 3})
        api.get(f"/api/v2/{kind}/{tree['private_doc'].pk if kind == 'documents' else tree['private_image'].pk}/")
    # Conditional requests, refusals, not found, the rate limit.
    first = api.get("/api/v2/pages/", {"locale": "en"})
    api.get("/api/v2/pages/", {"locale": "en"}, HTTP_IF_NONE_MATCH=first["ETag"])
    for url, params in [
        ("/api/v2/pages/", {"limit": "x"}),
        ("/api/v2/pages/", {"fields": "nope"}),
        ("/api/v2/pages/", {"order": "nope"}),
        ("/api/v2/pages/", {"upcoming": "true"}),
        ("/api/v2/pages/find/", {}),
        ("/api/v2/pages/find/", {"html_path": "/en/no-such-page/"}),
        (f"/api/v2/pages/{tree['draft'].pk}/", {}),
        ("/api/v2/pages/99999/", {}),
        ("/api/v2/images/find/", {"id": "99999"}),
        ("/api/v2/documents/", {"offset": "-1"}),
    ]:
        api.get(url, params)


def openapi_request(url, params, headers):
    base = django_settings.SITE_BASE_URL
    header_names = {key[5:].replace("_", "-").title(): value for key, value in headers.items()}
    return MockRequest(base, "get", urlsplit(url).path, args=params, headers=header_names)


def openapi_response(response):
    headers = dict(response.items())
    content_type = response.get("Content-Type", "application/json").split(";")[0]
    return MockResponse(response.content, status_code=response.status_code, headers=headers, content_type=content_type)


def schema_errors(error):
    """The JSON Schema errors inside an openapi-core error (they hang on its causes), each with where it is."""
    found = []
    while error is not None and not found:
        for cause in getattr(error, "schema_errors", []) or []:
            where = "/".join(str(part) for part in cause.absolute_path)
            found.append(f"{where}: {cause.message[:200]}")
        error = error.__cause__ or error.__context__
    return found[:4]


def test_the_document_is_valid_openapi_3_0(api, tree):
    validate_spec(json.loads(api.get("/api/v2/openapi.json").content))


def test_openapi_core_validates_every_real_response(api, tree, settings):
    spec = OpenAPI.from_dict(json.loads(api.get("/api/v2/openapi.json").content))
    exchanges = Exchanges(api)
    exercise(exchanges, tree)
    settings.API_RATE_LIMIT = "1/minute"
    api.get("/api/v2/pages/find/", {"id": tree["about_en"].pk})
    exchanges.seen.append(
        ("/api/v2/pages/find/", {"id": tree["about_en"].pk}, {}, api.get("/api/v2/pages/find/", {"id": 1}))
    )
    assert exchanges.seen[-1][3].status_code == 429
    # The database away: the 503 that DatabaseUnavailableMiddleware gives any request, in the API's JSON.
    outage = unavailable_response(RequestFactory().get("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="en"))
    assert outage["Content-Type"] == "application/json"
    assert "Try again in 30 seconds" in json.loads(outage.content)["message"]
    exchanges.seen.append(("/api/v2/pages/", {}, {}, outage))
    statuses = {response.status_code for *_rest, response in exchanges.seen}
    assert statuses >= {200, 302, 304, 400, 404, 429, 503}, statuses
    failures = []
    for url, params, headers, response in exchanges.seen:
        try:
            spec.validate_response(openapi_request(url, params, headers), openapi_response(response))
        except Exception as error:  # openapi-core raises one of several classes; each names what failed
            reasons = schema_errors(error) or [str(error)[:300]]
            failures.append(f"{response.status_code} {url}?{urlencode(params)}: {type(error).__name__} {reasons}")
    assert len(exchanges.seen) >= 200
    assert not failures, f"{len(failures)} of {len(exchanges.seen)} real responses fail:\n" + "\n".join(failures[:40])


def test_nullable_references_are_written_for_strict_validators():
    """OpenAPI 3.0 ignores ``nullable`` without ``type`` in the same schema (3.0.3): a nullable reference is an
    ``anyOf`` of the reference and a null, never ``nullable`` beside an ``allOf``."""
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("nullable") and "type" not in node:
                found.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for number, value in enumerate(node):
                walk(value, f"{where}/{number}")

    walk(document(), "#")
    assert found == []


def test_every_status_an_operation_can_give_is_documented():
    paths = document()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"400", "429", "503"} <= statuses, (method, path, statuses)
            if path.endswith("/find/"):
                assert {"302", "404"} <= statuses, (path, statuses)
            elif "{id}" in path:
                assert {"200", "304", "404"} <= statuses, (path, statuses)
            else:
                assert {"200", "304"} <= statuses, (path, statuses)


def test_fields_and_order_are_documented_as_what_is_accepted():
    """``fields`` and ``order`` carry patterns naming the accepted field names and order keys, not any string."""
    import re

    for path, operations in document()["paths"].items():
        for parameter in operations["get"]["parameters"]:
            if parameter["name"] in ("fields", "order"):
                pattern = re.compile(parameter["schema"]["pattern"])
                assert not pattern.search("no_such_name"), (path, parameter["name"])
                assert pattern.search("-title" if parameter["name"] == "order" else "_,title"), path


# -- schemathesis ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def connection_kept():
    """Like Django's test client: the WSGI app must not close the test's database connection after a request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@contextlib.contextmanager
def connection_shared():
    """A WSGI application that serves each request on this test's database connection (in its transaction, where
    the tree is), whichever thread schemathesis's engine sends it from; one request at a time (workers = 1)."""
    connection = connections[DEFAULT_DB_ALIAS]
    handler = WSGIHandler()

    def app(environ, start_response):
        connections[DEFAULT_DB_ALIAS] = connection
        return handler(environ, start_response)

    connection.inc_thread_sharing()
    try:
        yield app
    finally:
        connection.dec_thread_sharing()


def test_schemathesis_with_every_check_finds_no_failure(tree, settings):
    """The repository's schemathesis.toml (every check, every phase) run by schemathesis's own engine over the
    WSGI application, as `schemathesis run` runs it over HTTP: no failure, no error."""
    from schemathesis import engine
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import Status, events

    settings.API_RATE_LIMIT = "1000000/minute"
    config = SchemathesisConfig.from_path(REPOSITORY / "schemathesis.toml")
    with connection_kept(), connection_shared() as app:
        schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", app, config=config)
        problems, cases, phases = [], 0, set()
        for event in engine.from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                phases.add(str(event.phase))
                for case_id, checks in event.recorder.checks.items():
                    cases += 1
                    for check in checks:
                        if check.status == Status.FAILURE:
                            failure = check.failure_info.failure
                            problems.append(f"{event.recorder.label} [{check.name}] {failure.title}: {failure.message}")
                        elif check.status == Status.ERROR:
                            problems.append(f"{event.recorder.label} [{check.name}] error in case {case_id}")
            elif isinstance(event, events.NonFatalError | events.FatalError):
                problems.append(f"error: {getattr(event, 'value', getattr(event, 'exception', event))!r}")
            elif isinstance(event, events.EngineFinished):
                problems += [f"after the run: {failure.title}: {failure.message}" for failure in event.failures]
    assert not problems, f"{len(problems)} schemathesis failures:\n" + "\n\n".join(sorted(set(problems))[:20])
    assert {"coverage", "fuzzing", "stateful"} <= {phase.split(".")[-1].lower() for phase in phases}, phases
    assert cases >= 300, cases

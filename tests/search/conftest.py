"""The search behaviour suite runs once per engine: embedded (on the run's database) and Elasticsearch (osmem).

`engine` + `corpus` build a fresh corpus per test (for tests that publish, move or delete); `shared_corpus`
builds it once per test class and engine (for tests that only read), rolled back at the end of the class.
"""

import contextlib

import pytest
from django.db import connection, transaction
from django.test import override_settings

from search.engines import get_engine
from search.testing import PlainJsonNode
from tests.factories.search import build_corpus

ENGINES = ["embedded", "elastic"]


def engine_settings(name, url=""):
    if name == "elastic":
        return {
            "SEARCH_ENGINE": "elastic",
            "ELASTICSEARCH_URL": url,
            "SEARCH_ES_INDEX": "test-pages",
            "SEARCH_ES_OPTIONS": {"node_class": PlainJsonNode, "request_timeout": 10},
        }
    return {"SEARCH_ENGINE": "embedded"}


@pytest.fixture(params=ENGINES)
def engine(request, settings):
    """Switch the site to one engine; for Elasticsearch, a fresh osmem clone per test."""
    url = request.getfixturevalue("osmem_clone").url if request.param == "elastic" else ""
    for name, value in engine_settings(request.param, url).items():
        setattr(settings, name, value)
    if request.param == "embedded":
        request.getfixturevalue("db")
        assert connection.vendor in ("sqlite", "postgresql")
    return get_engine()


@pytest.fixture
def corpus(engine, db):
    return build_corpus()


@pytest.fixture(scope="class", params=ENGINES)
def shared_engine(request, django_db_setup, django_db_blocker):
    with contextlib.ExitStack() as stack:
        url = ""
        if request.param == "elastic":
            url = stack.enter_context(request.getfixturevalue("osmem_server").clone()).url
        stack.enter_context(override_settings(**engine_settings(request.param, url)))
        yield request.param


@pytest.fixture(scope="class")
def shared_corpus(shared_engine, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_corpus()
        transaction.set_rollback(True)


@pytest.fixture
def read_corpus(shared_corpus, db):
    """The class's corpus, for a test that only reads (its own changes are rolled back, not the index's)."""
    return shared_corpus

"""HTTP behaviour of the headless API on a small site: CORS for configured origins only, the per-IP rate
limit, and Wagtail's preview API v3 (with write endpoints) and its docs unreachable unless switched on."""

import importlib

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db
ORIGIN = "https://mini.example.org"


@pytest.fixture
def api(site_tree, client, settings):
    cache.clear()
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    return client


def test_cors_headers_for_configured_origins_on_the_api_only(api, site_tree):
    response = api.get("/api/v2/pages/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    other = api.get("/api/v2/pages/", HTTP_ORIGIN="https://elsewhere.example.com")
    assert other.status_code == 200 and "Access-Control-Allow-Origin" not in other
    page = api.get("/zh-hans/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in page  # the site itself is not opened up


def test_cors_preflight_allows_reading_only(api):
    response = api.options("/api/v2/pages/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert set(response["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


def test_no_cors_by_default(client, site_tree):
    assert django_settings.CORS_ALLOWED_ORIGINS == []
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response


def test_rate_limit_per_client_ip(api, settings):
    settings.API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert api.get("/api/v2/pages/").status_code == 200
    refused = api.get("/api/v2/images/", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert refused.json()["message"].startswith("Too many requests: this API allows 3 requests per minute from each")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]
    assert api.get("/api/v2/pages/", REMOTE_ADDR="10.1.2.3").status_code == 200  # another client
    cache.clear()
    assert api.get("/api/v2/pages/").status_code == 200


def test_rate_limit_counts_the_configured_proxy_header(api, settings):
    settings.API_RATE_LIMIT = "1/minute"
    settings.RECORDS_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert api.get("/api/v2/pages/", HTTP_X_REAL_IP="192.0.2.1").status_code == 200
    assert api.get("/api/v2/pages/", HTTP_X_REAL_IP="192.0.2.1").status_code == 429
    assert api.get("/api/v2/pages/", HTTP_X_REAL_IP="192.0.2.2").status_code == 200


V3_URLS = ["/api/v3/pages/", "/api/v3/openapi.json", "/api/v3/docs/", "/api/v3/whoami/", "/api/v3/images/"]


def test_preview_api_v3_and_its_docs_are_off_by_default(client, site_tree):
    assert django_settings.WAGTAILAPI_V3_ENABLED is False
    assert django_settings.WAGTAILAPI_DOCS_ENABLED is False
    assert "wagtail.api.v3" not in django_settings.INSTALLED_APPS
    for url in V3_URLS:
        assert client.get(url).status_code in (404, 302), url
        assert client.get(url, follow=True).status_code == 404, url
    assert client.post("/api/v3/pages/", {}, content_type="application/json").status_code in (404, 302, 403)


def test_preview_api_v3_only_with_its_setting(client, site_tree, settings):
    """The switch works: with API_V3_ENABLED (and the docs setting) Wagtail's v3 answers; without, it is gone."""
    import config.urls

    try:
        settings.WAGTAILAPI_V3_ENABLED = True
        settings.WAGTAILAPI_DOCS_ENABLED = True
        importlib.reload(config.urls)
        clear_url_caches()
        assert client.get("/api/v3/openapi.json").status_code == 200
        settings.WAGTAILAPI_DOCS_ENABLED = False
        assert client.get("/api/v3/openapi.json").status_code == 404
    finally:
        settings.WAGTAILAPI_V3_ENABLED = False
        importlib.reload(config.urls)
        clear_url_caches()
    assert client.get("/api/v3/openapi.json", follow=True).status_code == 404

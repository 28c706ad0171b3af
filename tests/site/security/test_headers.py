"""Security headers: the Content-Security-Policy of the public site and of the admin, nosniff, Referrer-Policy,
framing, and with the production settings HSTS and the redirect to HTTPS."""

import re
from pathlib import Path

import pytest

from tests.factories.publications import build_events, build_jobs
from tests.sharing import tree_layer
from tests.site.security.helpers import production_settings

pytestmark = pytest.mark.django_db

THEMES = Path(__file__).resolve().parents[3] / "themes"
# A <script> element that is not external (no src) and not a JSON-LD data block, or an inline event handler.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@tree_layer
def pages(site_tree):
    return build_jobs(build_events(site_tree))


def public_urls(pages):
    keys = ["home", "article", "news", "event", "ev_index", "pi", "job_index"]
    urls = [pages[key].url for key in keys] + [pages[f"{key}_en"].url for key in keys if f"{key}_en" in pages]
    return urls + ["/zh-hans/search/?q=医学", "/en/search/?q=medicine"]


def test_public_pages_in_both_languages_carry_the_headers(client, pages):
    urls = public_urls(pages)
    assert any(url.startswith("/en/") for url in urls) and any(url.startswith("/zh-hans/") for url in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = policy(response)
        assert csp["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


def test_public_pages_have_no_inline_script_or_event_handler(client, pages):
    for url in public_urls(pages):
        html = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
        assert not EVENT_HANDLER.search(html), (url, EVENT_HANDLER.search(html).group(0))
        assert "javascript:" not in html.lower(), url
    event_html = client.get(pages["event"].url).content.decode()
    assert '<script type="application/ld+json">' in event_html  # data blocks stay


def test_theme_templates_have_no_inline_script_or_event_handler():
    templates = list(THEMES.glob("*/templates/**/*.html"))
    assert len(templates) > 20
    for template in templates:
        text = template.read_text()
        assert not INLINE_SCRIPT.search(text), template
        assert not EVENT_HANDLER.search(text), template


def test_the_admin_has_its_own_relaxed_policy_only_under_admin(client, pages):
    admin = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert admin["object-src"] == ["'none'"]
    public = client.get(pages["home"].url)
    assert "'unsafe-inline'" not in public["Content-Security-Policy"]
    # A public URL that merely contains "admin" is not the admin.
    assert "'unsafe-inline'" not in client.get("/zh-hans/admin/").get("Content-Security-Policy", "")


@pytest.fixture
def production(settings):
    """The security settings exactly as config.settings.production computes them, applied to this test."""
    names = [
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "X_FRAME_OPTIONS",
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_ADMIN",
    ]
    values = production_settings(*names)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    for name, value in values.items():
        setattr(settings, name, value)
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    return values


def test_production_sends_hsts_and_denies_framing(client, pages, production):
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    for url in [pages["home"].url, pages["home_en"].url, pages["event_en"].url]:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert policy(response)["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_production_sends_plain_http_to_https(client, pages, production):
    response = client.get(pages["home_en"].url)
    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + pages["home_en"].url
    # Behind the proxy that terminates TLS, X-Forwarded-Proto says the visitor used HTTPS.
    assert client.get(pages["home_en"].url, headers={"x-forwarded-proto": "https"}).status_code == 200


def test_a_preview_is_framed_by_the_admin_only_and_public_pages_by_no_one(admin_client, pages, settings):
    """The editor's preview panel frames the admin's preview views: their answer (the page rendered through a
    simulated request for the page's public address) allows our own origin as the only ancestor, with the public
    policy's strict scripts; the public page itself still refuses every ancestor."""
    settings.X_FRAME_OPTIONS = "DENY"  # as in production
    page = pages["event_en"]
    response = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    public = admin_client.get(page.url)
    assert policy(public)["frame-ancestors"] == ["'none'"]
    assert public["X-Frame-Options"] == "DENY"

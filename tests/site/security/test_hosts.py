"""The Host header: unknown hosts get 400, and every absolute URL the site writes (canonical and hreflang links,
sitemap, robots.txt, feeds, iCalendar, search results, emails) is built on SITE_BASE_URL even when the request
came in through another allowed host name."""

import datetime
import re

import feedparser
import icalendar
import pytest
from django.core import mail

from tests.factories.digest import add_issue, make_index
from tests.factories.publications import build_events
from tests.sharing import tree_layer

pytestmark = pytest.mark.django_db

BASE = "https://www.smart.example"
ALIAS = "alias.example"
URL = re.compile(r"""(?:https?|webcal)://[^\s"'<>)]+""")


@pytest.fixture
def canonical(settings):
    settings.SITE_BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ALIAS]
    return BASE


@tree_layer
def pages(site_tree):
    pages = build_events(site_tree)
    index, index_en = make_index(pages["home"], pages["home_en"])
    pages.update(digest=index, digest_en=index_en, issue=add_issue(index, datetime.date(2024, 5, 1)))
    return pages


def get(client, url, **extra):
    response = client.get(url, HTTP_HOST=ALIAS, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def assert_canonical_only(text, where):
    assert ALIAS not in text, where
    own = [url for url in URL.findall(text) if "smart.example" in url or "testserver" in url]
    assert own, f"no absolute URL of the site in {where}"
    assert all(url.startswith(BASE) or url.startswith("webcal://www.smart.example") for url in own), (where, own)


@pytest.mark.parametrize("host", ["evil.example", "testserver.evil.example", "evil.example:80@testserver", "[::2]"])
def test_an_unknown_host_gets_400(client, site_tree, host):
    for url in ["/zh-hans/", "/en/", "/sitemap.xml", "/admin/login/", "/robots.txt"]:
        assert client.get(url, HTTP_HOST=host).status_code == 400, (url, host)


def test_pages_link_canonical_and_alternates_on_the_canonical_origin(client, pages, canonical):
    for page in [pages["home"], pages["home_en"], pages["event"], pages["event_en"], pages["article_en"]]:
        html = get(client, page.url).content.decode()
        links = re.findall(r'<link rel="(?:canonical|alternate)"[^>]*href="([^"]+)"', html)
        assert len(links) >= 3, page.url  # canonical, zh-Hans, en (and x-default)
        assert all(link.startswith(BASE + "/") for link in links), links
        assert ALIAS not in html


def test_sitemap_and_robots_use_the_canonical_origin(client, pages, canonical):
    sitemap = get(client, "/sitemap.xml").content.decode()
    assert_canonical_only(sitemap, "sitemap.xml")
    assert f"<loc>{BASE}{pages['event_en'].url}</loc>" in sitemap
    robots = get(client, "/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots


def test_feeds_use_the_canonical_origin(client, pages, canonical):
    for kind in ("rss", "atom"):
        body = get(client, pages["digest"].url + f"feed/{kind}/").content.decode()
        assert_canonical_only(body, kind)
        feed = feedparser.parse(body)
        assert not feed.bozo, feed.bozo_exception
        assert feed.entries and all(entry.link.startswith(BASE + "/") for entry in feed.entries)


def test_calendars_use_the_canonical_origin(client, pages, canonical):
    for url in [pages["event"].url + "ics/", pages["event_en"].url + "ics/", pages["ev_index_en"].url + "calendar/"]:
        body = get(client, url).content.decode()
        assert ALIAS not in body and "testserver" not in body, url
        events = icalendar.Calendar.from_ical(body).walk("VEVENT")
        assert events, url
        for event in events:
            assert str(event["URL"]).startswith(BASE + "/")
            assert str(event["URL"]) in str(event["DESCRIPTION"])
            assert ALIAS not in str(event["UID"])


def test_search_results_use_the_canonical_origin(client, pages, canonical):
    body = get(client, "/api/search/", data={"q": "类器官", "locale": "zh-hans"}).content.decode()
    assert ALIAS not in body
    urls = URL.findall(body)
    assert urls and all(url.startswith(BASE + "/") for url in urls), urls


def test_emails_use_the_canonical_origin(client, pages, canonical, django_capture_on_commit_callbacks):
    # An event registration's confirmation, sent after a form that came in through the other host name.
    url = pages["event_en"].url
    html = get(client, url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    data = {
        "form_token": token,
        "name": "Mary Reader",
        "email": "reader@example.org",
        "phone": "+86 755 1234 5678",
        "organisation": "Sample University",
        "position": "PhD student",
        "attendance": "in_person",
        "notes": "",
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, HTTP_HOST=ALIAS)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert BASE + url in mail.outbox[0].body
    assert_canonical_only(mail.outbox[0].body, "registration email")

    # The admin's password reset link.
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("editor", "editor@example.org", "a-long-test-password")
    client.post("/admin/password_reset/", {"email": "editor@example.org"}, HTTP_HOST=ALIAS)
    reset = mail.outbox[-1].body
    assert BASE + "/admin/password_reset/confirm/" in reset
    assert_canonical_only(reset, "password reset email")

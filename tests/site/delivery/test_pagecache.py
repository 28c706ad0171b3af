"""The full-page cache for anonymous visitors (delivery.pagecache): hits, purges, and what it must never keep."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from accounts.models import User
from tests.factories.publications import build_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield
    cache.clear()


def test_anonymous_visit_is_served_from_the_cache_without_a_query(client, site_tree, django_assert_num_queries):
    first = client.get("/zh-hans/news/founding/")
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/zh-hans/news/founding/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "深圳医学科学院正式成立" in second.content.decode()


def test_cache_is_keyed_by_full_url_and_language(client, site_tree):
    client.get("/zh-hans/news/founding/")
    english = client.get("/en/news/founding/")
    assert english["X-Cache"] == "miss"
    assert "SMART is founded" in english.content.decode()
    with_query = client.get("/zh-hans/news/founding/?page=2")
    assert with_query["X-Cache"] == "miss"
    assert client.get("/en/news/founding/")["X-Cache"] == "hit"


@pytest.mark.parametrize("source", ["zh", "en"])
def test_publishing_purges_the_pages_of_both_languages(client, site_tree, source):
    for url in ("/zh-hans/news/founding/", "/en/news/founding/", "/zh-hans/", "/en/"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    page = site_tree["article"] if source == "zh" else site_tree["article_en"]
    page.title = "新标题" if source == "zh" else "A new title"
    page.save_revision().publish()
    for url in ("/zh-hans/news/founding/", "/en/news/founding/", "/zh-hans/", "/en/"):
        assert client.get(url)["X-Cache"] == "miss", url
    shown = client.get("/zh-hans/news/founding/" if source == "zh" else "/en/news/founding/").content.decode()
    assert page.title in shown


def test_unpublishing_moving_and_deleting_purge(client, site_tree):
    url = "/zh-hans/about/mission/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    site_tree["mission"].unpublish()
    assert client.get(url).status_code == 404

    client.get("/zh-hans/news/")
    assert client.get("/zh-hans/news/")["X-Cache"] == "hit"
    site_tree["only_zh"].move(site_tree["news"], pos="last-child")
    assert client.get("/zh-hans/news/")["X-Cache"] == "miss"

    client.get("/zh-hans/news/founding/")
    site_tree["article"].delete()
    assert client.get("/zh-hans/news/founding/").status_code == 404


def test_signed_in_users_are_never_served_or_stored(client, site_tree):
    anonymous = client.get("/zh-hans/")
    assert anonymous["X-Cache"] == "miss"
    user = User.objects.create_user("editor", password="x")
    client.force_login(user)
    for _ in range(2):
        response = client.get("/zh-hans/")
        assert response.status_code == 200
        assert response["X-Cache"] == "skip"
        assert "private" in response["Cache-Control"]
    client.logout()
    # What the signed-in user saw was never stored for others: the anonymous page kept before comes back.
    again = client.get("/zh-hans/")
    assert again["X-Cache"] == "hit" and again.content == anonymous.content


def test_form_pages_are_never_cached_and_no_csrf_cookie_leaks(client, site_tree):
    pages = build_jobs(site_tree)
    url = pages["pi"].url
    tokens = set()
    for _ in range(3):
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200
        assert "<form" in response.content.decode()
        assert response["X-Cache"] == "skip"
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        assert "csrftoken" in response.cookies
        tokens.add(response.cookies["csrftoken"].value)
    assert len(tokens) == 3  # each visitor got a token of their own, none replayed from a cache


def test_a_response_that_sets_a_cookie_is_never_stored(client, site_tree, settings):
    from django.http import HttpResponse

    from delivery import pagecache

    request = client.get("/zh-hans/").wsgi_request
    response = HttpResponse("x")
    assert pagecache.response_cacheable(request, response)
    response.set_cookie("csrftoken", "secret")
    assert not pagecache.response_cacheable(request, response)
    for header in ("private", "no-cache", "no-store", "max-age=0"):
        response = HttpResponse("x", headers={"Cache-Control": header})
        assert not pagecache.response_cacheable(request, response), header
    assert not pagecache.response_cacheable(request, HttpResponse("x", headers={"Vary": "Authorization"}))


def test_a_session_cookie_bypasses_the_cache(client, site_tree):
    client.get("/zh-hans/")
    assert client.get("/zh-hans/")["X-Cache"] == "hit"
    client.cookies["sessionid"] = "anything"
    assert client.get("/zh-hans/")["X-Cache"] == "skip"


def test_menu_and_footer_edits_purge(client, site_tree):
    from content.navigation import Footer
    from tests.factories.pages import locales

    client.get("/zh-hans/")
    assert client.get("/zh-hans/")["X-Cache"] == "hit"
    zh, _en = locales()
    Footer.objects.create(locale=zh, organisation="深圳医学科学院（页脚测试）")
    response = client.get("/zh-hans/")
    assert response["X-Cache"] == "miss"
    assert "深圳医学科学院（页脚测试）" in response.content.decode()


def test_disabled_cache_keeps_nothing(client, site_tree):
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get("/zh-hans/")
        response = client.get("/zh-hans/")
    assert "X-Cache" not in response

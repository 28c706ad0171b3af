"""Responses to a signed-in user are ``Cache-Control: private, no-store`` (public pages included); anonymous
public pages stay cacheable and are not made to vary on the session."""

import pytest
from django.contrib.auth import get_user_model
from django.utils.cache import get_max_age

from tests.factories import grants as f

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private(response, url):
    found = directives(response)
    assert {"private", "no-store"} <= found, (url, response.get("Cache-Control"))
    assert not {"public", "s-maxage"} & found, (url, response.get("Cache-Control"))


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")


def public_urls(site_tree):
    return [
        site_tree["home"].url,
        site_tree["home_en"].url,
        site_tree["article"].url,
        site_tree["article_en"].url,
        "/zh-hans/search/?q=医学",
        "/en/search/?q=medicine",
        "/api/search/?q=医学&locale=zh-hans",
        "/sitemap.xml",
        "/robots.txt",
    ]


def test_anonymous_public_pages_stay_cacheable(client, site_tree):
    for url in public_urls(site_tree):
        response = client.get(url)
        assert response.status_code == 200, url
        found = directives(response)
        assert not {"private", "no-store"} & found, (url, response.get("Cache-Control"))
        assert "sessionid" not in response.cookies, url
    # robots.txt says how long it may be kept, and keeps saying it.
    assert get_max_age(client.get("/robots.txt")) == 86400


def test_a_signed_in_user_gets_private_no_store_everywhere(client, site_tree, editor):
    client.force_login(editor)
    urls = public_urls(site_tree) + [
        "/admin/",
        f"/admin/pages/{site_tree['home'].pk}/edit/",
        "/admin/documents/",
        "/admin/grants/applications/",
        "/admin/grants/applications/?export=csv",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response, url)


def test_the_sign_in_response_itself_is_private(client, editor):
    response = client.post("/admin/login/", {"username": "editor", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert_private(response, "/admin/login/")


def test_a_staff_member_of_the_records_section_gets_private_pages(client, site_tree):
    call = f.make_call()
    application = f.make_application(call, f.make_institution(call.programme))
    client.force_login(f.office_user())
    for url in ["/admin/grants/applications/", f"/admin/grants/applications/inspect/{application.pk}/"]:
        assert_private(client.get(url), url)


def test_after_signing_out_pages_are_cacheable_again(client, site_tree, editor):
    client.force_login(editor)
    assert_private(client.get(site_tree["home_en"].url), "signed in")
    client.post("/admin/logout/")
    response = client.get(site_tree["home_en"].url)
    assert not {"private", "no-store"} & directives(response)

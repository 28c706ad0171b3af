"""Page routing with the cached shortcut: view restrictions still hold the moment they are added or removed."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_restriction_added_after_a_public_visit_applies_at_once(client, site_tree):
    about, mission = site_tree["about"], site_tree["mission"]
    assert "使命" in client.get("/zh-hans/about/mission/").content.decode()  # cached as public now
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-demo"
    )
    for path in ("/zh-hans/about/", "/zh-hans/about/mission/"):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200 and 'name="password"' in html, path
        assert mission.intro not in html
    unlocked = client.post(
        f"/zh-hans/_util/authenticate_with_password/{restriction.pk}/{mission.pk}/",
        {"password": "s3cret-demo", "return_url": "/zh-hans/about/mission/"},
    )
    assert unlocked.status_code == 302
    assert mission.intro in client.get("/zh-hans/about/mission/").content.decode()
    restriction.delete()
    assert mission.intro in client.get("/zh-hans/about/mission/", HTTP_COOKIE="").content.decode()


def test_a_login_restricted_page_sends_anonymous_visitors_to_log_in(client, site_tree):
    client.get("/zh-hans/about/mission/")
    PageViewRestriction.objects.create(page=site_tree["mission"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/zh-hans/about/mission/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/zh-hans/about/").status_code == 200  # the parent stays public


def test_unpublished_and_moved_pages_are_not_served_from_the_cached_route(client, site_tree):
    mission, news = site_tree["mission"], site_tree["news"]
    assert client.get("/zh-hans/about/mission/").status_code == 200
    mission.unpublish()
    assert client.get("/zh-hans/about/mission/").status_code == 404
    mission.save_revision().publish()
    mission.refresh_from_db()
    mission.move(news, pos="last-child")
    moved = client.get("/zh-hans/about/mission/")  # Wagtail's redirects app keeps the old address working
    assert moved.status_code == 301 and moved["Location"].endswith("/zh-hans/news/mission/")
    assert client.get("/zh-hans/news/mission/").status_code == 200

"""Through nginx, as people use the site: a visitor reads pages served from the front server's copy (phone and
desktop), an editor publishes in the admin (English, then Chinese interface) through the same nginx, and the
visitor sees each change on the next load, before the background task has brought the copy in line; and a visitor
reading page after page while the copy is withdrawn and linked again never meets nginx's 404."""

import pytest
from django.core.management import call_command
from wagtail.users.models import UserProfile

from accounts.models import User
from delivery.staticgen import front
from tests.factories.pages import add_navigation, build_site
from tests.site.delivery.frontserver import Nginx, link_coming_and_going

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "front-journey-password"


@pytest.fixture
def front_site(browser, transactional_db, django_db_serialized_rollback, live_server, settings, tmp_path):
    settings.STATIC_BUILD_DIR = str(tmp_path / "front-site")
    settings.STATIC_SITE_FRONT = True
    settings.STATIC_BUILD_WORKERS = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.SITE_BASE_URL = live_server.url
    settings.STATIC_ROOT = str(tmp_path / "static")
    call_command("collectstatic", interactive=False, verbosity=0)
    pages = build_site()
    pages.update(add_navigation(pages))
    front.refresh(full=True)
    nginx = Nginx(live_server.url.removeprefix("http://"), tmp_path / "run").start()
    try:
        yield pages, nginx
    finally:
        nginx.stop()


def editor(language):
    user = User.objects.create_superuser(f"editor-{language}", f"editor-{language}@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def sign_in(page, base, user):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base + "/admin/")


def publish_title(page, base, page_id, title, publish_label):
    page.goto(f"{base}/admin/pages/{page_id}/edit/")
    page.fill("#id_title", title)
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name=publish_label).click()
    page.wait_for_url(f"{base}/admin/pages/**")


def test_visitors_read_files_and_see_each_publication_at_once(front_site, new_page, screenshot):
    pages, nginx = front_site
    base = nginx.url
    visitor = new_page(locale="zh-CN", viewport=PHONE)
    answer = visitor.goto(base + pages["home"].url)
    assert answer.status == 200 and answer.headers.get("x-cache") == "file"
    assert visitor.locator("link[rel=stylesheet]").count() >= 1
    screenshot(visitor, "front-visitor-zh-phone")
    assert visitor.problems == []

    reader = new_page(locale="en-GB", viewport=DESKTOP)
    answer = reader.goto(base + pages["about_en"].url)
    assert answer.headers.get("x-cache") == "file"
    screenshot(reader, "front-visitor-en-desktop")

    staff = new_page(locale="en-GB", viewport=DESKTOP)
    sign_in(staff, base, editor("en"))
    publish_title(staff, base, pages["about_en"].pk, "About SMART today", "Publish")
    screenshot(staff, "front-editor-en-published")
    answer = reader.goto(base + pages["about_en"].url)
    assert answer.headers.get("x-cache") != "file"  # Django's answer, while the copy is being brought in line
    assert reader.locator("h1").inner_text() == "About SMART today"
    screenshot(reader, "front-visitor-en-sees-publication")

    chinese_staff = new_page(locale="zh-CN", viewport=DESKTOP)
    sign_in(chinese_staff, base, editor("zh-hans"))
    publish_title(chinese_staff, base, pages["about"].pk, "关于深圳医学科学院", "发布")
    screenshot(chinese_staff, "front-editor-zh-published")
    visitor.goto(base + pages["about"].url)
    assert visitor.locator("h1").inner_text() == "关于深圳医学科学院"
    screenshot(visitor, "front-visitor-zh-sees-publication")

    front.refresh()  # the task worker's turn: the copy has both publications and is served again
    for page, url, title in (
        (reader, pages["about_en"].url, "About SMART today"),
        (visitor, pages["about"].url, "关于深圳医学科学院"),
    ):
        answer = page.goto(base + url)
        assert answer.headers.get("x-cache") == "file" and page.locator("h1").inner_text() == title
    assert visitor.problems == [] and reader.problems == []


def test_visitors_never_meet_a_missing_page_while_the_copy_comes_and_goes(front_site, new_page, screenshot):
    """A visitor reading page after page while changes withdraw the copy and refreshes link it again: every page
    arrives whole, from the copy or from Django, never nginx's 404 (it was when the link went between nginx
    finding a page's file and opening it)."""
    pages, nginx = front_site
    with link_coming_and_going(front.live_link()):
        for locale, viewport, names in (
            ("zh-CN", PHONE, ("home", "about", "news", "article", "mission")),
            ("en-GB", DESKTOP, ("home_en", "about_en", "news_en", "article_en", "mission_en")),
        ):
            visitor = new_page(locale=locale, viewport=viewport)
            missing = []
            for _round in range(6):
                for name in names:
                    answer = visitor.goto(nginx.url + pages[name].url)
                    if answer.status != 200 or visitor.locator("h1").count() == 0:
                        missing.append((pages[name].url, answer.status))
            screenshot(visitor, f"front-visitor-{locale}-while-the-copy-comes-and-goes")
            assert missing == [], missing
            assert visitor.problems == []

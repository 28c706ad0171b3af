"""A communications officer translates the December digest issue in a real browser, in each admin language (issue 16,
points 1-3): "Translate this page" ticks English, leaves every live English page (November's fields of medicine
"Oncology", "AI in medicine") as it was and makes an English draft; until the officer publishes it no English
page, feed, sitemap, search answer or API answer carries the Chinese text; Reports → Translations to update lists
it. Screenshots in test-artifacts/browser/translation-<language>-*.png."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from content.models import DigestIssuePage
from content.taxonomy import FieldOfMedicine
from tests.browser.staff import BROWSER_LOCALE, PASSWORD, sign_in
from tests.factories.digest import DECEMBER, translation_scenario

pytestmark = pytest.mark.browser

ENGLISH_TITLE = "Digest · December 2026"


def t(message, language):
    with translation.override(language):
        return translation.gettext(message)


def public_english(visitor, base):
    """What a visitor (not signed in) gets in English: the pages, feeds, sitemap, API and search answers."""
    answers = {}
    for name, path in {
        "november": "/en/digest/2026-11/",
        "index": "/en/digest/",
        "december": "/en/digest/2026-12/",
        "rss": "/en/digest/feed/rss/",
        "atom": "/en/digest/feed/atom/",
        "sitemap": "/sitemap.xml",
        "api": "/api/v2/pages/?locale=en&type=content.DigestIssuePage&fields=title",
        "search": "/api/search/?locale=en&q=December",
        "search_zh": "/api/search/?locale=en&q=%E5%8D%81%E4%BA%8C%E6%9C%88",
    }.items():
        response = visitor.request.get(base + path)
        answers[name] = (response.status, response.text())
    return answers


@pytest.fixture
def newsroom(served_site, settings, live_server):
    settings.SITE_BASE_URL = live_server.url
    return translation_scenario(served_site["home"], served_site["home_en"])


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_officer_translates_the_december_issue(newsroom, live_server, new_page, screenshot, language):
    base = live_server.url
    officer = get_user_model().objects.create_superuser("officer", "officer@example.org", PASSWORD)
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    shot = lambda page, name: screenshot(page, f"translation-{language}-{name}")  # noqa: E731
    english_names = sorted(FieldOfMedicine.objects.filter(locale__language_code="en").values_list("slug", "name"))
    visitor = new_page(locale="en-US")
    before = public_english(visitor, base)
    assert before["december"][0] == 404 and "Oncology" in before["november"][1]

    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, officer.username)
    december = newsroom["december"]

    # 1. "Translate" from the issue's editor: English is ticked already.
    page.goto(base + f"/admin/pages/{december.pk}/edit/")
    link = page.locator(f"a[href*='/admin/localize/submit/page/{december.pk}/']").first
    if not link.is_visible():
        page.locator("header [data-controller='w-dropdown'] button, .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        link.click()
    en = Locale.objects.get(language_code="en")
    assert page.locator(f"input[name=locales][value='{en.pk}']").is_checked()
    shot(page, "1-translate-form")
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    draft = DigestIssuePage.objects.get(translation_key=december.translation_key, locale=en)
    assert not draft.live
    shot(page, "2-translation-editor")

    # Nothing changed for English readers: no text lost, nothing untranslated put live.
    during = public_english(visitor, base)
    assert during == before
    assert sorted(FieldOfMedicine.objects.filter(locale__language_code="en").values_list("slug", "name")) == sorted(
        english_names + [("synthetic-biology", "合成生物学")]
    )

    # 2. Reports → Translations to update lists the English draft.
    page.goto(base + "/admin/")
    page.get_by_role("button", name=re.compile(t("Reports", language))).click()
    with page.expect_navigation():
        page.get_by_role("link", name=t("Translations to update", language)).click()
    row = page.locator(f"tr[data-page='{draft.pk}']")
    assert t("Not published yet", language) in row.inner_text()
    shot(page, "3-report")

    # 3. The officer translates the title and publishes the English issue.
    page.goto(base + f"/admin/pages/{draft.pk}/edit/")
    segment = page.locator("li", has_text=DECEMBER).filter(has=page.locator("button")).last
    segment.locator("button").first.click()
    segment.locator("textarea").fill(ENGLISH_TITLE)
    segment.locator("button").last.click()
    page.wait_for_timeout(500)
    shot(page, "4-title-translated")
    with page.expect_navigation():
        page.locator("button", has_text="English").last.click()
    draft.refresh_from_db()
    assert draft.live and draft.title == ENGLISH_TITLE
    shot(page, "5-published")

    after = public_english(visitor, base)
    assert after["december"][0] == 200 and ENGLISH_TITLE in after["december"][1]
    assert ENGLISH_TITLE in after["rss"][1] and ENGLISH_TITLE in after["atom"][1]
    assert "/en/digest/2026-12/" in after["sitemap"][1]
    assert ENGLISH_TITLE in after["api"][1]
    assert "/en/digest/2026-12/" in after["search"][1]
    assert "Oncology" in after["november"][1] and "肿瘤学" not in after["november"][1]  # now it links to December
    visitor.goto(base + "/en/digest/2026-12/")
    screenshot(visitor, f"translation-{language}-6-english-issue")

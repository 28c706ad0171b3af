"""A communications officer starts the next 《全球医学科技动态》 issue in real Chromium, in each admin language.

The series has November and December 2026 (Vol. 1, No. 11 and 12). The new issue's form comes prefilled with a
title, address, volume, number and month that agree (January 2027, Vol. 2, No. 1). The officer saves it as a
draft (what Wagtail's autosave does with a form left open) and abandons it. On the second try the form names the
unfinished January draft with a link to it and offers February (Vol. 2, No. 2), in agreement; the officer sets
January again and saving shows errors naming the draft with a link, not a bare conflict, and saves nothing. The
officer follows the link and saves the draft. Screenshots in test-artifacts/browser/digest-numbering-<language>-*.png.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation
from django.utils.formats import date_format
from wagtail.users.models import UserProfile

from content.models import DigestIssuePage
from tests.browser.staff import BROWSER_LOCALE, sign_in
from tests.factories.digest import add_issue, make_fields, make_index

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
JANUARY, FEBRUARY = datetime.date(2027, 1, 1), datetime.date(2027, 2, 1)


def t(message, language):
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def series(served_site):
    cache.clear()
    make_fields()
    index, index_en = make_index(served_site["home"], served_site["home_en"])
    for number, month in ((11, datetime.date(2026, 11, 1)), (12, datetime.date(2026, 12, 1))):
        add_issue(index, month, title=f"{index.title} · {month:%Y-%m}", volume=1, number=number)
        add_issue(index_en, month, title=f"{index_en.title} · {month:%Y-%m}", volume=1, number=number)
    return {"zh-hans": index, "en": index_en}


def title_of(index, month):
    with translation.override(index.locale.language_code):
        return f"{index.title} · {date_format(month, 'YEAR_MONTH_FORMAT')}"


def prefilled(page):
    return {
        "title": page.input_value("#id_title"),
        "slug": page.input_value("#id_slug"),
        "issue_month": page.input_value("#id_issue_month"),
        "volume": page.input_value("#id_volume"),
        "number": page.input_value("#id_number"),
    }


def save_draft(page, language):
    with page.expect_navigation():
        page.locator("button.action-save").filter(has_text=t("Save draft", language)).first.click()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_new_issue_numbers_itself_and_an_abandoned_draft_is_named_with_a_link(
    series, live_server, new_page, screenshot, language
):
    user = get_user_model().objects.create_superuser(f"officer-{language}", "officer@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    index = series[language]
    base = live_server.url
    add_url = f"{base}/admin/pages/add/content/digestissuepage/{index.pk}/"
    shot = f"digest-numbering-{language}"

    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, user.username, PASSWORD)

    # First try: everything prefilled agrees, the month after the latest issue.
    page.goto(add_url)
    assert page.locator("html").get_attribute("lang") == language
    assert prefilled(page) == {
        "title": title_of(index, JANUARY),
        "slug": "2027-01",
        "issue_month": "2027-01-01",
        "volume": "2",
        "number": "1",
    }
    # The officer saves the form as a draft (as Wagtail's autosave does with a form left open) and leaves it.
    page.fill("#id_lead_image_alt", "示意图" if language == "zh-hans" else "An illustration")
    save_draft(page, language)
    page.locator(".messages li.success").wait_for(state="visible")
    screenshot(page, f"{shot}-1-first-try-saved-as-draft")
    draft = DigestIssuePage.objects.child_of(index).get(issue_month=JANUARY)
    assert not draft.live and (draft.volume, draft.number, draft.slug) == (2, 1, "2027-01")

    # Abandoned; second try: the draft is named with a link, the next free month is offered, in agreement.
    page.goto(add_url)
    notice = page.locator(".messages li.warning")
    notice.wait_for(state="visible")
    link = notice.get_by_role("link", name=draft.title)
    assert link.get_attribute("href") == f"/admin/pages/{draft.pk}/edit/"
    assert prefilled(page) == {
        "title": title_of(index, FEBRUARY),
        "slug": "2027-02",
        "issue_month": "2027-02-01",
        "volume": "2",
        "number": "2",
    }
    screenshot(page, f"{shot}-2-second-try-names-the-draft")

    # The officer wanted January after all: saving names the draft in the way, with a link to it.
    page.fill("#id_issue_month", "2027-01-01")
    page.fill("#id_title", title_of(index, JANUARY))
    save_draft(page, language)
    page.locator(".w-field__errors .error-message").first.wait_for(state="visible")
    errors = page.locator(".w-field__errors .error-message").all_inner_texts()
    screenshot(page, f"{shot}-3-save-names-the-draft")
    assert any(draft.title in text for text in errors), errors
    draft_links = page.locator(f'.w-field__errors a[href="/admin/pages/{draft.pk}/edit/"]')
    assert draft_links.count() >= 1
    assert DigestIssuePage.objects.child_of(index).count() == 3
    # The header's saving indicator settles: the autosave that the error page starts is refused for the same
    # validation errors, and the indicator says autosave is paused (it must not stay on "Saving…").
    indicator = page.locator("#w-autosave-indicator")
    page.wait_for_function(
        """() => {
          const indicator = document.querySelector("#w-autosave-indicator");
          return !!indicator && indicator.getAttribute("data-w-autosave-state-value") === "paused";
        }""",
        timeout=15_000,
    )
    page.wait_for_timeout(1_000)  # and stays settled: no save left running behind it
    assert indicator.get_attribute("data-w-autosave-state-value") == "paused"
    assert indicator.locator(".w-autosave-indicator__state--paused").is_visible()
    assert not indicator.locator(".w-autosave-indicator__state--saving").is_visible()
    screenshot(page, f"{shot}-3b-indicator-settled")

    # The officer follows the link and continues the draft: it saves.
    with page.expect_navigation():
        draft_links.first.click()
    assert page.url.endswith(f"/admin/pages/{draft.pk}/edit/")
    page.fill("#id_lead_image_alt", "示意图，续" if language == "zh-hans" else "An illustration, continued")
    save_draft(page, language)
    page.locator(".messages li.success").wait_for(state="visible")
    screenshot(page, f"{shot}-4-draft-continued-and-saved")
    assert not page.locator(".w-field__errors").filter(has_text=draft.title).count()
    draft.refresh_from_db()
    latest = draft.get_latest_revision_as_object()
    assert latest.lead_image_alt.endswith(("续", "continued"))
    # Only the autosave that the January form set off was refused (400, validation errors): nothing else failed.
    unexpected = [p for p in page.problems if not p.endswith(add_url) and "status of 400" not in p]
    assert unexpected == [], page.problems

"""A job posting's salary in a real browser, in each admin language (issue 16 point 9).

A communications publisher gives the postdoc posting a monthly salary range: a slip (2,000,000 a month) is refused
on the field with a translated message and nothing is saved; the corrected range is saved; the preview shows
"月薪 20,000–35,000 元" / "Monthly salary CNY 20,000–35,000" and no empty "Application form" heading. Screenshots in
test-artifacts/browser/posting-<language>-*.png."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from content.editorial import PUBLISHERS
from content.models import JobPostingPage
from tests.browser.staff import BROWSER_LOCALE, PASSWORD, sign_in, t
from tests.factories.publications import build_jobs

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_salary_range_is_checked_saved_and_previewed(served_site, live_server, new_page, screenshot, language):
    base = live_server.url
    pages = build_jobs(served_site)
    posting = pages["postdoc"] if language == "zh-hans" else pages["postdoc_en"]
    user = get_user_model().objects.create_user(f"publisher-{language}", password=PASSWORD)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    shot = lambda page, name: screenshot(page, f"posting-{language}-{name}")  # noqa: E731
    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, user.username)

    # 1. A yearly figure typed into a monthly salary: refused on the field, nothing saved.
    page.goto(base + f"/admin/pages/{posting.pk}/edit/")
    page.fill("#id_salary_min", "20000")
    page.fill("#id_salary_max", "2000000")
    page.select_option("#id_salary_period", "MONTH")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save draft", language), exact=True).click()
    message = t(
        "A monthly salary above CNY %(limit)s cannot be right: please check the figure "
        "(a yearly amount in a monthly field, or a zero too many?).",
        language,
        limit="1,000,000",
    )
    error = page.locator("[data-field-wrapper]", has=page.locator("#id_salary_max")).locator(".error-message")
    assert error.inner_text().strip() == message
    page.locator("#id_salary_max").scroll_into_view_if_needed()
    shot(page, "1-refused")
    stored = JobPostingPage.objects.get(pk=posting.pk)
    assert stored.salary_max is None and stored.latest_revision.as_object().salary_max is None

    # 2. The corrected range is saved as a draft.
    page.fill("#id_salary_max", "35000")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save draft", language), exact=True).click()
    assert page.locator(".messages li.success").count() == 1
    draft = JobPostingPage.objects.get(pk=posting.pk).latest_revision.as_object()
    assert (draft.salary_min, draft.salary_max, draft.salary_period) == (Decimal("20000"), Decimal("35000"), "MONTH")
    # Wagtail answers the refused save (and its autosave of the refused figures) with 400: expected, nothing else.
    assert all("400" in problem for problem in page.problems), page.problems
    page.problems.clear()

    # 3. The preview: the range with separators in the posting's language, no heading over a missing form.
    page.goto(base + f"/admin/pages/{posting.pk}/view_draft/")
    expected = "月薪 20,000–35,000 元" if language == "zh-hans" else "Monthly salary CNY 20,000–35,000"
    assert page.locator(".salary-range").inner_text() == expected
    assert page.locator("#apply-heading").count() == 0
    assert page.locator("a[href='#apply']").count() == 0
    assert page.locator("h2").all_inner_texts() and t("Application form", posting.locale.language_code) not in (
        page.locator("h2").all_inner_texts()
    )
    shot(page, "2-preview")
    assert page.problems == [], page.problems

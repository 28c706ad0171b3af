"""The admin home as a home page for work (issue 16 point 8), in a real browser in each admin language.

A communications publisher signs in and finds, before anything else, the page that waits for their approval, the
translation whose Chinese original was published after it, and the page scheduled to go live (its time in Beijing
time); one click opens the page to approve. A grants officer finds their records per state and one click on a count
opens the list filtered on that state. Screenshots in test-artifacts/browser/admin-home-<language>-*.png."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from content.editorial import EDITORS, PUBLISHERS
from records.grants.models import Status
from tests.browser.staff import BROWSER_LOCALE, PASSWORD, sign_in, t
from tests.factories import grants as g

pytestmark = pytest.mark.browser


def account(username, language, group=None, user=None):
    user = user or get_user_model().objects.create_user(username, password=PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def work_world(served_site):
    pages = served_site
    editor = account("editor", "en", EDITORS)
    about = Page.objects.get(pk=pages["about"].pk).specific
    about.get_workflow().start(about, editor)
    article = Page.objects.get(pk=pages["article"].pk).specific
    article.title = "深圳医学科学院正式成立（更新）"
    article.save_revision(user=editor).publish()
    go_live = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=3), datetime.time(9, 30))
    )
    news = Page.objects.get(pk=pages["news"].pk).specific
    news.go_live_at = go_live
    news.save_revision(user=editor).publish()
    call = g.make_call()
    institution = g.make_institution(call.programme)
    applications = [
        g.make_application(call, institution, status=status)
        for status in (Status.SUBMITTED, Status.SUBMITTED, Status.PEER_REVIEW)
    ]
    return {"pages": pages, "go_live": go_live, "applications": applications}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_publisher_finds_their_work_on_the_admin_home(work_world, live_server, new_page, screenshot, language):
    base = live_server.url
    account(f"publisher-{language}", language, PUBLISHERS)
    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, f"publisher-{language}")

    panel = page.locator("#smart-your-work-section")
    assert panel.locator("h2").inner_text().strip() == t("Your work", language)
    approvals = panel.locator("[data-work=approvals]")
    assert approvals.locator("[data-count]").inner_text() == "1"
    assert "关于我们" in approvals.inner_text() and t("Publisher approval", language) in approvals.inner_text()
    translations = panel.locator("[data-work=translations]")
    assert "SMART is founded" in translations.inner_text()
    scheduled = panel.locator("[data-work=scheduled]")
    when = work_world["go_live"].strftime("%Y-%m-%d") + " 09:30"
    assert t("Goes live %(when)s", language, when=when) in scheduled.inner_text()
    assert "Asia/Shanghai" in panel.locator(".help-text").inner_text()
    assert page.locator("#records-by-state-section").count() == 0
    screenshot(page, f"admin-home-{language}-1-publisher")

    # One click opens the page that waits for approval.
    with page.expect_navigation():
        approvals.get_by_role("link", name="关于我们").click()
    assert page.url == base + f"/admin/pages/{work_world['pages']['about'].pk}/edit/"
    page.goto(base + "/admin/")
    with page.expect_navigation():
        translations.get_by_role("link", name="SMART is founded").click()
    assert page.url == base + f"/admin/pages/{work_world['pages']['article_en'].pk}/edit/"
    assert page.problems == [], page.problems


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_grants_officer_finds_their_records_per_state(work_world, live_server, new_page, screenshot, language):
    base = live_server.url
    officer = account(f"officer-{language}", language, user=g.office_user(f"officer-{language}"))
    officer.set_password(PASSWORD)
    officer.save()
    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, officer.username)

    # At the top, in the summary: what waits in each inbox.
    inbox = page.locator(".w-summary [data-inbox=grants_application] a")
    label, state = t("Grant applications", language), t("Submitted", language)
    assert inbox.inner_text().strip() == f"2 {label} · {state}"
    panel = page.locator("#records-by-state-section")
    assert panel.locator("h2").inner_text().strip() == t("Your records", language)
    applications = panel.locator("[data-kind=grants_application]")
    assert t("Grant applications", language) in applications.locator("h3").inner_text()
    submitted = applications.locator("tr[data-state=submitted]")
    assert submitted.locator("td").first.inner_text() == t("Submitted", language)
    assert submitted.locator("a").inner_text() == "2"
    assert applications.locator("tr[data-state=peer_review] a").inner_text() == "1"
    assert page.locator("#smart-your-work-section").count() == 0  # no page work for the grants office
    screenshot(page, f"admin-home-{language}-2-grants-officer")

    with page.expect_navigation():
        submitted.locator("a").click()
    assert page.url == base + "/admin/grants/applications/?status=submitted"
    listing = page.locator("table.listing").inner_text()
    first, second, in_review = work_world["applications"]
    assert first.reference in listing and second.reference in listing and in_review.reference not in listing
    screenshot(page, f"admin-home-{language}-3-filtered-list")
    assert page.problems == [], page.problems

"""Mis-clicks in the grants office, in a real browser and each admin language: a rejection at formal review (emailed
at once, unlike a panel decision) asks for a confirmation that says so, and nothing is sent before it; a panel decision
that is refused comes back with everything the officer typed. Screenshots in
test-artifacts/browser/grants-mistakes-<language>-*.png."""

from decimal import Decimal

import pytest
from django.core import mail

from records.grants.models import Application, Decision, Status
from tests.browser.staff import BROWSER_LOCALE, sign_in, t
from tests.browser.test_grants_journey import admin_in, error, success
from tests.factories import grants as f

pytestmark = pytest.mark.browser


@pytest.fixture
def office(transactional_db, live_server, settings):
    settings.SITE_BASE_URL = live_server.url
    call = f.make_call(budget=Decimal("5000000"), cap=Decimal("900000"))
    return {
        "call": call,
        "officer": f.office_user("officer"),
        "formal": f.make_application(call, status=Status.FORMAL_REVIEW, pi_email="pi@example.org"),
        "panel": f.make_application(call, status=Status.PANEL_REVIEW, requested_budget=Decimal("800000")),
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_formal_rejection_is_confirmed_and_a_refused_decision_keeps_its_fields(
    office, live_server, new_page, screenshot, language
):
    base = live_server.url
    officer = admin_in(office["officer"], language)
    shot = lambda page, name: screenshot(page, f"grants-mistakes-{language}-{name}")  # noqa: E731
    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, officer.username)
    mail.outbox.clear()

    # 1. "Reject at formal review" with a reason: a confirmation first, which says the email goes at once.
    application = office["formal"]
    page.goto(base + f"/admin/grants/applications/inspect/{application.pk}/")
    page.select_option("#id_target", Status.REJECTED_FORMAL)
    page.fill("form[action*='/move/'] textarea[name=reason]", "缺少依托单位盖章 / The host's seal is missing.")
    with page.expect_navigation():
        page.locator("form[action*='/move/'] button[type=submit]").click()
    warning = t(
        "The applicant is emailed this rejection and your reason at once, in their language: it cannot be taken back.",
        language,
    )
    assert warning in page.locator("[role=alert]").inner_text()
    reason = page.locator("textarea[name=reason]")
    assert reason.input_value() == "缺少依托单位盖章 / The host's seal is missing."
    assert page.get_by_label(t("Reason, sent to the applicant", language)).count() == 1
    shot(page, "1-confirm-rejection")
    assert mail.outbox == []
    assert Application.objects.get(pk=application.pk).status == Status.FORMAL_REVIEW

    # Cancel changes nothing; going ahead sends exactly one email.
    page.get_by_role("link", name=t("Cancel", language)).click()
    page.wait_for_url(f"**/inspect/{application.pk}/")
    assert mail.outbox == []
    page.select_option("#id_target", Status.REJECTED_FORMAL)
    page.fill("form[action*='/move/'] textarea[name=reason]", "缺少依托单位盖章 / The host's seal is missing.")
    with page.expect_navigation():
        page.locator("form[action*='/move/'] button[type=submit]").click()
    page.get_by_label(t("I have checked the reason: send the rejection now.", language)).check()
    with page.expect_navigation():
        page.locator("form button[type=submit].button").first.click()
    assert application.reference in success(page)
    assert Application.objects.get(pk=application.pk).status == Status.REJECTED_FORMAL
    assert len(mail.outbox) == 1 and "The host's seal is missing." in mail.outbox[0].body
    shot(page, "2-rejected")

    # 2. On the panel list, "Do not fund" with an award typed: refused, and the row keeps what was typed.
    panel = office["panel"]
    page.goto(base + f"/admin/grants/calls/panel/{office['call'].pk}/")
    row = page.locator(f"form[action$='/decide/{panel.pk}/']")
    row.locator("select[name=decision]").select_option("not_fund")
    row.locator("input[name=award_amount]").fill("750000")
    row.locator("input[name=reason]").fill("预算偏高")
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    assert "750,000.00" in error(page)
    row = page.locator(f"form[action$='/decide/{panel.pk}/']")
    assert row.locator("select[name=decision]").input_value() == "not_fund"
    assert row.locator("input[name=award_amount]").input_value() == "750000"
    assert row.locator("input[name=reason]").input_value() == "预算偏高"
    shot(page, "3-refused-decision-kept")
    assert not Decision.objects.exists() and len(mail.outbox) == 1

"""Back-office casework in real Chromium, as foundation and grants/HR staff do it, in both admin languages (issue 17,
points 3, 4 and 7): a pledge to its receipt (a payment recorded without an agreement under the foundation's
threshold, the reason shown on a pledge above it, the receipt PDF checked with pdffonts and pdftotext), and a grant
and a job application read with their history (Beijing time, readable values). Screenshots are kept in
test-artifacts/browser/casework-*.png."""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.users.models import UserProfile

from records import audit
from records.donations.models import FoundationSettings
from records.donations.roles import FOUNDATION_STAFF
from records.donations.services import submit_pledge
from records.grants.roles import GRANTS_OFFICE
from records.recruitment.roles import HR_STAFF
from tests.factories import donations as donation_factories
from tests.factories import grants as grant_factories
from tests.factories import recruitment as recruitment_factories
from tests.pdf_tools import require_poppler

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
SUBMITTED = datetime.datetime(2026, 12, 5, 22, 54, tzinfo=datetime.UTC)  # 6 December 2026, 06:54 in Beijing
WORDS = {
    "zh-hans": {
        "when": "2026年12月6日 06:54",
        "yes": "是",
        "chinese": "简体中文",
        "english": "英文",
        "record": "登记付款并开具收据",
        "received": "登记付款",
    },
    "en": {
        "when": "6 December 2026, 06:54",
        "yes": "Yes",
        "chinese": "Simplified Chinese",
        "english": "English",
        "record": "Record the payment and issue a receipt",
        "received": "recorded for",
    },
}


@pytest.fixture
def staff_site(browser, transactional_db, django_db_serialized_rollback, live_server, settings):
    """The live server with an empty private storage folder of its own."""
    return live_server


def staff_member(username, language, *groups):
    account = grant_factories.user(username, *groups)
    account.set_password(PASSWORD)
    account.save()
    profile = UserProfile.get_for_user(account)
    profile.preferred_language = language
    profile.save()
    return account


def sign_in(new_page, base_url, username, language):
    # A tall window: the admin scrolls inside its own frame, so a screenshot shows only what the window holds.
    page = new_page(locale="zh-CN" if language == "zh-hans" else "en-GB", viewport={"width": 1280, "height": 2200})
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()
    assert page.url == base_url + "/admin/"
    return page


def run(tool, *args):
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_pledge_to_its_receipt(staff_site, new_page, screenshot, tmp_path, language):
    require_poppler()
    words = WORDS[language]
    code = grant_factories.valid_credit_code()
    rules = FoundationSettings.load()
    rules.agreement_threshold, rules.credit_code = Decimal("50000"), code
    rules.save()
    designation = donation_factories.designation()
    small, _ = submit_pledge(
        data=donation_factories.pledge_data(amount=Decimal("20000.00"), donor_name="示例捐赠人甲"), language="zh-hans"
    )
    large, _ = submit_pledge(
        data=donation_factories.pledge_data(amount=Decimal("800000.00"), donor_name="Sample Donor B"), language="en"
    )
    assert designation and small.status == large.status == "pledged"
    staff_member(f"foundation-{language}", language, FOUNDATION_STAFF)
    page = sign_in(new_page, staff_site.url, f"foundation-{language}", language)

    page.goto(staff_site.url + "/admin/donations/pledges/")
    listing = page.locator("table.listing")
    assert "800,000.00" in listing.inner_text() and "20,000.00" in listing.inner_text()
    reference_cell = page.locator("td.records-nowrap", has_text=large.reference)
    assert reference_cell.evaluate("cell => getComputedStyle(cell).whiteSpace") == "nowrap"
    screenshot(page, f"casework-pledges-{language}")

    # Above the threshold: no payment form, and the reason where it would be.
    page.get_by_role("link", name=large.reference).click()
    reason = page.locator("div.records-agreement-reason")
    reason.wait_for()
    assert "50,000.00" in reason.inner_text()
    assert page.get_by_role("button", name=words["record"]).count() == 0
    screenshot(page, f"casework-pledge-needs-agreement-{language}")

    # Below it: the payment is recorded without an agreement, and the receipt issued.
    page.goto(staff_site.url + "/admin/donations/pledges/")
    page.get_by_role("link", name=small.reference).click()
    page.locator("#id_amount").fill("20000")
    # The date field comes filled in with today (in Chinese too: a date written 2026年12月6日 left it empty).
    assert page.locator("#id_received_on").input_value() == timezone.localdate().isoformat()
    assert page.locator("#id_start").input_value() == f"{timezone.localdate().year}-01-01"
    page.locator("#id_method").select_option("bank_transfer")
    with page.expect_navigation():
        page.get_by_role("button", name=words["record"]).click()
    message = page.locator(".messages").inner_text()
    assert words["received"] in message and "20,000.00" in message and "SMRC-" in message
    screenshot(page, f"casework-pledge-paid-{language}")

    receipt_link = page.locator("a", has_text="SMRC-").first
    with page.expect_download() as download_info:
        receipt_link.click()
    receipt = tmp_path / "receipt.pdf"
    download_info.value.save_as(receipt)
    fonts = [line.split() for line in run("pdffonts", str(receipt)).splitlines()[2:] if line.strip()]
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # every font embedded
    text = run("pdftotext", "-layout", str(receipt), "-")
    for expected in ("人民币贰万元整", "20,000.00", code, "捐赠收据", "Donation receipt", small.reference):
        assert expected in text, expected
    assert page.problems == [], page.problems


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_staff_read_a_grant_and_a_job_application_in_beijing_time(staff_site, new_page, screenshot, language):
    words = WORDS[language]
    call = grant_factories.make_call()
    application = grant_factories.make_application(
        call, requested_budget=Decimal("800000"), submitted_at=SUBMITTED, title="肝癌早期筛查（示例）"
    )
    audit.record(application, "file_opened", actor_label=audit.SYSTEM, at=SUBMITTED)
    candidate = recruitment_factories.make_application(language="en", name="Sample Candidate", submitted_at=SUBMITTED)
    account = staff_member(f"office-{language}", language, GRANTS_OFFICE)
    account.groups.add(Group.objects.get_or_create(name=HR_STAFF)[0])
    page = sign_in(new_page, staff_site.url, f"office-{language}", language)

    page.goto(staff_site.url + "/admin/grants/applications/")
    row = page.locator("tr", has_text=application.reference)
    assert "2026-12-06 06:54" in row.inner_text() and "800,000.00" in row.inner_text()
    link = page.get_by_role("link", name=application.reference)
    assert link.evaluate("a => a.getClientRects().length") == 1  # the reference stays on one line
    screenshot(page, f"casework-grant-list-{language}")
    link.click()
    page.locator("dl").first.wait_for()
    details = page.locator("dl").first.inner_text()
    assert words["when"] in details and words["yes"] in details and words["chinese"] in details
    assert "800,000.00" in details and "True" not in details and "None" not in details
    assert "zh-hans" not in details and "22:54" not in details
    history = page.locator("section.records-section", has=page.locator("table.listing")).last.inner_text()
    assert "2026-12-06 06:54" in history
    screenshot(page, f"casework-grant-inspect-{language}")

    page.goto(staff_site.url + "/admin/recruitment/applications/")
    page.get_by_role("link", name=candidate.reference).click()
    page.locator("dl").first.wait_for()
    details = page.locator("dl").first.inner_text()
    assert words["when"] in details and words["english"] in details and "None" not in details
    history = page.locator("section.records-section", has=page.locator("table.listing")).last.inner_text()
    assert "2026-12-06 06:54" in history
    screenshot(page, f"casework-job-application-{language}")
    assert page.problems == [], page.problems

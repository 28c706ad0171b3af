"""HR's journey in a real browser, in each admin language: an offer two weeks before the interview and without any
evaluation is warned about and needs a reason; it is held with a rejection of another candidate; both are checked on
"Offers and rejections" (each email shown as it will be sent) and sent with a double click; each candidate gets
exactly one email, in the language they applied in. Screenshots in test-artifacts/browser/hr-<language>-*.png."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.users.models import UserProfile

from records import audit
from records.recruitment.models import Interview, JobApplication, Outcome, Status
from tests.browser.staff import BROWSER_LOCALE, sign_in, t
from tests.factories import recruitment as f

pytestmark = pytest.mark.browser


def shown(page):
    """Wait until Wagtail has faded the messages in, so that screenshots show them."""
    page.wait_for_function("() => getComputedStyle(document.querySelector('.messages > ul')).opacity === '1'")


def success(page):
    message = page.locator(".messages li.success").last
    shown(message.page)
    return message.inner_text().strip()


@pytest.fixture
def hr_world(transactional_db, django_db_serialized_rollback, live_server, settings):
    settings.SITE_BASE_URL = live_server.url
    panel = f.panel_user("panel-member")
    held_on = timezone.localdate() + datetime.timedelta(days=14)  # the interview is in two weeks
    interview_round = f.make_round(held_on=held_on, panel=[panel], location="SMART Building, Room 101")
    (slot,) = f.make_slots(interview_round, count=1)
    candidate = f.make_application(status=Status.INTERVIEW, language="en", name="Sample Candidate")
    Interview.objects.create(slot=slot, round=interview_round, application=candidate)
    other = f.make_application(status=Status.SCREENING, language="zh-hans", name="示例应聘者")
    return {"candidate": candidate, "other": other, "slot": slot}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_offer_is_warned_about_held_confirmed_and_sent_once(hr_world, live_server, new_page, screenshot, language):
    base = live_server.url
    candidate, other = hr_world["candidate"], hr_world["other"]
    hr = f.hr_user("hr-officer")
    profile = UserProfile.get_for_user(hr)
    profile.preferred_language = language
    profile.save()
    shot = lambda page, name: screenshot(page, f"hr-{language}-{name}")  # noqa: E731
    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, hr.username)
    mail.outbox.clear()

    # 1. "Make an offer" two weeks before the interview, with no evaluation: the warnings, then a reason.
    page.goto(base + "/admin/recruitment/applications/")
    page.get_by_role("link", name=candidate.reference).click()
    page.select_option("#id_target", Status.OFFER)
    with page.expect_navigation():
        page.locator("form[action*='/move/'] button[type=submit]").click()
    warnings = page.locator(".records-confirm .help-warning").inner_text()
    when = timezone.localtime(hr_world["slot"].starts_at).strftime("%Y-%m-%d %H:%M")
    assert t("The interview is on %(when)s (Beijing time): this offer would come before it.", language, when=when) in (
        warnings
    )
    assert t("No panel member has evaluated this candidate.", language) in warnings
    shot(page, "1-offer-warning")
    assert page.locator("#id_reason").get_attribute("required") is not None  # no reason, no offer (server: unit tests)
    assert not Outcome.objects.exists()
    page.fill("#id_reason", "The director interviewed the candidate in Boston; the panel agrees by email.")
    page.check("#id_confirmed")
    with page.expect_navigation():
        page.locator(".records-confirm button[type=submit]").click()
    assert success(page).startswith(t("Offer to %(reference)s held.", language, reference=candidate.reference))
    assert page.locator(".records-held").is_visible()
    assert JobApplication.objects.get(pk=candidate.pk).status == Status.INTERVIEW and mail.outbox == []
    shot(page, "2-offer-held")
    entry = audit.history(candidate).get(action="outcome_held")
    assert entry.reason.startswith("The director") and entry.data["overridden"]

    # 2. A rejection of the other candidate, held too.
    page.goto(base + f"/admin/recruitment/applications/inspect/{other.pk}/")
    page.select_option("#id_target", Status.REJECTED)
    page.fill("#id_reason", "Publication record too thin (internal)")
    with page.expect_navigation():
        page.locator("form[action*='/move/'] button[type=submit]").click()
    assert success(page).startswith(t("Rejection of %(reference)s held.", language, reference=other.reference))

    # 3. Offers and rejections: what will be sent, each email as the candidate will read it; sent with a double click.
    page.get_by_role("link", name=t("Check and send…", language)).click()
    page.get_by_role("link", name=t("Show every held offer and rejection", language)).click()
    assert page.locator("[data-figure=count]").inner_text() == "2"
    assert page.locator("[data-figure=offers]").inner_text() == "1"
    assert page.locator("[data-figure=rejections]").inner_text() == "1"
    page.locator("details summary").first.click()
    page.locator("details summary").last.click()
    text = page.locator("table.listing").inner_text()
    assert "We are delighted to offer you" in text and "很遗憾" in text and "internal" not in text
    page.check("#id_confirm")
    shot(page, "3-send-confirmation")
    with page.expect_navigation():
        page.locator(".records-send-form button[type=submit]").dblclick()
    page.wait_for_load_state("networkidle")
    shot(page, "4-sent")
    statuses = dict(JobApplication.objects.values_list("pk", "status"))
    assert statuses[candidate.pk] == Status.OFFER and statuses[other.pk] == Status.REJECTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([candidate.email, other.email])
    by = {m.to[0]: m for m in mail.outbox}
    assert by[candidate.email].subject.startswith("Offer: ") and by[other.email].subject.startswith("关于您的申请：")
    assert "internal" not in by[other.email].body and "Boston" not in by[candidate.email].body
    assert page.problems == [], page.problems

    # 4. The history keeps the warning confirmed and the sending, in HR's language.
    page.goto(base + f"/admin/recruitment/applications/inspect/{candidate.pk}/")
    heading = page.get_by_role("heading", name=t("History", language), exact=True)
    page.locator("section.records-section tr").last.scroll_into_view_if_needed()
    history = page.locator("section.records-section").filter(has=heading).inner_text()
    assert t("Offer held (not sent yet)", language) in history
    assert t("No panel member has evaluated this candidate.", language) in history
    assert t("%(move)s (emailed to the candidate)", language, move="").strip() in history
    shot(page, "5-history")

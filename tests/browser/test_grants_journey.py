"""The grants office's journey in a real browser, in each admin language: two applications from intake (the public
form's service, with real files) to released decisions. Staff move one along, pick its reviewers by hand from the
expert pool, a reviewer opens the budget sheet and scores, staff confirm the move to panel review with a review
missing, record decisions on the panel list (a contradictory one refused), change one, and release the call's
decisions after the confirmation of counts and total, clicking twice; each applicant gets exactly one email, in
their language. Screenshots in test-artifacts/browser/grants-<language>-*.png."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from records.grants import services
from records.grants.models import Application, Criterion, Decision, DecisionRelease, Status
from records.uploads import PDF, XLSX
from tests.browser.staff import BROWSER_LOCALE, sign_in, t
from tests.factories import grants as f

pytestmark = pytest.mark.browser


def checked(upload, kind):
    upload.checked_kind = kind
    return upload


def admin_in(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def history_of(page, language):
    heading = page.get_by_role("heading", name=t("History", language), exact=True)
    return page.locator("section.records-section").filter(has=heading).inner_text()


def shown(page):
    """Wait until Wagtail has faded the messages in, so that screenshots show them."""
    page.wait_for_function("() => getComputedStyle(document.querySelector('.messages > ul')).opacity === '1'")


def success(page):
    message = page.locator(".messages li.success").last
    shown(message.page)
    return message.inner_text().strip()


def error(page):
    message = page.locator(".messages li.error").last
    shown(message.page)
    return message.inner_text().strip()


@pytest.fixture
def grants_world(transactional_db, django_db_serialized_rollback, live_server, settings):
    settings.SITE_BASE_URL = live_server.url
    call = f.make_call(budget=Decimal("5000000"), cap=Decimal("900000"), reviewers_per_application=2)
    Criterion.objects.create(
        call=call, code="budget", name_zh="经费预算合理性", name_en="Budget", sort_order=2, max_score=10
    )
    host = f.make_institution(call.programme, name="示例第一医院")
    other_host = f.make_institution(call.programme, name="示例第二医院")
    # The expert pool: an oncologist suggested by field, a cardiologist staff find by hand, one at the host.
    oncologist = f.make_reviewer("oncology", name="Alice Oncology", institution_name="Sample Cancer Institute")
    oncologist.language = "en"
    oncologist.save()
    cardiologist = f.make_reviewer("cardiology", name="王心血管", institution_name="示例心血管研究所")
    f.make_reviewer("oncology", name="赵同院", institution_name="示例第一医院")  # a conflict: never pickable
    submitted = {}
    for key, institution, language, email in (
        ("zh", host, "zh-hans", "pi-zh@example.org"),
        ("en", other_host, "en", "pi-en@example.org"),
    ):
        data = f.application_data(
            call, institution, pi_email=email, requested_budget=Decimal("800000"), title=f"肿瘤免疫研究（{key}）"
        )
        application, _created = services.submit_application(
            call=call,
            data=data,
            proposal=checked(f.pdf_upload(), PDF),
            budget_sheet=checked(f.xlsx_upload(), XLSX),
            language=language,
        )
        submitted[key] = application
    officer = f.office_user("officer")
    # The English application has been through peer review already: its two reviews are in.
    english = submitted["en"]
    services.move(english, Status.FORMAL_REVIEW, officer)
    services.move(english, Status.ACCEPTED, officer)
    services.move(english, Status.PEER_REVIEW, officer)
    for reviewer in (f.make_reviewer("oncology"), f.make_reviewer("oncology")):
        (assignment,) = services.assign_reviewers(english, officer, reviewers=[reviewer])
        scores = {criterion.pk: 8 for criterion in call.criteria.all()}
        services.record_review(assignment, reviewer.user, scores, "Solid work.")
    services.move(english, Status.PANEL_REVIEW, officer)
    return {
        "call": call,
        "officer": officer,
        "oncologist": oncologist,
        "cardiologist": cardiologist,
        "zh": submitted["zh"],
        "en": english,
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_application_from_intake_to_a_released_decision(grants_world, live_server, new_page, screenshot, language):
    base = live_server.url
    world = grants_world
    application, english = world["zh"], world["en"]
    officer = admin_in(world["officer"], language)
    shot = lambda page, name: screenshot(page, f"grants-{language}-{name}")  # noqa: E731
    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, officer.username)
    mail.outbox.clear()

    # 1. From the list to the application; formal review, acceptance, peer review, each confirmed by a message.
    page.goto(base + "/admin/grants/applications/")
    page.get_by_role("link", name=application.reference).click()
    for target in (Status.FORMAL_REVIEW, Status.ACCEPTED, Status.PEER_REVIEW):
        page.select_option("#id_target", target)
        with page.expect_navigation():
            page.locator("form[action*='/move/'] button[type=submit]").click()
        with translation.override(language):
            state = str(Status(target).label)
        moved = t("%(reference)s moved to “%(state)s”.", language, reference=application.reference, state=state)
        assert success(page) == moved
    shot(page, "1-inspect-peer-review")

    # 2. Reviewers picked by hand: the suggested oncologist, and a cardiologist found by searching the pool.
    page.get_by_role("link", name=t("Pick reviewers…", language)).click()
    suggested = page.locator(f"#suggested-{world['oncologist'].pk}")
    assert suggested.is_checked()
    page.fill("#id_q", "示例")
    with page.expect_navigation():
        page.locator("form.grants-reviewer-search button[type=submit]").click()
    conflicted = page.locator("tr", has_text="赵同院").locator("input[type=checkbox]")
    assert conflicted.is_disabled()
    assert t("works at the host institution", language) in page.locator("tr", has_text="赵同院").inner_text()
    page.locator(f"#found-{world['cardiologist'].pk}").check()
    # Of the suggestions ticked for them, staff keep the oncologist only: the cardiologist replaces the other one.
    for box in page.locator("input[id^=suggested-]:checked").all():
        if box.get_attribute("id") != f"suggested-{world['oncologist'].pk}":
            box.uncheck()
    shot(page, "2-pick-reviewers")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Assign the ticked reviewers", language)).click()
    message = success(page)
    assert "Alice Oncology" in message and "王心血管" in message
    emails = {m.to[0]: m for m in mail.outbox}
    assert set(emails) == {world["oncologist"].email, world["cardiologist"].email}
    assert emails[world["oncologist"].email].subject.startswith("Review request: ")
    assert emails[world["cardiologist"].email].subject.startswith("评审邀请：")
    link = re.search(r"https?://\S+/admin/grants/my-reviews/\d+/", emails[world["oncologist"].email].body).group()
    shot(page, "3-reviewers-assigned")

    # 3. The English reviewer follows the emailed link, opens the budget sheet and scores; the other review is missing.
    reviewer_page = new_page(locale="en-US")
    admin_in(world["oncologist"].user, "en")
    sign_in(reviewer_page, base, world["oncologist"].user.username)
    reviewer_page.goto(link)
    budget_link = reviewer_page.get_by_role("link", name="Download the budget sheet")
    budget_link.scroll_into_view_if_needed()
    shot(reviewer_page, "4-reviewer-files")
    with reviewer_page.expect_download() as download:
        reviewer_page.get_by_role("link", name="Download the budget sheet").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert sheet.active["A1"].value == "budget"
    for criterion in world["call"].criteria.all():
        reviewer_page.fill(f"#id_score_{criterion.pk}", "9")
    reviewer_page.fill("#id_comments", "Convincing budget and plan.")
    reviewer_page.check("#id_no_conflict")
    shot(reviewer_page, "4-reviewer-scores-budget")
    with reviewer_page.expect_navigation():
        reviewer_page.get_by_role("button", name="Submit review").click()
    assert reviewer_page.locator(".messages li.success").inner_text().strip() == "Your review is submitted. Thank you."

    # 4. To panel review with 1 of 2 reviews in: a warning, a reason, a confirmation; kept in the history.
    page.goto(base + f"/admin/grants/applications/inspect/{application.pk}/")
    page.select_option("#id_target", Status.PANEL_REVIEW)
    with page.expect_navigation():
        page.locator("form[action*='/move/'] button[type=submit]").click()
    warning = t(
        "%(done)s of %(expected)s reviews are in: the panel would see this application without all its reviews.",
        language,
        done=1,
        expected=2,
    )
    assert warning in page.locator(".records-confirm").inner_text()
    assert Application.objects.get(pk=application.pk).status == Status.PEER_REVIEW
    page.fill("#id_reason", "第二位专家已电话确认同意资助")
    page.check("#id_confirmed")
    shot(page, "5-confirm-panel-review")
    with page.expect_navigation():
        page.locator(".records-confirm button[type=submit]").click()
    assert application.reference in success(page)
    assert t("Confirmed despite a warning: %(warning)s", language, warning=warning) in history_of(page, language)

    # 5. The panel list: "do not fund" with an award filled in is refused; decisions are held; one is changed.
    page.goto(base + f"/admin/grants/calls/panel/{world['call'].pk}/")
    row = page.locator("tr", has_text=application.reference)
    row.locator("select[name=decision]").select_option("not_fund")
    row.locator("input[name=award_amount]").fill("750000")
    with page.expect_navigation():
        row.get_by_role("button", name=t("Record", language)).click()
    assert "750" in error(page) and t("Do not fund", language) in error(page)
    assert not Decision.objects.exists() and mail.outbox[2:] == []
    shot(page, "6-contradiction-refused")
    row = page.locator("tr", has_text=application.reference)
    row.locator("select[name=decision]").select_option("fund")
    row.locator("input[name=award_amount]").fill("300000")
    with page.expect_navigation():
        row.get_by_role("button", name=t("Record", language)).click()
    assert t("It is held: nobody is told until the call's decisions are released.", language) in success(page)
    row = page.locator("tr", has_text=english.reference)
    row.locator("select[name=decision]").select_option("not_fund")
    with page.expect_navigation():
        row.get_by_role("button", name=t("Record", language)).click()
    row = page.locator("tr", has_text=application.reference)
    row.locator("input[name=award_amount]").fill("350000")
    with page.expect_navigation():
        row.get_by_role("button", name=t("Change", language)).click()
    assert application.reference in success(page)
    assert Decision.objects.get(application=application).award_amount == Decimal("350000")
    assert Application.objects.get(pk=application.pk).status == Status.PANEL_REVIEW
    assert len(mail.outbox) == 2  # the two reviewers' invitations, nothing to applicants
    shot(page, "7-panel-held")

    # 6. The release: the confirmation shows the counts and the total; a double click releases once.
    page.get_by_role("link", name=t("Check and release the decisions…", language)).click()
    figures = {
        key: page.locator(f"[data-figure={key}]").inner_text() for key in ("count", "funded", "not-funded", "total")
    }
    assert figures["count"] == "2" and figures["funded"] == "1" and figures["not-funded"] == "1"
    assert figures["total"].replace(",", "") == "350000.00"
    page.check("#id_confirm")
    shot(page, "8-release-confirmation")
    with page.expect_navigation():
        page.locator(".grants-release-form button[type=submit]").dblclick()
    page.wait_for_load_state("networkidle")
    shot(page, "9-released")
    assert DecisionRelease.objects.count() == 1
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[application.pk] == Status.FUNDED and statuses[english.pk] == Status.NOT_FUNDED
    decisions = [m for m in mail.outbox if m.to[0] in (application.pi_email, english.pi_email)]
    assert sorted(m.to[0] for m in decisions) == sorted([application.pi_email, english.pi_email])
    by = {m.to[0]: m for m in decisions}
    assert "350,000.00" in by[application.pi_email].body and "资助" in by[application.pi_email].subject
    assert "could not be funded" in by[english.pi_email].body
    assert page.problems == [], page.problems

    # 7. The history tells it all, in the staff member's language and Beijing time.
    page.goto(base + f"/admin/grants/applications/inspect/{application.pk}/")
    history = history_of(page, language)
    page.locator("section.records-section tr").last.scroll_into_view_if_needed()
    assert t("Decision changed (pending release): fund", language) in history
    assert t("%(move)s (decision released)", language, move="").strip() in history
    today = timezone.localtime().strftime("%Y-%m-%d")
    assert today in history or (timezone.localtime() - datetime.timedelta(minutes=5)).strftime("%Y-%m-%d") in history
    shot(page, "10-history")

"""Applicants who make a mistake, in a real browser, in each language, on a phone (390 px) and a desktop (1280 px)
(issue 19, point 4): a candidate applies for a job and a principal investigator for a grant, each with files and one
field wrong. The error summary lists the problem with a link that takes them to the field; the files they chose
are kept and named ("Kept: cv.pdf (…)"); they correct the field and submit again WITHOUT choosing the files again,
and get the confirmation with a reference number; the stored record holds the very files they chose (sha256).
Nothing of the form is wider than the phone's screen. Screenshots in
test-artifacts/browser/applicant-forms-<language>-<width>-*.png."""

import hashlib
from decimal import Decimal

import pytest

from content.models import FundCallPage
from records.grants.models import Application
from records.recruitment.models import JobApplication
from tests.browser import test_accessibility as a11y
from tests.browser.staff import BROWSER_LOCALE, t
from tests.factories import grants as f
from tests.factories.pages import locales, publish_child, translate
from tests.factories.publications import build_jobs, pdf_bytes
from tests.node_tools import AXE_JS, require

pytestmark = pytest.mark.browser

WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 800}}
SUMMARY = (
    "Please correct the problems below and submit the form again. The files that passed their checks are kept: you "
    "do not need to choose them again."
)
KEPT = "Kept: %(name)s (%(size)s)"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def pdf(name, text):
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(text)}


def submit(page):
    with page.expect_navigation():
        page.locator("form.intake-form button[type=submit]").click()


def nothing_wider_than_the_screen(page, shot):
    """No horizontal scrolling, and every part of the form inside the screen's width."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, shot
    too_wide = page.evaluate(
        """(width) => [...document.querySelectorAll('form.intake-form *')]
            .filter((el) => el.offsetParent !== null && !el.closest('.form-trap'))
            .filter((el) => { const box = el.getBoundingClientRect(); return box.left < -1 || box.right > width + 1; })
            .map((el) => el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className)""",
        width,
    )
    assert too_wide == [], (too_wide, shot)


def the_summary_leads_to(page, language, field_id, message, shot):
    """The error summary names the problem, and its link takes the applicant to the field."""
    summary = page.locator("#form-errors")
    assert summary.is_visible(), shot
    assert t(SUMMARY, language) in summary.inner_text(), shot
    link = summary.locator(f"a[href='#{field_id}']")
    assert link.count() == 1, (summary.inner_text(), shot)
    assert message in link.inner_text(), (link.inner_text(), shot)
    link.click()
    page.wait_for_function(f"() => location.hash === '#{field_id}'")
    box = page.locator(f"#{field_id}").bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] < viewport["height"], (box, shot)


def no_axe_violations(page, shot):
    """axe-core's WCAG 2.1 A/AA and best-practice rules, on the form with its errors and kept files."""
    require("axe")
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(a11y.RUN_AXE, a11y.WCAG_TAGS)
    assert violations == [], f"{shot}\n{a11y.describe(violations)}"


def kept_names(page):
    return [text.strip() for text in page.locator(".form-kept-name").all_inner_texts()]


@pytest.fixture
def applicant_world(served_site):
    pages = build_jobs(served_site)
    _zh, en = locales()
    call = f.make_call(cap=Decimal("500000"))
    f.make_institution(call.programme, name="示例第一医院（测试数据）")
    call_page = publish_child(served_site["home"], FundCallPage(title=call.title_zh, slug="call", call=call))
    call_page_en = translate(call_page, en, title=call.title_en)
    return {"job": pages["pi"], "job_en": pages["pi_en"], "call": call_page, "call_en": call_page_en}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_applicant_corrects_a_field_without_choosing_the_files_again(
    applicant_world, live_server, new_page, screenshot, language, width
):
    base = live_server.url
    suffix = "" if language == "zh-hans" else "_en"
    prefix = f"applicant-forms-{language}-{width}"
    page = new_page(locale=BROWSER_LOCALE[language], viewport=WIDTHS[width])

    # 1. The job application, with a phone number that is not one.
    posting = applicant_world["job" + suffix]
    page.goto(base + posting.url)
    assert page.url.startswith(f"{base}/{language}/"), page.url
    form = page.locator("form.intake-form")
    form.locator("input[name=name]").fill("示例候选人" if language == "zh-hans" else "Sample Candidate")
    form.locator("input[name=email]").fill(f"candidate.{language}.{width}@example.org")
    form.locator("input[name=phone]").fill("call me")
    cv = pdf("cv.pdf", f"Curriculum vitae {language} {width}")
    form.locator("input[name=cv]").set_input_files(cv)
    form.locator("input[name=cover_letter]").set_input_files(pdf("letter.pdf", "Cover letter"))
    form.locator("input[name=research_statement]").set_input_files(pdf("statement.pdf", "Research statement"))
    form.locator("input[name=consent]").check()
    submit(page)
    shot = screenshot(page, f"{prefix}-job-1-error")
    the_summary_leads_to(page, language, "id_phone", t("Phone", language), shot)
    names = kept_names(page)
    assert len(names) == 3, (names, shot)
    assert names[0].startswith(t(KEPT, language, name="cv.pdf", size="SIZE").split("SIZE")[0]), (names, shot)
    assert not JobApplication.objects.filter(email=f"candidate.{language}.{width}@example.org").exists()
    screenshot(page, f"{prefix}-job-2-at-the-field")
    nothing_wider_than_the_screen(page, shot)
    no_axe_violations(page, shot)

    # 2. The phone corrected; no file chosen again.
    page.locator("input[name=phone]").fill("+86 755 0000 0000")
    assert page.locator("input[name=consent]").is_checked()
    submit(page)
    shot = screenshot(page, f"{prefix}-job-3-confirmation")
    reference = page.locator("[data-reference], .reference-number").first.inner_text().strip()
    application = JobApplication.objects.get(email=f"candidate.{language}.{width}@example.org")
    assert reference == application.reference, shot
    assert application.cv.original_name == "cv.pdf" and application.cv.sha256 == sha256(cv["buffer"])
    with application.cv.file.open("rb") as handle:
        assert sha256(handle.read()) == sha256(cv["buffer"])
    assert application.research_statement.original_name == "statement.pdf"

    # 3. The grant application, with a budget over the type's cap.
    call_page = applicant_world["call" + suffix]
    page.goto(base + call_page.url)
    form = page.locator("form.intake-form")
    email = f"pi.{language}.{width}@example.org"
    form.locator("input[name=pi_name]").fill("李示例" if language == "zh-hans" else "Li Sample")
    form.locator("input[name=pi_email]").fill(email)
    form.locator("input[name=pi_phone]").fill("+86 138 0000 0000")
    form.locator("select[name=institution]").select_option(index=1)
    form.locator("input[name=application_type]").first.check()
    form.locator("select[name=category]").select_option(index=1)
    form.locator("input[name=title]").fill("单细胞测序解析肝癌微环境" if language == "zh-hans" else "Liver cancer")
    form.locator("textarea[name=abstract]").fill("研究摘要。" if language == "zh-hans" else "Aims and methods.")
    form.locator("input[name=duration_months]").fill("36")
    form.locator("input[name=requested_budget]").fill("900000")
    proposal = pdf("proposal.pdf", f"Proposal {language} {width}")
    form.locator("input[name=proposal]").set_input_files(proposal)
    form.locator("input[name=budget_sheet]").set_input_files(
        {"name": "budget.xlsx", "mimeType": "application/octet-stream", "buffer": f.xlsx_bytes()}
    )
    form.locator("input[name=ethics_declaration]").check()
    form.locator("input[name=pipl_consent]").check()
    submit(page)
    shot = screenshot(page, f"{prefix}-grant-1-error")
    cap = t("The cap for this application type is CNY %(cap)s.", language, cap="500,000.00")
    the_summary_leads_to(page, language, "id_requested_budget", cap, shot)
    names = kept_names(page)
    assert len(names) == 2 and "proposal.pdf" in names[0] and "budget.xlsx" in names[1], (names, shot)
    nothing_wider_than_the_screen(page, shot)

    # 4. The budget corrected; no file chosen again.
    page.locator("input[name=requested_budget]").fill("480000")
    submit(page)
    shot = screenshot(page, f"{prefix}-grant-2-confirmation")
    application = Application.objects.get(pi_email=email)
    assert application.reference in page.locator("main").inner_text(), shot
    assert application.proposal.sha256 == sha256(proposal["buffer"])
    assert application.budget_sheet.kind == "xlsx" and application.budget_sheet.original_name == "budget.xlsx"
    # The two answers 400 (the form with its errors) are the only problems: no script error, nothing else failed.
    assert [problem for problem in page.problems if "400" not in problem] == []

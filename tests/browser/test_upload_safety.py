"""Uploads that lie about themselves, in a real browser, in each language (issue 20, point 2): a candidate applies for
a job with an HTML page disguised as a PDF (its %PDF- signature a few bytes in) and a PDF that runs JavaScript when
opened; the form refuses both with translated messages and keeps nothing. With plain PDFs the application goes
through, and a staff member (admin in the same language) downloads the CV: an attachment, not sniffed, under
``default-src 'none'; sandbox``. Screenshots in test-artifacts/browser/upload-safety-<language>-*.png."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from wagtail.users.models import UserProfile

from records.recruitment.models import JobApplication
from records.uploads import DOCX, KIND_LABELS, PDF
from tests.browser.staff import BROWSER_LOCALE, t
from tests.factories.publications import build_jobs, pdf_bytes

pytestmark = pytest.mark.browser

PASSWORD = "a-long-staff-password"
DISGUISED = b"<html><script>alert(document.cookie)</script><!--\n%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ACTIVE_CONTENT = (
    "This PDF contains active content (JavaScript, an action that runs when it is opened, or a command that launches "
    "a program), which we cannot accept. Please save or print it again as a plain PDF and upload that file."
)
NOT_VALID = "The file's content is not a valid %(kind)s document. Please upload one of these types: %(kinds)s."


def pdf_opening_with_javascript():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def fill_application(page, language, cv, statement):
    form = page.locator("form:has(input[name=form_token])")
    form.locator("input[name=name]").fill("示例候选人" if language == "zh-hans" else "Sample Candidate")
    form.locator("input[name=email]").fill(f"candidate.{language}@example.org")
    form.locator("input[name=phone]").fill("+86 755 0000 0000")
    form.locator("input[name=cv]").set_input_files(cv)
    form.locator("input[name=cover_letter]").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Cover letter")}
    )
    form.locator("input[name=research_statement]").set_input_files(statement)
    form.locator("input[name=consent]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_disguised_pdf_is_refused_and_staff_download_files_inert(
    served_site, live_server, new_page, screenshot, language
):
    pages = build_jobs(served_site)
    posting = pages["pi" if language == "zh-hans" else "pi_en"]
    base = live_server.url
    page = new_page(locale=BROWSER_LOCALE[language])
    page.goto(base + posting.url)

    # A page of HTML with a PDF signature a few bytes in, and a real PDF that runs JavaScript when opened.
    disguised = {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": DISGUISED}
    scripted = {"name": "statement.pdf", "mimeType": "application/pdf", "buffer": pdf_opening_with_javascript()}
    fill_application(page, language, disguised, scripted)
    shot = screenshot(page, f"upload-safety-{language}-refused")
    text = page.locator("main").inner_text()
    with translation.override(language):
        kinds = ", ".join(str(KIND_LABELS[kind]) for kind in (PDF, DOCX))
    assert t(NOT_VALID, language, kind="PDF", kinds=kinds) in text, shot
    assert t(ACTIVE_CONTENT, language) in text, shot
    if language == "zh-hans":
        assert "active content" not in text
    assert not JobApplication.objects.exists()

    # Plain PDFs: the application goes through.
    fill_application(
        page,
        language,
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Curriculum vitae")},
        {"name": "statement.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Research statement")},
    )
    screenshot(page, f"upload-safety-{language}-accepted")
    application = JobApplication.objects.get()

    # A staff member opens the application and downloads the CV: inert whatever it holds.
    staff = get_user_model().objects.create_superuser(f"staff-{language}", f"staff.{language}@example.org", PASSWORD)
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    admin = new_page(locale=BROWSER_LOCALE[language])
    admin.goto(base + "/admin/login/")
    admin.fill("#id_username", staff.username)
    admin.fill("#id_password", PASSWORD)
    with admin.expect_navigation():
        admin.locator("form.login-form button[type=submit]").click()
    admin.goto(base + f"/admin/recruitment/applications/inspect/{application.pk}/")
    screenshot(admin, f"upload-safety-{language}-staff")
    link = admin.locator(f"a[href*='/admin/records/files/{application.cv.pk}/']").first
    with (
        admin.expect_response(lambda response: "/admin/records/files/" in response.url) as answer,
        admin.expect_download() as download,
    ):
        link.click()
    headers = answer.value.headers
    assert answer.value.status == 200
    assert headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert headers["content-disposition"].startswith("attachment")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-type"] == "application/pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF-")

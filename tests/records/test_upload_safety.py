"""Uploads are what they say (issue 20, point 2): a PDF starts with %PDF- at its first byte, carries no JavaScript,
no action on opening and no launch action; a DOCX/XLSX is an archive whose members stay inside it; a private file
is served inert (attachment, nosniff, a sandboxing policy) to the staff who may open it."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from records.files import store_upload
from records.uploads import DOCX, PDF, XLSX, check_upload, pdf_active_content
from tests.factories import grants as f
from tests.factories.publications import pdf_bytes

pytestmark = pytest.mark.django_db

# An HTML page that a browser would run, hiding a PDF signature a few bytes in.
DISGUISED_PDF = b"<html><script>alert(document.cookie)</script><!--\n%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def _written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_javascript():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hello');")}
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("hello"), writer._add_object(action)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    return _written(writer)


def pdf_with_open_action():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def pdf_with_launch():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(action)})
    return _written(writer)


def pdf_with_escaped_names():
    """/OpenAction and /JS spelt with #xx escapes (a reader decodes them), in a file pypdf cannot read."""
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog/Open#41ction<</S/JavaScript/J#53(app.alert(1))>>>>endobj\n%%EOF\n"


def zipped(members):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def test_a_pdf_signature_after_the_first_byte_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("proposal.pdf", DISGUISED_PDF), (PDF,))
    assert error.value.code == "content"
    with pytest.raises(ValidationError):
        check_upload(upload("proposal.pdf", b" " + f.PDF_BYTES), (PDF,))
    assert check_upload(upload("proposal.pdf", f.PDF_BYTES), (PDF,)) == PDF


@pytest.mark.parametrize(
    ("maker", "names"),
    [
        (pdf_with_javascript, {"JS", "JavaScript"}),
        (pdf_with_open_action, {"OpenAction", "JS", "JavaScript"}),
        (pdf_with_launch, {"Launch"}),
        (pdf_with_escaped_names, {"OpenAction", "JS", "JavaScript"}),
    ],
)
def test_pdfs_with_active_content_are_refused_with_a_translated_message(maker, names):
    content = maker()
    assert content.startswith(b"%PDF-")
    assert names <= set(pdf_active_content(upload("x.pdf", content)))
    with pytest.raises(ValidationError) as error:
        check_upload(upload("proposal.pdf", content), (PDF,))
    assert error.value.code == "active_content"
    with translation.override("en"):
        assert "contains active content" in str(error.value.messages[0])
    with translation.override("zh-hans"):
        chinese = str(error.value.messages[0])
        assert "contains active content" not in chinese and "PDF" in chinese


def test_plain_pdfs_pass():
    for content in (pdf_bytes("A plain report", pages=2), f.PDF_BYTES):
        assert pdf_active_content(upload("x.pdf", content)) == []
        assert check_upload(upload("report.pdf", content), (PDF,)) == PDF


@pytest.mark.parametrize(
    "member",
    ["../../etc/cron.d/evil", "/etc/passwd", "word/../../outside.xml", "C:/Windows/evil.dll", "..\\evil.dll"],
)
def test_office_archives_with_members_escaping_the_archive_are_refused(member):
    content = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>", member: "x"})
    with pytest.raises(ValidationError) as error:
        check_upload(upload("cv.docx", content), (PDF, DOCX, XLSX))
    assert error.value.code == "content"


def test_office_archives_need_their_content_types_and_a_bounded_size(monkeypatch):
    without_types = zipped({"word/document.xml": "<w:document/>"})
    with pytest.raises(ValidationError):
        check_upload(upload("cv.docx", without_types), (DOCX,))
    monkeypatch.setattr("records.uploads.MAX_UNPACKED_BYTES", 1000)
    big = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document>" + " " * 5000 + "</w>"})
    assert len(big) < 1000  # small on the wire, large unpacked
    with pytest.raises(ValidationError):
        check_upload(upload("cv.docx", big), (DOCX,))
    monkeypatch.undo()
    assert check_upload(upload("cv.docx", f.docx_bytes()), (DOCX,)) == DOCX
    assert check_upload(upload("budget.xlsx", f.xlsx_bytes()), (XLSX,)) == XLSX


def test_private_files_are_served_inert_to_the_staff_who_may_open_them(client):
    application = f.make_application(f.make_call())
    uploaded = upload("proposal.pdf", f.PDF_BYTES)
    uploaded.checked_kind = PDF
    stored = store_upload(uploaded, role="proposal", owner=application)
    client.force_login(f.office_user())
    response = client.get(f"/admin/records/files/{stored.pk}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"

"""Wagtail documents: only the allowed extensions are accepted through the admin, and what is served cannot run
as a page of the site."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.factories.publications import pdf_bytes

pytestmark = pytest.mark.django_db

REFUSED = [
    ("page.html", b"<html><script>alert(document.cookie)</script></html>", "text/html"),
    ("page.htm", b"<html><script>alert(1)</script></html>", "text/html"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
    ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 64, "application/octet-stream"),
    ("run.js", b"alert(1)", "text/javascript"),
    ("macro.docm", b"PK\x03\x04", "application/octet-stream"),
    ("report.pdf.html", b"<script>alert(1)</script>", "text/html"),
    ("noextension", b"%PDF-1.4", "application/pdf"),
]


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_superuser("docs", "docs@example.org", "a-long-test-password"))
    return client


def test_the_allowlist_is_short_and_has_no_active_content():
    assert set(settings.WAGTAILDOCS_EXTENSIONS) == {"pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"}


@pytest.mark.parametrize(("name", "content", "content_type"), REFUSED)
def test_the_admin_refuses_other_extensions(staff_client, name, content, content_type):
    collection = Collection.get_first_root_node()
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = staff_client.post(
        "/admin/documents/add/", {"title": "Hostile", "file": upload, "collection": collection.pk}
    )
    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors["file"]
    # The multiple upload (drag and drop) refuses it too.
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = staff_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload, "collection": collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    result = json.loads(response.content)
    assert result["success"] is False and result["error_message"]
    assert get_document_model().objects.count() == 0


def test_the_admin_accepts_a_pdf_and_serves_it_inert(staff_client):
    collection = Collection.get_first_root_node()
    upload = SimpleUploadedFile("report.pdf", pdf_bytes("Annual report"), content_type="application/pdf")
    response = staff_client.post(
        "/admin/documents/add/", {"title": "Report", "file": upload, "collection": collection.pk}
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    served = staff_client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"

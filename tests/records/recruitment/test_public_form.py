"""The job posting pages' application form as visitors meet it: errors in the visitor's language, uploads checked
by content with nothing kept from a rejected submission, and a refused application saying why in that language."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings

from records.files import StoredFile
from records.kept_uploads import KEPT_FOLDER
from records.recruitment.models import JobApplication
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs, pdf_bytes, upload

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00" + b"\x00" * 2000


@pytest.fixture
def pages():
    return build_jobs(build_site())


def private_files():
    """The files of records in private storage (not the uploads kept for a retry: tests/records/test_kept_uploads)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != KEPT_FOLDER}


def post(client, page, **extra):
    html = client.get(page.url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    data = {
        "form_token": token,
        "name": "Sample Candidate",
        "email": "candidate@example.org",
        "phone": "+86 755 0000 0000",
        "consent": "on",
        "website": "",
        "cv": upload("cv.pdf", pdf_bytes("CV")),
        "cover_letter": upload("letter.pdf", pdf_bytes("Letter")),
        "research_statement": upload("statement.pdf", pdf_bytes("Statement")),
    }
    data.update(extra)
    return client.post(page.url, {key: value for key, value in data.items() if value is not None})


@pytest.mark.parametrize(
    ("key", "content_error", "required_error", "consent_error"),
    [
        ("pi", "文件内容不是有效的 PDF 文档", "必需字段", "需经您同意"),
        ("pi_en", "The file's content is not a valid PDF", "This field is required.", "Your consent is needed"),
    ],
)
def test_errors_are_in_the_visitors_language_and_nothing_is_kept(
    client, pages, key, content_error, required_error, consent_error
):
    before = private_files()
    response = post(client, pages[key], cv=upload("cv.pdf", EXE), email="", consent=None)
    assert response.status_code == 400
    html = unescape(response.content.decode())
    errors = re.findall(r'class="form-error"[^>]*>(.*?)<', html, flags=re.S)
    assert content_error in html and required_error in html and consent_error in html, errors
    response = post(client, pages[key], cover_letter=upload("letter.pdf", b"<script>alert(1)</script>"))
    assert response.status_code == 400 and "<script>alert(1)" not in response.content.decode()
    assert not JobApplication.objects.exists() and not StoredFile.objects.exists()
    assert private_files() == before


def test_a_chinese_application_is_stored_in_chinese_and_an_english_one_in_english(client, pages):
    assert post(client, pages["pi"]).status_code == 302
    assert post(client, pages["pi_en"]).status_code == 302
    assert sorted(JobApplication.objects.values_list("language", flat=True)) == ["en", "zh-hans"]

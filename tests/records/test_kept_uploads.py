"""Uploads kept for the retry (issue 19, point 4): a public form that fails on another field keeps the files that
passed their checks, in private storage, under a signed token bound to the form and the field; the retry without
choosing them again stores them byte for byte; replace, remove, tampered and expired tokens, the daily sweep."""

import datetime
import hashlib
import os
import re
import time
from html import unescape
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from records.files import sweep_orphans
from records.grants.models import Application, Institution
from records.kept_uploads import EXPIRED, INVALID, KEPT_AGE, KEPT_FOLDER
from records.recruitment.models import JobApplication
from tests.factories import grants as f
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs, pdf_bytes, upload
from tests.records.grants.test_intake import form_data as grant_data
from tests.records.grants.test_intake import fresh_cache, private_files, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00" + b"\x00" * 2000
PROPOSAL = pdf_bytes("Proposal: single-cell sequencing of the liver tumour microenvironment")
SECOND_PROPOSAL = pdf_bytes("Proposal, second version")


def kept_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT) / KEPT_FOLDER
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def kept_token(response, field):
    match = re.search(rf'name="{field}-kept" value="([^"]+)"', response.content.decode())
    return unescape(match.group(1)) if match else None


def field_errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def first_try(client, site, **overrides):  # noqa: F811
    """A grant application whose email is wrong: both files pass their checks."""
    data = grant_data(
        site,
        pi_email="not-an-email",
        proposal=f.pdf_upload("提案 proposal.pdf", PROPOSAL),
        budget_sheet=f.xlsx_upload(),
        **overrides,
    )
    response = client.post(site["call_url"], data)
    assert response.status_code == 400 and "pi_email" in response.context["form"].errors
    return data, response


def retry(data, response, **overrides):
    """The same form sent again with the email corrected and no file chosen: the kept files' tokens instead."""
    again = {key: value for key, value in data.items() if key not in ("proposal", "budget_sheet")}
    again["pi_email"] = "li@example.org"
    for field in ("proposal", "budget_sheet"):
        token = kept_token(response, field)
        if token:
            again[f"{field}-kept"] = token
    again.update(overrides)
    return {key: value for key, value in again.items() if value is not None}


def test_the_uploads_that_passed_are_kept_shown_and_stored_byte_for_byte(
    client,
    site,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    data, response = first_try(client, site)
    html = unescape(response.content.decode())
    assert "已保留：提案 proposal.pdf（" in html and "已保留：budget.xlsx（" in html
    assert "已通过检查的文件已为您保留，无需重新选择" in html and "需重新选择上传文件" not in html
    assert len(kept_files()) == 2 and private_files() == []  # kept, in private storage, but no record's file yet
    assert all(str(settings.MEDIA_ROOT) not in str(path) for path in kept_files())
    assert not Application.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        stored = client.post(site["call_url"], retry(data, response))
    assert stored.status_code == 302
    application = Application.objects.get()
    assert application.pi_email == "li@example.org"
    assert application.proposal.original_name == "提案 proposal.pdf" and application.proposal.kind == "pdf"
    assert application.proposal.sha256 == sha256(PROPOSAL)
    with application.proposal.file.open("rb") as handle:
        assert sha256(handle.read()) == sha256(PROPOSAL)
    assert application.budget_sheet.kind == "xlsx"
    assert kept_files() == []  # removed once the submission is stored
    assert len(private_files()) == 2


def test_a_second_failure_keeps_showing_the_same_kept_files(client, site):  # noqa: F811
    data, response = first_try(client, site)
    again = client.post(site["call_url"], retry(data, response, pipl_consent=None))
    assert again.status_code == 400 and "pipl_consent" in again.context["form"].errors
    assert kept_token(again, "proposal") == kept_token(response, "proposal")
    assert len(kept_files()) == 2


def test_a_new_file_replaces_the_kept_one(client, site, django_capture_on_commit_callbacks):  # noqa: F811
    data, response = first_try(client, site)
    with django_capture_on_commit_callbacks(execute=True):
        stored = client.post(site["call_url"], retry(data, response, proposal=f.pdf_upload("v2.pdf", SECOND_PROPOSAL)))
    assert stored.status_code == 302
    application = Application.objects.get()
    assert application.proposal.original_name == "v2.pdf"
    assert application.proposal.sha256 == sha256(SECOND_PROPOSAL)
    assert kept_files() == []  # the replaced copy too


def test_a_removed_file_is_deleted_and_asked_for(client, site):  # noqa: F811
    data, response = first_try(client, site)
    again = client.post(site["call_url"], retry(data, response, **{"proposal-kept-remove": "1"}))
    assert again.status_code == 400 and "proposal" in again.context["form"].errors
    assert kept_token(again, "proposal") is None and kept_token(again, "budget_sheet")
    assert len(kept_files()) == 1
    assert not Application.objects.exists()


@pytest.mark.parametrize("how", ["altered", "other field", "other form", "forged"])
def test_a_token_not_issued_for_this_form_and_field_is_refused(client, site, how):  # noqa: F811
    data, response = first_try(client, site)
    again = retry(data, response)
    if how == "altered":
        token = again["proposal-kept"]
        again["proposal-kept"] = token[:-3] + ("bbb" if token.endswith("aaa") else "aaa")
    elif how == "other field":
        again["proposal-kept"] = again["budget_sheet-kept"]
    elif how == "other form":  # another applicant's form (another one-time token) copying this token
        other = grant_data(site)
        again["form_token"] = other["form_token"]
    else:
        again["proposal-kept"] = "eyJwIjoia2VwdC94In0:1abcde:forged"
    refused = client.post(site["call_url"], again)
    assert refused.status_code == 400
    assert field_errors(refused, "proposal") == [str(INVALID)]
    assert "找不到您之前选择的文件，请重新选择。" in unescape(refused.content.decode())
    assert not Application.objects.exists() and private_files() == []


def test_an_expired_token_is_refused_and_the_sweep_removes_what_is_left(client, site):  # noqa: F811
    data, response = first_try(client, site)
    later = time.time() + KEPT_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        refused = client.post(site["call_url"], retry(data, response))
    assert refused.status_code == 400
    assert field_errors(refused, "proposal") == [str(EXPIRED)]
    assert not Application.objects.exists()

    # Nobody came back: the daily sweep of private storage deletes the kept files once older than a day.
    assert len(kept_files()) == 2
    assert sweep_orphans() == 0
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    for path in kept_files():
        os.utime(path, (two_days_ago, two_days_ago))
    call_command("sweep_private_files", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert kept_files() == []


def test_a_kept_file_deleted_before_the_retry_is_asked_for_again(client, site):  # noqa: F811
    data, response = first_try(client, site)
    assert sweep_orphans(datetime.timedelta(0)) == 2
    refused = client.post(site["call_url"], retry(data, response))
    assert refused.status_code == 400 and field_errors(refused, "proposal") == [str(EXPIRED)]


def test_a_rejected_upload_is_never_kept(client, site):  # noqa: F811
    data = grant_data(site, proposal=f.pdf_upload("proposal.pdf", EXE), budget_sheet=f.xlsx_upload())
    response = client.post(site["call_url"], data)
    assert response.status_code == 400 and "proposal" in response.context["form"].errors
    assert kept_token(response, "proposal") is None and kept_token(response, "budget_sheet")
    assert len(kept_files()) == 1
    assert all(EXE not in path.read_bytes() for path in kept_files())


def test_nothing_is_kept_for_a_bot_or_an_expired_form(client, site):  # noqa: F811
    for overrides in ({"website": "http://spam.example", "pi_email": "x"}, {"form_token": "forged"}):
        response = client.post(site["call_url"], grant_data(site, **overrides))
        assert response.status_code == 400
        assert kept_token(response, "proposal") is None
    assert kept_files() == []


def test_a_double_submit_of_the_retry_creates_one_record(
    client,
    site,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    data, response = first_try(client, site)
    again = retry(data, response)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(site["call_url"], again)
        second = client.post(site["call_url"], again)  # the kept files are gone by now: the first record is found
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1 and len(private_files()) == 2 and kept_files() == []


def test_the_host_institution_registration_keeps_its_licence(client, site, django_capture_on_commit_callbacks):  # noqa: F811
    from tests.records.grants.test_intake import registration_data

    licence = pdf_bytes("Business licence")
    data = registration_data(contact_email="wrong", licence=f.pdf_upload("licence.pdf", licence))
    response = client.post(site["register_url"], data)
    assert response.status_code == 400 and kept_token(response, "licence")
    data.pop("licence")
    data.update({"contact_email": "chen@example.org", "licence-kept": kept_token(response, "licence")})
    with django_capture_on_commit_callbacks(execute=True):
        stored = client.post(site["register_url"], data)
    assert stored.status_code == 302
    assert Institution.objects.get(name="示例第二医院").licence.sha256 == sha256(licence)
    assert kept_files() == []


def test_the_job_application_keeps_its_files_in_english(client, django_capture_on_commit_callbacks):
    posting = build_jobs(build_site())["pi_en"]
    html = client.get(posting.url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    cv = pdf_bytes("Curriculum vitae")
    data = {
        "form_token": token,
        "name": "Sample Candidate",
        "email": "candidate@example.org",
        "phone": "not a phone",
        "consent": "on",
        "website": "",
        "cv": upload("cv.pdf", cv),
        "cover_letter": upload("letter.pdf", pdf_bytes("Letter")),
        "research_statement": upload("statement.pdf", pdf_bytes("Statement")),
    }
    response = client.post(posting.url, data)
    text = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Kept: cv.pdf (" in text and "The files that passed their checks are kept" in text
    assert "已保留" not in text
    again = {key: value for key, value in data.items() if key not in ("cv", "cover_letter", "research_statement")}
    again["phone"] = "+86 755 0000 0000"
    for field in ("cv", "cover_letter", "research_statement"):
        again[f"{field}-kept"] = kept_token(response, field)
    with django_capture_on_commit_callbacks(execute=True):
        stored = client.post(posting.url, again)
    assert stored.status_code == 302
    application = JobApplication.objects.get()
    assert application.cv.sha256 == sha256(cv) and application.research_statement.original_name == "statement.pdf"
    assert kept_files() == []

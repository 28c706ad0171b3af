"""The shared records pieces: references, uploads, private files, notifications, intake protection, exports."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from records import audit, intake
from records.checks import private_media_root_is_private
from records.exports import neutralise
from records.files import (
    StoredFile,
    atomic_with_files,
    get_private_storage,
    store_upload,
    sweep_orphans,
    user_can_access,
)
from records.notifications import Notification, deliver, notify, retry_failed
from records.recruitment.models import JobApplication
from records.recruitment.services import submit_job_application
from records.references import ReferenceCounter, next_reference, reserve_up_to
from records.uploads import DOCX, PDF, XLSX, check_upload, sniff
from tests import queues
from tests.factories import grants as f
from tests.factories import recruitment as rf

pytestmark = pytest.mark.django_db


# References ---------------------------------------------------------------------------------------


def test_references_count_up_per_prefix_and_year():
    assert next_reference("SMRF", 2024) == "SMRF-2024-000001"
    assert next_reference("SMRF", 2024) == "SMRF-2024-000002"
    assert next_reference("SMRF", 2025) == "SMRF-2025-000001"
    assert next_reference("SMHI", 2024) == "SMHI-2024-000001"


def test_a_rolled_back_submission_gives_its_number_back():
    next_reference("SMRF", 2030)
    with pytest.raises(RuntimeError), transaction.atomic():
        next_reference("SMRF", 2030)
        raise RuntimeError("storing the record failed")
    assert next_reference("SMRF", 2030) == "SMRF-2030-000002"


def test_reserve_up_to_continues_after_bulk_created_records():
    reserve_up_to("SMRF", 2023, 2711)
    assert next_reference("SMRF", 2023) == "SMRF-2023-002712"
    reserve_up_to("SMRF", 2023, 5)  # never goes back
    assert ReferenceCounter.objects.get(prefix="SMRF", year=2023).last_value == 2712


# Uploads ------------------------------------------------------------------------------------------


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_sniff_recognises_the_three_accepted_formats_by_content():
    assert sniff(upload("a.pdf", f.PDF_BYTES)) == PDF
    assert sniff(upload("a.docx", f.docx_bytes())) == DOCX
    assert sniff(upload("a.xlsx", f.xlsx_bytes())) == XLSX


@pytest.mark.parametrize(
    "name, content",
    [
        ("proposal.pdf", f.exe_bytes()),  # an .exe renamed .pdf
        ("proposal.pdf", b"<html><script>alert(1)</script></html>"),
        ("proposal.pdf", b"%PDF-1.4 truncated without an end"),
        ("budget.xlsx", f.docx_bytes()),  # a Word file renamed .xlsx
        ("budget.xlsx", b"PK\x03\x04 not really a zip"),
        ("report.docx", f.docx_bytes(macro=True)),  # macro-enabled
    ],
)
def test_wrong_content_is_refused_whatever_the_name(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content), (PDF, DOCX, XLSX))
    assert error.value.code == "content"


def test_extension_and_size_limits():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("tool.exe", f.PDF_BYTES), (PDF,))
    assert error.value.code == "extension"
    with pytest.raises(ValidationError) as error:
        check_upload(upload("big.pdf", f.PDF_BYTES + b" " * 2048), (PDF,), max_bytes=1024)
    assert error.value.code == "too_large"
    with pytest.raises(ValidationError) as error:
        check_upload(upload("empty.pdf", b""), (PDF,))
    assert error.value.code == "empty"
    assert check_upload(upload("ok.pdf", f.PDF_BYTES), (PDF,)) == PDF


# Private files ------------------------------------------------------------------------------------


def checked(name="proposal.pdf", content=f.PDF_BYTES, kind=PDF):
    uploaded = upload(name, content)
    uploaded.checked_kind = kind
    return uploaded


def test_private_files_live_outside_media_root_and_have_no_url():
    stored = store_upload(checked(), role="proposal")
    path = Path(stored.file.path).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert path.read_bytes() == f.PDF_BYTES
    with pytest.raises(ValueError):
        get_private_storage().url(stored.file.name)


def test_system_check_refuses_private_files_inside_media_root(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path, PRIVATE_MEDIA_ROOT=tmp_path / "private"):
        assert [e.id for e in private_media_root_is_private(None)] == ["records.E002"]
    with override_settings(MEDIA_ROOT=tmp_path / "media", PRIVATE_MEDIA_ROOT=tmp_path / "private"):
        assert private_media_root_is_private(None) == []


def test_files_written_in_a_failed_transaction_are_deleted():
    with pytest.raises(RuntimeError), atomic_with_files():
        stored = store_upload(checked(), role="proposal")
        path = Path(stored.file.path)
        assert path.exists()
        raise RuntimeError("the record could not be stored")
    assert not path.exists()
    assert not StoredFile.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_files_of_a_transaction_refused_at_its_commit_are_deleted():
    with pytest.raises(IntegrityError), atomic_with_files():
        stored = store_upload(checked(), role="proposal")
        path = Path(stored.file.path)
        # A content type that does not exist: the database refuses the (deferred) reference when it commits.
        StoredFile.objects.filter(pk=stored.pk).update(owner_type_id=987654)
    assert not path.exists()
    assert not StoredFile.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_submission_whose_email_cannot_be_queued_after_its_commit_keeps_its_files(settings):
    """The commit stored the application; the queue refusing its acknowledgement a moment later took its files
    (a record with documents missing, found in a database-restart run) and told the applicant it had failed."""
    settings.TASKS = queues.AWAY
    application, created = submit_job_application(
        posting=rf.posting("postdoc"),
        data={"name": "Sample Candidate", "email": "queue-away@example.org", "phone": "123456", "consent": True},
        cv=rf.checked("cv.pdf"),
        cover_letter=rf.checked("letter.pdf"),
        token="form-token-queue-away",
    )
    assert created
    assert JobApplication.objects.filter(pk=application.pk).exists()
    stored = StoredFile.objects.filter(owner_id=str(application.pk))
    assert stored.count() == 2
    assert all(get_private_storage().exists(file.file.name) for file in stored)
    [notification] = Notification.objects.filter(recipient="queue-away@example.org")
    assert notification.status == Notification.Status.PENDING and mail.outbox == []
    # The queue back: the scheduler's retry sends the acknowledgement, once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert retry_failed() == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert [message.to for message in mail.outbox] == [["queue-away@example.org"]]


def test_private_files_of_no_record_are_swept_once_old_enough():
    """A process killed between writing an upload and committing its record leaves a file no record names."""
    from background.management.commands.run_scheduler import sweep_private_files

    storage = get_private_storage()
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()

    def orphan(name, old=True):
        path = Path(storage.path(storage.save(f"2026/01/{name}", ContentFile(b"%PDF-1.4 orphan"))))
        if old:
            os.utime(path, (two_days_ago, two_days_ago))
        return path

    kept = store_upload(checked(), role="proposal")
    os.utime(kept.file.path, (two_days_ago, two_days_ago))  # old, but a record names it
    old_orphan, fresh_orphan = orphan("killed.pdf"), orphan("in-progress.pdf", old=False)
    assert sweep_orphans() == 1
    assert not old_orphan.exists() and fresh_orphan.exists() and Path(kept.file.path).exists()
    assert sweep_orphans(datetime.timedelta(0)) == 1 and not fresh_orphan.exists()

    # The scheduler sweeps once a day, whichever tick comes first.
    cache.delete("scheduler:sweep-private-files")
    first, second = orphan("first.pdf"), orphan("second.pdf")
    sweep_private_files()
    assert not first.exists()
    second_again = orphan("third.pdf")
    sweep_private_files()  # swept today already
    assert second_again.exists() and not second.exists()
    assert Path(kept.file.path).exists()


def test_only_permitted_users_open_private_files(client):
    call = f.make_call()
    application = f.make_application(call)
    stored = store_upload(checked(), role="proposal", owner=application)
    url = f"/admin/records/files/{stored.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    outsider = f.user("outsider")
    assert not user_can_access(outsider, stored)
    client.force_login(outsider)
    assert client.get(url, follow=True).status_code in (200, 403, 404)  # no admin access: sent away
    assert not client.get(url, follow=True).get("Content-Disposition")
    staff = f.office_user()
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f.PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert audit.history(application).filter(action="file_opened", actor=staff).exists()


# Notifications ------------------------------------------------------------------------------------


def test_notifications_are_sent_after_commit_in_the_recipients_language(django_capture_on_commit_callbacks):
    call = f.make_call()
    application = f.make_application(call)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        context = {
            "reference": application.reference,
            "title": "T",
            "pi_name": "P",
            "call_title": "C",
            "submitted_at": "x",
        }
        notification = notify(
            "pi@example.org", "grants/application_received", context, language="en", owner=application
        )
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert mail.outbox[0].to == ["pi@example.org"]
    assert application.reference in mail.outbox[0].subject


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failed_send_is_recorded_and_retried_later(django_capture_on_commit_callbacks):
    context = {"reference": "SMRF-2024-000001", "name": "N", "contact_name": "C"}
    with override_settings(EMAIL_BACKEND="tests.records.test_shared.BrokenBackend"):
        with django_capture_on_commit_callbacks(execute=True):
            notification = notify("a@example.org", "grants/institution_received", context, language="zh-hans")
        notification.refresh_from_db()
        assert notification.status == Notification.Status.FAILED
        assert "ConnectionRefusedError" in notification.last_error
        assert notification.attempts == 1
    assert retry_failed() == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 2
    assert deliver(notification.pk) == Notification.Status.SENT  # never sent twice
    assert len(mail.outbox) == 1


def test_attachments_travel_with_the_email_even_after_a_retry(django_capture_on_commit_callbacks):
    context = {"reference": "SMRF-2024-000002", "name": "N", "contact_name": "C"}
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with (
        override_settings(EMAIL_BACKEND="tests.records.test_shared.BrokenBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification = notify(
            "a@example.org",
            "grants/institution_received",
            context,
            language="en",
            attachments=[("invitation.ics", ics, "text/calendar")],
        )
    assert mail.outbox == []
    assert retry_failed() == 1
    (message,) = mail.outbox
    assert message.attachments == [("invitation.ics", ics, "text/calendar")]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


# Intake protection --------------------------------------------------------------------------------


def test_form_tokens_are_signed_and_bound_to_their_form():
    token = intake.issue_token("grants.application")
    assert len(intake.read_token(token, "grants.application")) == 32
    with pytest.raises(signing.BadSignature):
        intake.read_token(token, "grants.institution")
    with pytest.raises(signing.BadSignature):
        intake.read_token(token[:-2] + "xx", "grants.application")


def test_claiming_a_token_twice_returns_the_first_record():
    call = f.make_call()
    application = f.make_application(call)
    with transaction.atomic():
        token_claim, existing = intake.claim("abc", "grants.application")
        assert existing is None
        intake.complete(token_claim, application)
    with transaction.atomic():
        token_claim, existing = intake.claim("abc", "grants.application")
    assert token_claim is None and existing == application


# Audit and exports --------------------------------------------------------------------------------


def test_audit_entries_are_append_only():
    call = f.make_call()
    entry = audit.record(call, "note", actor_label="system", reason="why")
    entry.reason = "changed"
    with pytest.raises(ValueError):
        entry.save()
    assert audit.history(call).get().reason == "why"
    assert entry.created_at <= datetime.datetime.now(datetime.UTC)


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_formula_like_text_is_neutralised(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Normal text") == "Normal text"
    assert neutralise(-5) == -5


# Staff screens ------------------------------------------------------------------------------------

SCREENS = [
    ("donations_totals:index", "Donation totals", "捐赠汇总"),
    ("recruitment_report:index", "Recruitment report", "招聘统计"),
    ("recruitment_my_interviews", "My interviews", "我的面试"),
    ("background_problems", "Background problems", "后台问题"),
]


@pytest.mark.parametrize(("url_name", "english", "chinese"), SCREENS, ids=[s[0] for s in SCREENS])
def test_a_staff_screen_is_named_in_its_header_in_the_staff_language(client, url_name, english, chinese):
    """``records.screens.AdminScreen``: the header's breadcrumbs end with the screen's title, not just "Home"."""
    user = get_user_model().objects.create_superuser("screens", "screens@example.org", "x")
    client.force_login(user)
    for language, title in (("en", english), ("zh-hans", chinese)):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        header = response.content.decode().split("<header", 1)[1].split("</header>", 1)[0]
        crumbs = re.findall(r"<li\b.*?</li>", header.split("<nav", 1)[1].split("</nav>", 1)[0], flags=re.S)
        assert " ".join(re.sub(r"<[^>]+>", " ", crumbs[-1]).split()) == title  # the last crumb, shown on screen

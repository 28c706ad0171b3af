"""Retention (Personal Information Protection Law): anonymise candidates who were not hired, once their
application has been closed (rejected or withdrawn) for ``settings.RECRUITMENT_RETENTION_DAYS``.

Anonymising blanks the personal fields, deletes the private files, the queued emails, the panel's
comments and the internal reasons of offers and rejections; the reference, status, category, posting
and dates stay, so the reports count the same. Hired candidates are never touched (their file moves to the HR system).
"""

import contextlib
import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from records import audit
from records.files import StoredFile
from records.notifications import Notification

from ..models import FILE_FIELDS, PERSONAL_FIELDS, Evaluation, JobApplication, Outcome, Status

ANONYMISABLE = (Status.REJECTED, Status.WITHDRAWN)


def retention_days():
    return int(getattr(settings, "RECRUITMENT_RETENTION_DAYS", 365))


def due(now=None, days=None):
    """Applications closed without a hire more than ``days`` ago and not yet anonymised."""
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return JobApplication.objects.filter(
        status__in=ANONYMISABLE, closed_at__isnull=False, closed_at__lte=cutoff, anonymised_at__isnull=True
    )


def _delete_files_after_commit(names):
    def delete():
        for storage, name in names:
            with contextlib.suppress(OSError):
                storage.delete(name)

    transaction.on_commit(delete)


def anonymise(application, now=None):
    """Anonymise one closed, not hired application; return the number of files deleted (None if not eligible).

    One transaction; the files leave private storage once it commits.
    """
    now = now or timezone.now()
    with transaction.atomic():
        application = JobApplication.objects.select_for_update().filter(pk=application.pk).first()
        if application is None or application.anonymised_at or application.status not in ANONYMISABLE:
            return None
        content_type = ContentType.objects.get_for_model(JobApplication)
        owned = StoredFile.objects.filter(owner_type=content_type, owner_id=str(application.pk))
        file_ids = {getattr(application, f"{name}_id") for name in FILE_FIELDS} - {None}
        files = list(StoredFile.objects.filter(pk__in=file_ids) | owned)
        updates = dict.fromkeys(PERSONAL_FIELDS, "")
        updates.update(dict.fromkeys(FILE_FIELDS))
        updates["anonymised_at"] = now
        JobApplication.objects.filter(pk=application.pk).update(**updates)
        for name, value in updates.items():
            setattr(application, name, value)
        Evaluation.objects.filter(interview__application=application).update(comments="")
        Outcome.objects.filter(application=application).update(reason="")
        Notification.objects.filter(owner_type=content_type, owner_id=str(application.pk)).delete()
        names = [(stored.file.storage, stored.file.name) for stored in files if stored.file.name]
        StoredFile.objects.filter(pk__in=[stored.pk for stored in files]).delete()
        _delete_files_after_commit(names)
        audit.record(application, "anonymised", actor_label=audit.SYSTEM, data={"files": len(files)}, at=now)
    return len(files)

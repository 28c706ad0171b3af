"""Job application intake: the one function the job posting pages' application form calls.

The posting page describes itself with a ``PostingInfo`` of plain values (``records`` never imports
pages). The closing date is enforced here, at the moment of receipt, as well as on the page.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from records import intake
from records.notifications import notify
from records.references import next_reference

from ..models import JobApplication
from .errors import ApplicationRefused

APPLICATION_KIND = "recruitment.application"
REFERENCE_PREFIX = "SMJA"


@dataclass(frozen=True)
class PostingInfo:
    """What an application needs to know about a job posting, as plain values."""

    page_id: int
    key: str  # the translation key, shared by the posting's pages in every language
    title: str
    url: str
    category: str
    closes_on: datetime.date | None  # the last day applications are accepted (Beijing time); None: open
    research_statement_required: bool = False

    def is_open(self, now=None):
        if self.closes_on is None:
            return True
        return timezone.localtime(now or timezone.now()).date() <= self.closes_on


def _context(application, language):
    with translation.override(language):
        return {
            "reference": application.reference,
            "name": application.name,
            "posting_title": application.posting_title,
            "posting_url": application.posting_url,
            "submitted_at": timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M"),
        }


def submit_job_application(
    *, posting, data, cv, cover_letter, research_statement=None, language=None, token=None, now=None
):
    """Store an application from the public form and return ``(application, created)``.

    ``data`` holds the form's cleaned fields (name, email, phone, current_position, institution,
    highest_degree, consent); ``cv``, ``cover_letter`` and ``research_statement`` are uploads already
    checked by content (``records.uploads.CheckedFileField``). Refused after the closing date and
    without a research statement where the posting asks for one. With a form ``token`` a repeated
    submit returns the first application (``created`` False). One transaction: the application, its
    files in private storage, an audit entry and the acknowledgement email (sent after commit); if
    anything fails, no row and no file is kept.
    """
    now = now or timezone.now()
    language = language or translation.get_language() or "zh-hans"
    if not posting.is_open(now):
        raise ApplicationRefused(
            _("This position closed on %(date)s. Applications are no longer accepted.")
            % {"date": posting.closes_on.isoformat()},
            code="closed",
        )
    if posting.research_statement_required and not research_statement:
        raise ApplicationRefused(_("Please upload your research statement."), code="research_statement")
    if not data.get("consent"):
        raise ApplicationRefused(_("Your consent is needed to process this application."), code="consent")

    def build():
        application = JobApplication(
            reference=next_reference(REFERENCE_PREFIX, timezone.localtime(now).year),
            posting_page_id=posting.page_id,
            posting_key=str(posting.key),
            posting_title=posting.title[:255],
            posting_url=posting.url,
            posting_category=posting.category,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            current_position=data.get("current_position", ""),
            institution=data.get("institution", ""),
            highest_degree=data.get("highest_degree", ""),
            language=language,
            consent_at=now,
            submitted_at=now,
        )
        application.save(force_insert=True)
        return intake.Receipt(
            application,
            "submitted",
            to_state=JobApplication.Status.RECEIVED,
            files={
                "cv": (cv, "cv"),
                "cover_letter": (cover_letter, "cover_letter"),
                "research_statement": (research_statement, "research_statement"),
            },
            acknowledge=lambda record: notify(
                record.email,
                "recruitment/application_received",
                _context(record, language),
                language=language,
                owner=record,
            ),
        )

    return intake.receive(APPLICATION_KIND, token, build, at=now)

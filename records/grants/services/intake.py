"""Intake from the public forms: applications, host-institution registrations, status look-up."""

import hmac

from django.db import IntegrityError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from records import audit, intake
from records.notifications import notify
from records.references import next_reference

from ..models import Application, Institution, InstitutionStatus, Status, TeamMember
from ..models.institutions import normalize_credit_code
from .errors import SubmissionRefused

APPLICATION_KIND = "grants.application"
INSTITUTION_KIND = "grants.institution"
INSTITUTION_PREFIX = "SMHI"
MAX_TEAM = 20

_PUBLIC_STATUS = {
    Status.SUBMITTED: _("Received, awaiting formal review"),
    Status.FORMAL_REVIEW: _("In formal review"),
    Status.ACCEPTED: _("Accepted, under expert review"),
    Status.PEER_REVIEW: _("Accepted, under expert review"),
    Status.PANEL_REVIEW: _("Accepted, under expert review"),
    Status.REJECTED_FORMAL: _("Not accepted at formal review"),
    Status.FUNDED: _("Funded"),
    Status.NOT_FUNDED: _("Not funded"),
    Status.WITHDRAWN: _("Withdrawn"),
}


def _closed_message(call, now):
    if now < call.opens_at:
        return _("This call is not open yet. Applications can be submitted from %(opens)s (Beijing time).") % {
            "opens": timezone.localtime(call.opens_at).strftime("%Y-%m-%d %H:%M")
        }
    return _("This call closed at %(closes)s (Beijing time). Applications are no longer accepted.") % {
        "closes": timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M")
    }


def check_application(call, data, now):
    """Raise ``SubmissionRefused`` unless ``data`` may be submitted to ``call`` at ``now``."""
    if not call.is_open(now):
        raise SubmissionRefused(_closed_message(call, now), code="closed")
    institution = data["institution"]
    if institution.status != InstitutionStatus.APPROVED:
        raise SubmissionRefused(_("Only approved host institutions can be chosen."), code="institution")
    if data["category"].programme_id != call.programme_id:
        raise SubmissionRefused(_("Please choose a category of this call."), code="category")
    cap = call.budget_caps.filter(application_type=data["application_type"]).first()
    if cap is None:
        raise SubmissionRefused(_("This call does not accept applications of that type."), code="type")
    if data["requested_budget"] > cap.max_budget:
        raise SubmissionRefused(
            _("The requested budget is over the cap of CNY %(cap)s for this type.") % {"cap": f"{cap.max_budget:,.2f}"},
            code="budget",
        )
    if data["requested_budget"] <= 0:
        raise SubmissionRefused(_("The requested budget must be more than zero."), code="budget")
    if not 1 <= data["duration_months"] <= cap.max_duration_months:
        raise SubmissionRefused(
            _("The duration must be between 1 and %(months)s months.") % {"months": cap.max_duration_months},
            code="duration",
        )
    if not (data.get("ethics_declaration") and data.get("pipl_consent")):
        raise SubmissionRefused(
            _("The ethics declaration and the consent to personal information processing are required."),
            code="consent",
        )


def _received_context(application, language):
    with translation.override(language):
        return {
            "reference": application.reference,
            "title": application.title,
            "pi_name": application.pi_name,
            "call_title": str(application.call.title),
            "submitted_at": timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M"),
        }


def submit_application(*, call, data, team=(), proposal, budget_sheet, language=None, token=None, now=None):
    """Store an application from the public form and return ``(application, created)``.

    ``data`` holds the form's cleaned fields; ``team`` is a list of dicts (name, institution_name, role);
    ``proposal`` and ``budget_sheet`` are uploads already checked by content. The closing time is
    enforced here, at the moment of receipt (``now``, default: the current time). With a form
    ``token`` a repeated submit of the same form returns the first application (``created`` False).
    In one transaction: the application, its files in private storage, an audit entry and the
    acknowledgement email (sent after commit); if anything fails, no row and no file is kept.
    """
    now = now or timezone.now()
    language = language or translation.get_language() or "zh-hans"
    check_application(call, data, now)
    team = list(team)[:MAX_TEAM]

    def build():
        programme = call.programme
        application = Application(
            reference=next_reference(programme.code, programme.year),
            call=call,
            application_type=data["application_type"],
            category=data["category"],
            institution=data["institution"],
            pi_name=data["pi_name"],
            pi_title=data.get("pi_title", ""),
            pi_email=data["pi_email"],
            pi_phone=data["pi_phone"],
            title=data["title"],
            abstract=data["abstract"],
            keywords=data.get("keywords", ""),
            duration_months=data["duration_months"],
            requested_budget=data["requested_budget"],
            ethics_declaration=True,
            pipl_consent=True,
            consent_at=now,
            language=language,
            submitted_at=now,
            status=Status.SUBMITTED,
        )
        application.save(force_insert=True)
        TeamMember.objects.bulk_create(
            TeamMember(
                application=application,
                name=member["name"],
                institution_name=member.get("institution_name", ""),
                role=member.get("role", ""),
                sort_order=index,
            )
            for index, member in enumerate(team)
        )
        return intake.Receipt(
            application,
            "submitted",
            to_state=Status.SUBMITTED,
            files={"proposal": (proposal, "proposal"), "budget_sheet": (budget_sheet, "budget")},
            acknowledge=lambda record: notify(
                record.pi_email,
                "grants/application_received",
                _received_context(record, language),
                language=language,
                owner=record,
            ),
        )

    return intake.receive(APPLICATION_KIND, token, build, at=now)


def register_institution(*, registration_round, data, licence, language=None, token=None, now=None):
    """Store a host-institution registration from the public form; return ``(institution, created)``.

    Refused when the round is not open or the unified social credit code is already registered (or
    awaiting review). Same guarantees as ``submit_application``: one transaction, nothing kept from a
    refused or failed registration, one record per double submit, an acknowledgement email.
    """
    now = now or timezone.now()
    language = language or translation.get_language() or "zh-hans"
    if not registration_round.is_open(now):
        raise SubmissionRefused(_("Registration of host institutions is not open at the moment."), code="closed")
    code = normalize_credit_code(data["credit_code"])
    if not data.get("pipl_consent"):
        raise SubmissionRefused(_("The consent to personal information processing is required."), code="consent")
    duplicate = _("An institution with this unified social credit code is already registered or awaiting review.")

    def build():
        if Institution.objects.filter(credit_code=code).exclude(status=InstitutionStatus.REJECTED).exists():
            raise SubmissionRefused(duplicate, code="duplicate")
        institution = Institution(
            reference=next_reference(INSTITUTION_PREFIX, registration_round.programme.year),
            registration_round=registration_round,
            name=data["name"],
            credit_code=code,
            address=data["address"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            language=language,
            submitted_at=now,
        )
        institution.save(force_insert=True)
        return intake.Receipt(
            institution,
            "registered",
            to_state=InstitutionStatus.PENDING,
            files={"licence": (licence, "licence")},
            acknowledge=lambda record: notify(
                record.contact_email,
                "grants/institution_received",
                {"reference": record.reference, "name": record.name, "contact_name": record.contact_name},
                language=language,
                owner=record,
            ),
        )

    try:
        return intake.receive(INSTITUTION_KIND, token, build)
    except IntegrityError as error:  # the same code registered at the same moment by someone else
        raise SubmissionRefused(duplicate, code="duplicate") from error


def public_status(application):
    """The status as the applicant may see it (no review details)."""
    return _PUBLIC_STATUS[Status(application.status)]


def public_stages(application):
    """The stages the application went through as the applicant may see them, oldest first: [(public status,
    the date it was reached)]. Received on the day it was submitted; then each change of the public status (from
    the audit trail: no names, reasons or review details)."""
    stages = [(_PUBLIC_STATUS[Status.SUBMITTED], timezone.localtime(application.submitted_at).date())]
    for entry in audit.history(application).exclude(to_state=""):
        try:
            label = _PUBLIC_STATUS[Status(entry.to_state)]
        except ValueError:
            continue
        if str(label) != str(stages[-1][0]):
            stages.append((label, timezone.localtime(entry.created_at).date()))
    return stages


def lookup_status(reference, email):
    """The application with this reference whose PI email matches (case-insensitively), or None."""
    reference = (reference or "").strip().upper()
    email = (email or "").strip().lower()
    application = Application.objects.filter(reference=reference).only("pk", "status", "pi_email", "reference").first()
    stored = application.pi_email.strip().lower() if application else "-"
    if not hmac.compare_digest(stored.encode(), email.encode()) or application is None:
        return None
    return application

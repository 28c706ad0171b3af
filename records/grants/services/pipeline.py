"""Moving applications and institution registrations along their state machines."""

import hmac

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation

from records.notifications import notify
from records.statemachine import APPLICANT

from ..models import Institution, InstitutionStatus, Status
from ..pipeline import APPLICATION_PIPELINE, INSTITUTION_REGISTRATION

NOTIFY_ON = {Status.REJECTED_FORMAL: "grants/application_rejected_formal"}


def _outcome_context(application, reason=""):
    with translation.override(application.language):
        return {
            "reference": application.reference,
            "title": application.title,
            "pi_name": application.pi_name,
            "call_title": str(application.call.title),
            "reason": reason,
            "award_amount": f"{application.award_amount:,.2f}" if application.award_amount is not None else "",
        }


def notify_outcome(application, template, reason=""):
    notify(
        application.pi_email,
        template,
        _outcome_context(application, reason),
        language=application.language,
        owner=application,
    )


def move(application, to_state, user, reason=""):
    """Move ``application`` to ``to_state`` for staff ``user``, logged with ``reason``.

    Only moves of the pipeline from the current state, only by the grants office. Funding goes
    through ``decide`` (it records the award). Returns the transition made.
    """
    with transaction.atomic():
        transition = APPLICATION_PIPELINE.move(application, to_state, user=user, reason=reason)
        template = NOTIFY_ON.get(to_state)
        if template:
            notify_outcome(application, template, reason)
    return transition


def bulk_move(applications, to_state, user, reason=""):
    """Move each of ``applications`` that can make the move to ``to_state``; return (moved, skipped) counts.

    Only transitions marked for bulk use; every record is moved and logged on its own.
    """
    return APPLICATION_PIPELINE.bulk_move(applications.select_related("call"), to_state, user, reason=reason, move=move)


def withdraw(application, *, reason, user=None, applicant_email=None):
    """Withdraw an undecided application: by staff recording the applicant's request, or by the applicant.

    Without ``user``, ``applicant_email`` must match the principal investigator's email.
    """
    if user is not None:
        return APPLICATION_PIPELINE.move(application, Status.WITHDRAWN, user=user, reason=reason)
    stored = (application.pi_email or "").strip().lower().encode()
    if not applicant_email or not hmac.compare_digest(stored, applicant_email.strip().lower().encode()):
        raise PermissionDenied
    return APPLICATION_PIPELINE.move(application, Status.WITHDRAWN, actor=APPLICANT, reason=reason)


def decide_institution(institution, approve, user, reason=""):
    """Approve or reject a host-institution registration (a rejection needs a reason); email the contact."""
    target = InstitutionStatus.APPROVED if approve else InstitutionStatus.REJECTED
    with transaction.atomic():
        transition = INSTITUTION_REGISTRATION.move(institution, target, user=user, reason=reason)
        Institution.objects.filter(pk=institution.pk).update(decision_reason=reason)
        institution.decision_reason = reason
        notify(
            institution.contact_email,
            "grants/institution_approved" if approve else "grants/institution_rejected",
            {
                "reference": institution.reference,
                "name": institution.name,
                "contact_name": institution.contact_name,
                "reason": reason,
            },
            language=institution.language,
            owner=institution,
        )
    return transition

"""Moving applications and institution registrations along their state machines.

An applicant withdraws an undecided application through the website in two steps: the status page
(reference number + email) asks ``request_withdrawal`` to email the principal investigator a signed,
time-limited link; only whoever reads that mailbox can then ``withdraw`` with the link's token. The
reference and email alone, which a third party might guess, never withdraw anything.
"""

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from records import audit
from records.notifications import notify
from records.statemachine import APPLICANT, NeedsConfirmation

from ..machine import APPLICATION_PIPELINE, DECISION_STATES, INSTITUTION_REGISTRATION, OPEN_STATES
from ..models import Application, Institution, InstitutionStatus, Status
from .errors import GrantsError

NOTIFY_ON = {Status.REJECTED_FORMAL: "grants/application_rejected_formal"}
WITHDRAWAL_SALT = "records.grants.withdrawal"
WITHDRAWAL_LINK_HOURS = 48


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


def move(application, to_state, user, reason="", confirmed=False):
    """Move ``application`` to ``to_state`` for staff ``user``, logged with ``reason``.

    Only moves of the pipeline from the current state, only by the grants office. A move with a caution
    (to panel review with reviews missing) raises ``NeedsConfirmation`` unless ``confirmed`` with a reason.
    Decisions (funded, not funded) are never made here: ``decide`` holds them until they are released.
    Returns the transition made.
    """
    if to_state in DECISION_STATES:
        raise GrantsError(
            _("Funding decisions are recorded in the panel decision and released with the call's decisions."),
            code="decision",
        )
    with transaction.atomic():
        transition = APPLICATION_PIPELINE.move(application, to_state, user=user, reason=reason, confirmed=confirmed)
        template = NOTIFY_ON.get(to_state)
        if template:
            notify_outcome(application, template, reason)
    return transition


def bulk_move(applications, to_state, user, reason=""):
    """Move each of ``applications`` that can make the move to ``to_state``; return ``(moved, skipped, notes)``.

    Only transitions marked for bulk use; every record is moved and logged on its own. A move that needs a
    confirmation (reviews missing) is never made for a whole list: those records are skipped, and ``notes``
    names them.
    """
    held_back = []

    def one(application, target, actor, why):
        try:
            return move(application, target, actor, why)
        except NeedsConfirmation:
            held_back.append(application.reference)
            raise

    moved, skipped = APPLICATION_PIPELINE.bulk_move(
        applications.select_related("call"), to_state, user, reason=reason, move=one
    )
    notes = []
    if held_back:
        shown = ", ".join(held_back[:20]) + (" …" if len(held_back) > 20 else "")
        notes.append(
            _(
                "%(count)s left as they were because their move needs a confirmation (reviews missing): "
                "%(references)s. Move them from their own pages."
            )
            % {"count": len(held_back), "references": shown}
        )
    return moved, skipped, notes


def withdrawal_token(application):
    """A signed token that lets its holder withdraw ``application`` for ``WITHDRAWAL_LINK_HOURS`` hours."""
    return signing.dumps({"a": application.pk, "r": application.reference}, salt=WITHDRAWAL_SALT, compress=True)


def application_for_withdrawal(token):
    """The application a withdrawal token was issued for, or None if the token is forged or has expired."""
    try:
        payload = signing.loads(token or "", salt=WITHDRAWAL_SALT, max_age=WITHDRAWAL_LINK_HOURS * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    return Application.objects.filter(pk=payload.get("a"), reference=payload.get("r")).select_related("call").first()


def can_withdraw(application):
    return application.status in OPEN_STATES


def request_withdrawal(application, link_for):
    """Email the principal investigator a link to withdraw ``application``; ``link_for(token)`` makes its URL.

    Refused (``GrantsError``) once a decision has been made or the application was withdrawn already.
    """
    if not can_withdraw(application):
        raise GrantsError(
            _("This application can no longer be withdrawn: it is “%(status)s”.")
            % {"status": application.get_status_display()},
            code="decided",
        )
    with transaction.atomic():
        context = {**_outcome_context(application), "link": link_for(withdrawal_token(application))}
        context["hours"] = WITHDRAWAL_LINK_HOURS
        notify(
            application.pi_email, "grants/withdrawal_link", context, language=application.language, owner=application
        )
        audit.record(application, "withdrawal link sent", actor_label=APPLICANT)


def withdraw(application, *, reason, user=None, token=None):
    """Withdraw an undecided application: by staff recording the applicant's request, or by the applicant.

    Without ``user``, ``token`` must be a valid withdrawal token for this application (see
    ``request_withdrawal``). The principal investigator is told by email that it is withdrawn.
    """
    if user is None:
        linked = application_for_withdrawal(token)
        if linked is None or linked.pk != application.pk:
            raise PermissionDenied
    from .decisions import discard_pending

    with transaction.atomic():
        if user is not None:
            transition = APPLICATION_PIPELINE.move(application, Status.WITHDRAWN, user=user, reason=reason)
        else:
            transition = APPLICATION_PIPELINE.move(application, Status.WITHDRAWN, actor=APPLICANT, reason=reason)
        discard_pending(application, user=user, actor_label="" if user is not None else APPLICANT)
        notify_outcome(application, "grants/application_withdrawn", reason)
    return transition


def decide_institution(institution, approve, user, reason="", confirmed=False):
    """Approve or reject a host-institution registration (a rejection needs a reason); email the contact.

    A rejection is emailed at once, so it raises ``NeedsConfirmation`` unless ``confirmed``."""
    target = InstitutionStatus.APPROVED if approve else InstitutionStatus.REJECTED
    with transaction.atomic():
        transition = INSTITUTION_REGISTRATION.move(institution, target, user=user, reason=reason, confirmed=confirmed)
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

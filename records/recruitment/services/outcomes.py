"""Offers and rejections, held until HR confirms and sends them.

``hold_outcome`` records an offer or a rejection for a candidate: the application keeps its stage and nobody is
emailed. An offer before the interview or without an evaluation raises ``NeedsConfirmation`` until it is held
again with ``confirmed=True`` and a reason (kept in the history). HR may hold another outcome instead (a change)
or ``withdraw_outcome``. ``send_outcomes`` then sends exactly the held outcomes that the confirmation screen
showed (``send_summary``'s fingerprint): each application moves to "offer" or "rejected" and its candidate is
emailed once, in the language they applied in, even when the button is pressed twice or by two colleagues.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records import audit
from records.held import fingerprint
from records.notifications import Notification, notify
from records.statemachine import NeedsConfirmation, TransitionNotAllowed

from ..machine import PIPELINE
from ..models import JobApplication, Outcome, Status
from ..roles import is_hr_staff
from .errors import RecruitmentError

TARGETS = {Outcome.Kind.OFFER: Status.OFFER, Outcome.Kind.REJECTION: Status.REJECTED}
KINDS = {target: kind for kind, target in TARGETS.items()}
TEMPLATES = {Outcome.Kind.OFFER: "recruitment/offer", Outcome.Kind.REJECTION: "recruitment/rejection"}


def _require_hr(user):
    if not is_hr_staff(user):
        raise PermissionDenied(_("Only HR staff may do this."))


def candidate_context(application):
    """What every email to a candidate may say (no internal reasons, no scores)."""
    return {"reference": application.reference, "name": application.name, "posting_title": application.posting_title}


def held(application):
    """The outcome held for ``application`` (not sent yet), or None."""
    return Outcome.objects.filter(application=application, sent_at__isnull=True).select_related("recorded_by").first()


def hold_outcome(application, kind, user, reason="", confirmed=False):
    """Hold an offer or a rejection (``Outcome.Kind``) for ``application``; return the held ``Outcome``.

    Allowed where the pipeline allows the move (an offer from the interview stage, a rejection at any open
    stage); a rejection needs a reason (it stays internal). An offer with warnings (no interview held yet,
    no evaluation) raises ``NeedsConfirmation`` unless ``confirmed`` with a reason. Holding again replaces
    the held outcome (logged as a change). Nothing is sent.
    """
    _require_hr(user)
    reason = (reason or "").strip()
    target = TARGETS[kind]
    with transaction.atomic():
        locked = JobApplication.objects.select_for_update().get(pk=application.pk)
        transition = PIPELINE.find(locked.status, target)
        if transition is None:
            raise RecruitmentError(
                _("A candidate who is “%(current)s” cannot be given this outcome.")
                % {"current": PIPELINE.label(locked.status)},
                code="invalid_transition",
            )
        if transition.reason_required and not reason:
            raise RecruitmentError(_("Please give a reason for this move."), code="reason_required")
        cautions = PIPELINE.cautions_for(transition, locked)
        if cautions and not confirmed:
            raise NeedsConfirmation(cautions)
        if cautions and not reason:
            raise RecruitmentError(
                _("Please give the reason for going ahead despite the warning."), code="reason_required"
            )
        now = timezone.now()
        outcome = Outcome.objects.select_for_update().filter(application=locked, sent_at__isnull=True).first()
        action = "outcome_changed" if outcome is not None else "outcome_held"
        if outcome is None:
            outcome = Outcome(application=locked, recorded_at=now)
        outcome.kind, outcome.reason, outcome.recorded_by, outcome.changed_at = kind, reason, user, now
        outcome.overridden = [caution.as_data() for caution in cautions]
        outcome.save()
        data = {"kind": kind, "outcome": outcome.pk}
        if cautions:
            data["overridden"] = outcome.overridden
        audit.record(locked, action, user=user, reason=reason, data=data, at=now)
    return outcome


def withdraw_outcome(application, user):
    """Withdraw the outcome held for ``application`` before it is sent; the candidate keeps their stage."""
    _require_hr(user)
    with transaction.atomic():
        outcome = Outcome.objects.select_for_update().filter(application=application, sent_at__isnull=True).first()
        if outcome is None:
            raise RecruitmentError(_("No offer or rejection is held for this candidate."), code="missing")
        kind = outcome.kind
        outcome.delete()
        audit.record(application, "outcome_withdrawn", user=user, data={"kind": kind})


def discard_held(application, user):
    """Drop the held outcome of an application closed another way (the candidate withdrew)."""
    deleted, _counts = Outcome.objects.filter(application=application, sent_at__isnull=True).delete()
    if deleted:
        audit.record(application, "outcome_discarded", user=user)


def held_outcomes(application=None):
    """The outcomes waiting to be sent (of one ``application``, or all), oldest first."""
    queryset = Outcome.objects.filter(sent_at__isnull=True).select_related("application", "recorded_by")
    if application is not None:
        queryset = queryset.filter(application=application)
    return queryset.order_by("recorded_at", "pk")


def _fingerprint(outcomes):
    return fingerprint((o.pk, o.application_id, o.kind, o.changed_at.isoformat()) for o in outcomes)


def preview(outcome):
    """The email ``outcome`` would send, as ``(subject, body)`` in the candidate's language."""
    application = outcome.application
    return Notification(
        recipient=application.email,
        language=application.language,
        template=TEMPLATES[outcome.kind],
        context=candidate_context(application),
    ).render()


def send_summary(application=None):
    """What sending the held outcomes (of one ``application``, or all) would do: the outcomes, the counts of
    offers and rejections, and the ``fingerprint`` that ``send_outcomes`` must be given back."""
    outcomes = list(held_outcomes(application))
    offers = sum(1 for outcome in outcomes if outcome.kind == Outcome.Kind.OFFER)
    return {
        "outcomes": outcomes,
        "count": len(outcomes),
        "offers": offers,
        "rejections": len(outcomes) - offers,
        "fingerprint": _fingerprint(outcomes),
    }


def send_outcomes(user, *, fingerprint, application=None):
    """Send the held outcomes (of one ``application``, or all) that the confirmation showed; return the number
    sent as ``(offers, rejections)``.

    When the held outcomes changed since the confirmation (``fingerprint``), nothing is sent. The outcomes'
    rows are locked and marked sent with the emails queued in the same transaction: a second press, or a
    colleague sending at the same moment, finds nothing left to send.
    """
    _require_hr(user)
    with transaction.atomic():
        outcomes = list(held_outcomes(application).select_for_update(of=("self",)))
        if not outcomes:
            raise RecruitmentError(_("No offer or rejection is waiting to be sent."), code="nothing")
        if _fingerprint(outcomes) != fingerprint:
            raise RecruitmentError(
                _(
                    "The offers and rejections to send changed after you checked them (%(count)s are held now). "
                    "Nothing was sent: please check them again."
                )
                % {"count": len(outcomes)},
                code="changed",
            )
        now = timezone.now()
        for outcome in outcomes:
            application = outcome.application
            try:
                PIPELINE.move(
                    application,
                    TARGETS[outcome.kind],
                    user=user,
                    reason=outcome.reason,
                    data={"outcome": outcome.pk},
                    confirmed=True,
                    at=now,
                )
            except TransitionNotAllowed as error:
                raise RecruitmentError(
                    _("%(reference)s: %(problem)s Nothing was sent.")
                    % {"reference": application.reference, "problem": error.message},
                    code="refused",
                ) from error
            if application.email:
                notify(
                    application.email,
                    TEMPLATES[outcome.kind],
                    candidate_context(application),
                    language=application.language,
                    owner=application,
                )
        Outcome.objects.filter(pk__in=[o.pk for o in outcomes]).update(sent_at=now, sent_by=user)
    offers = sum(1 for outcome in outcomes if outcome.kind == Outcome.Kind.OFFER)
    return offers, len(outcomes) - offers

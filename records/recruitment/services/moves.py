"""Moving applications along the pipeline. Offers and rejections are not moves made here: they are held, then
sent after a confirmation (``services.outcomes``), and their emails go with the sending."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..machine import CLOSED_STATES, OUTCOME_STATES, PIPELINE
from ..models import Outcome, Status
from .errors import RecruitmentError
from .outcomes import candidate_context, discard_held, hold_outcome  # noqa: F401  (candidate_context: re-exported)


def move(application, to_state, user, reason=""):
    """Move ``application`` to ``to_state`` for HR staff ``user``, logged with ``reason``; return the transition.

    An offer or a rejection is refused here (``hold_outcome`` holds it until it is sent); a candidate who is
    closed another way (withdrawn, hired) loses any outcome still held. Raises ``TransitionNotAllowed`` or
    ``PermissionDenied``.
    """
    if to_state in OUTCOME_STATES:
        raise RecruitmentError(
            _("Offers and rejections are held first, then sent after a confirmation."), code="held_outcome"
        )
    with transaction.atomic():
        transition = PIPELINE.move(application, to_state, user=user, reason=reason)
        if to_state in CLOSED_STATES:
            discard_held(application, user)
    return transition


def bulk_move(applications, to_state, user, reason=""):
    """Move each of ``applications`` that can make the bulk move to ``to_state``; return ``(done, skipped, notes)``.

    A bulk rejection holds a rejection for each candidate it applies to (sent later, after a confirmation).
    """
    if to_state == Status.REJECTED:

        def hold(application, target, actor, why):
            return hold_outcome(application, Outcome.Kind.REJECTION, actor, why)

        done, skipped = PIPELINE.bulk_move(applications, to_state, user, reason=reason, move=hold)
        notes = [_("Nothing is sent yet: check the held rejections on “Offers and rejections” and send them.")]
        return done, skipped, notes if done else []
    done, skipped = PIPELINE.bulk_move(applications, to_state, user, reason=reason, move=move)
    return done, skipped, []

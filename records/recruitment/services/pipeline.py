"""Moving applications along the pipeline; the outcome emails (offer, rejection) go with the move."""

from django.db import transaction

from records.notifications import notify

from ..models import Status
from ..pipeline import PIPELINE

OUTCOME_TEMPLATES = {Status.OFFER: "recruitment/offer", Status.REJECTED: "recruitment/rejection"}


def candidate_context(application):
    """What every email to a candidate may say (no internal reasons, no scores)."""
    return {"reference": application.reference, "name": application.name, "posting_title": application.posting_title}


def move(application, to_state, user, reason=""):
    """Move ``application`` to ``to_state`` for HR staff ``user``, logged with ``reason``; return the transition.

    A move to "offer" or "rejected" emails the candidate in the language they applied in (the reason
    stays internal). Raises ``TransitionNotAllowed`` or ``PermissionDenied``.
    """
    with transaction.atomic():
        transition = PIPELINE.move(application, to_state, user=user, reason=reason)
        template = OUTCOME_TEMPLATES.get(to_state)
        if template and application.email:
            notify(
                application.email,
                template,
                candidate_context(application),
                language=application.language,
                owner=application,
            )
    return transition


def bulk_move(applications, to_state, user, reason=""):
    """Move each of ``applications`` that can make the bulk move to ``to_state``; return (moved, skipped)."""
    return PIPELINE.bulk_move(applications, to_state, user, reason=reason, move=move)

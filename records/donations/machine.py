"""A pledge as an explicit state machine.

pledged -> agreement signed (the signed agreement uploaded) -> partly received -> fully received, or
cancelled (with a reason) before it is fully received. The moves to "partly received" and "fully
received" are made by recording payments (``services.record_payment``), never by hand; straight from
"pledged" only where the foundation's rule needs no agreement for the pledge (``agreement_reason``).
"""

from django.utils.translation import gettext_lazy as _

from records.display import money
from records.statemachine import StateMachine, Transition

from .models import FoundationSettings, Status
from .roles import FOUNDATION_STAFF

OPEN_STATES = (Status.PLEDGED, Status.AGREEMENT_SIGNED, Status.PARTLY_RECEIVED)
# A payment may always be recorded in these states; in "pledged" too when no agreement is required.
PAYABLE_STATES = (Status.AGREEMENT_SIGNED, Status.PARTLY_RECEIVED)
RECEIVED_STATES = (Status.PARTLY_RECEIVED, Status.FULLY_RECEIVED)
# Moves that recording a payment makes; the inspect screen does not offer them.
PAYMENT_TARGETS = (Status.PARTLY_RECEIVED, Status.FULLY_RECEIVED)


def _needs_agreement(pledge):
    if not pledge.agreement_id:
        return _("Upload the signed donation agreement first.")
    return None


def agreement_reason(pledge, rules=None):
    """Why a payment cannot be recorded for ``pledge`` (still "pledged") before its signed agreement, or None when
    the foundation's rule (``FoundationSettings.agreement_threshold``) lets it be paid without one."""
    rules = rules or FoundationSettings.load()
    if not rules.agreement_required(pledge.amount):
        return None
    if rules.agreement_threshold is None:
        return _(
            "A signed agreement is needed before a payment can be recorded: the foundation requires one for every "
            "pledge (Settings → Foundation receipts and rules)."
        )
    return _(
        "A signed agreement is needed before a payment can be recorded: the foundation requires one for pledges of "
        "CNY %(threshold)s or more (Settings → Foundation receipts and rules)."
    ) % {"threshold": money(rules.agreement_threshold)}


def can_be_paid(pledge, rules=None):
    """True if a payment can be recorded for ``pledge`` in its present state."""
    if pledge.status in PAYABLE_STATES:
        return True
    return pledge.status == Status.PLEDGED and agreement_reason(pledge, rules) is None


def _paid_without_agreement(pledge):
    if pledge.status == Status.PLEDGED:
        return agreement_reason(pledge)
    return None


PLEDGE_PIPELINE = StateMachine(
    Status,
    [
        Transition(
            "sign_agreement",
            (Status.PLEDGED,),
            Status.AGREEMENT_SIGNED,
            _("Agreement signed"),
            actors=(FOUNDATION_STAFF,),
            guard=_needs_agreement,
            stamps=("agreement_signed_at",),
        ),
        Transition(
            "receive_part",
            (Status.PLEDGED, Status.AGREEMENT_SIGNED),
            Status.PARTLY_RECEIVED,
            _("Partly received"),
            actors=(FOUNDATION_STAFF,),
            guard=_paid_without_agreement,
        ),
        Transition(
            "receive_all",
            (Status.PLEDGED, *PAYABLE_STATES),
            Status.FULLY_RECEIVED,
            _("Fully received"),
            actors=(FOUNDATION_STAFF,),
            guard=_paid_without_agreement,
            stamps=("fully_received_at",),
        ),
        Transition(
            "cancel",
            OPEN_STATES,
            Status.CANCELLED,
            _("Cancel the pledge"),
            actors=(FOUNDATION_STAFF,),
            reason_required=True,
            stamps=("cancelled_at",),
        ),
    ],
)

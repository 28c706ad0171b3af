"""A pledge as an explicit state machine.

pledged -> agreement signed (the signed agreement uploaded) -> partly received -> fully received, or
cancelled (with a reason) before it is fully received. The moves to "partly received" and "fully
received" are made by recording payments (``services.record_payment``), never by hand.
"""

from django.utils.translation import gettext_lazy as _

from records.statemachine import StateMachine, Transition

from .models import Status
from .roles import FOUNDATION_STAFF

OPEN_STATES = (Status.PLEDGED, Status.AGREEMENT_SIGNED, Status.PARTLY_RECEIVED)
PAYABLE_STATES = (Status.AGREEMENT_SIGNED, Status.PARTLY_RECEIVED)
RECEIVED_STATES = (Status.PARTLY_RECEIVED, Status.FULLY_RECEIVED)
# Moves that recording a payment makes; the inspect screen does not offer them.
PAYMENT_TARGETS = (Status.PARTLY_RECEIVED, Status.FULLY_RECEIVED)


def _needs_agreement(pledge):
    if not pledge.agreement_id:
        return _("Upload the signed donation agreement first.")
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
            (Status.AGREEMENT_SIGNED,),
            Status.PARTLY_RECEIVED,
            _("Partly received"),
            actors=(FOUNDATION_STAFF,),
        ),
        Transition(
            "receive_all",
            PAYABLE_STATES,
            Status.FULLY_RECEIVED,
            _("Fully received"),
            actors=(FOUNDATION_STAFF,),
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

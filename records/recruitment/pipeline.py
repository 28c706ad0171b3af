"""The recruitment pipeline as an explicit state machine.

received -> screening -> interview -> offer -> hired; rejected or withdrawn (with a reason) at any open
stage. Only HR staff make moves; each one is logged with who, when and why (``records.statemachine``).
"""

from django.utils.translation import gettext_lazy as _

from records.statemachine import StateMachine, Transition

from .models import Status
from .roles import HR_STAFF

OPEN_STATES = (Status.RECEIVED, Status.SCREENING, Status.INTERVIEW, Status.OFFER)
CLOSED_STATES = (Status.HIRED, Status.REJECTED, Status.WITHDRAWN)

PIPELINE = StateMachine(
    Status,
    [
        Transition("screen", (Status.RECEIVED,), Status.SCREENING, _("Start screening"), actors=(HR_STAFF,), bulk=True),
        Transition(
            "invite",
            (Status.SCREENING,),
            Status.INTERVIEW,
            _("Shortlist for interview"),
            actors=(HR_STAFF,),
            bulk=True,
        ),
        Transition(
            "offer", (Status.INTERVIEW,), Status.OFFER, _("Make an offer"), actors=(HR_STAFF,), stamps=("offered_at",)
        ),
        Transition("hire", (Status.OFFER,), Status.HIRED, _("Hired"), actors=(HR_STAFF,), stamps=("closed_at",)),
        Transition(
            "reject",
            OPEN_STATES,
            Status.REJECTED,
            _("Reject"),
            actors=(HR_STAFF,),
            reason_required=True,
            bulk=True,
            stamps=("closed_at",),
        ),
        Transition(
            "withdraw",
            OPEN_STATES,
            Status.WITHDRAWN,
            _("Withdrawn by the candidate"),
            actors=(HR_STAFF,),
            reason_required=True,
            stamps=("closed_at",),
        ),
    ],
)

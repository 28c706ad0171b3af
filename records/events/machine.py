"""A registration's life as an explicit state machine.

confirmed | waitlisted (decided at registration) -> cancelled (by the registrant through the private link
in their email, or by events staff); waitlisted -> confirmed (the system moves the first of the waiting
list up when a place becomes free; events staff may confirm someone from the waiting list).
"""

from django.utils.translation import gettext_lazy as _

from records.statemachine import APPLICANT, SYSTEM, StateMachine, Transition

from .models import Registration
from .roles import EVENTS_STAFF

Status = Registration.Status

REGISTRATION = StateMachine(
    Status,
    [
        Transition(
            "confirm",
            (Status.WAITLISTED,),
            Status.CONFIRMED,
            _("Confirm from the waiting list"),
            actors=(EVENTS_STAFF, SYSTEM),
            stamps=("promoted_at",),
        ),
        Transition(
            "cancel",
            (Status.CONFIRMED, Status.WAITLISTED),
            Status.CANCELLED,
            _("Cancel the registration"),
            actors=(EVENTS_STAFF, APPLICANT),
            stamps=("cancelled_at",),
        ),
    ],
)

"""The recruitment pipeline as an explicit state machine.

received -> screening -> interview -> offer -> hired; rejected or withdrawn (with a reason) at any open
stage. Only HR staff make moves; each one is logged with who, when and why (``records.statemachine``).
An offer made before the interview, or without any evaluation, comes with a warning that HR must confirm
with a reason; offers and rejections are held, then sent (``services.outcomes``).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.statemachine import Caution, StateMachine, Transition

from .models import Evaluation, Status
from .roles import HR_STAFF

OPEN_STATES = (Status.RECEIVED, Status.SCREENING, Status.INTERVIEW, Status.OFFER)
CLOSED_STATES = (Status.HIRED, Status.REJECTED, Status.WITHDRAWN)

CAUTIONS = {
    "no_interview": _("No interview has been held with this candidate: the offer would come without one."),
    "before_interview": _("The interview is on %(when)s (Beijing time): this offer would come before it."),
    "no_evaluation": _("No panel member has evaluated this candidate."),
}


def offer_cautions(application, now=None):
    """What is wrong with making ``application`` an offer now: no interview held yet, no evaluation."""
    now = now or timezone.now()
    interviews = list(application.interviews.select_related("slot").order_by("slot__starts_at"))
    cautions = []
    if not interviews:
        cautions.append(Caution("no_interview", CAUTIONS["no_interview"], {}))
    elif all(interview.slot.starts_at > now for interview in interviews):
        when = timezone.localtime(interviews[0].slot.starts_at).strftime("%Y-%m-%d %H:%M")
        cautions.append(Caution("before_interview", CAUTIONS["before_interview"], {"when": when}))
    if not Evaluation.objects.filter(interview__application=application).exists():
        cautions.append(Caution("no_evaluation", CAUTIONS["no_evaluation"], {}))
    return cautions


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
            "offer",
            (Status.INTERVIEW,),
            Status.OFFER,
            _("Make an offer"),
            actors=(HR_STAFF,),
            stamps=("offered_at",),
            cautions=offer_cautions,
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

OUTCOME_STATES = (Status.OFFER, Status.REJECTED)

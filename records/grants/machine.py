"""The application pipeline and the institution registration as explicit state machines.

submitted -> formal review -> accepted | rejected at formal review -> peer review -> panel review
-> funded | not funded; withdrawn (at the applicant's request) at any stage before a decision.
"""

from django.utils.translation import gettext_lazy as _

from records.statemachine import APPLICANT, Caution, StateMachine, Transition

from .models import Assignment, InstitutionStatus, Status
from .roles import GRANTS_OFFICE

OPEN_STATES = (Status.SUBMITTED, Status.FORMAL_REVIEW, Status.ACCEPTED, Status.PEER_REVIEW, Status.PANEL_REVIEW)
DECIDED_STATES = (Status.REJECTED_FORMAL, Status.FUNDED, Status.NOT_FUNDED)
IN_REVIEW_STATES = (Status.FORMAL_REVIEW, Status.ACCEPTED, Status.PEER_REVIEW, Status.PANEL_REVIEW)


def _needs_award(application):
    if application.award_amount is None:
        return _("Record the award amount with a panel decision to fund an application.")
    return None


DECISION_STATES = (Status.FUNDED, Status.NOT_FUNDED)

CAUTIONS = {
    "missing_reviews": _(
        "%(done)s of %(expected)s reviews are in: the panel would see this application without all its reviews."
    ),
    "emailed_at_once": _(
        "The applicant is emailed this rejection and your reason at once, in their language: it cannot be taken back."
    ),
    "contact_emailed_at_once": _(
        "The institution's contact is emailed this rejection and your reason at once: it cannot be taken back."
    ),
}


def _reviews_missing(application):
    """A caution when the panel would get the application before its reviews are in (0 of 4 done)."""
    states = list(application.assignments.exclude(state=Assignment.State.RECUSED).values_list("state", flat=True))
    done = sum(1 for state in states if state == Assignment.State.SUBMITTED)
    expected = max(len(states), application.call.reviewers_per_application)
    if done >= expected:
        return []
    return [Caution("missing_reviews", CAUTIONS["missing_reviews"], {"done": done, "expected": expected})]


def _rejection_is_sent(application):
    """A rejection at formal review is not held like a panel decision: it is emailed when made, so it is confirmed."""
    return [Caution("emailed_at_once", CAUTIONS["emailed_at_once"])]


APPLICATION_PIPELINE = StateMachine(
    Status,
    [
        Transition(
            "start_formal_review",
            (Status.SUBMITTED,),
            Status.FORMAL_REVIEW,
            _("Start formal review"),
            actors=(GRANTS_OFFICE,),
            bulk=True,
        ),
        Transition(
            "accept",
            (Status.FORMAL_REVIEW,),
            Status.ACCEPTED,
            _("Accept after formal review"),
            actors=(GRANTS_OFFICE,),
            bulk=True,
            stamps=("accepted_at",),
        ),
        Transition(
            "reject_formal",
            (Status.FORMAL_REVIEW,),
            Status.REJECTED_FORMAL,
            _("Reject at formal review"),
            actors=(GRANTS_OFFICE,),
            reason_required=True,
            stamps=("decided_at",),
            cautions=_rejection_is_sent,
        ),
        Transition(
            "start_peer_review",
            (Status.ACCEPTED,),
            Status.PEER_REVIEW,
            _("Send to peer review"),
            actors=(GRANTS_OFFICE,),
            bulk=True,
        ),
        Transition(
            "start_panel_review",
            (Status.PEER_REVIEW,),
            Status.PANEL_REVIEW,
            _("Send to panel review"),
            actors=(GRANTS_OFFICE,),
            bulk=True,
            cautions=_reviews_missing,
        ),
        Transition(
            "fund",
            (Status.PANEL_REVIEW,),
            Status.FUNDED,
            _("Fund"),
            actors=(GRANTS_OFFICE,),
            guard=_needs_award,
            stamps=("decided_at",),
        ),
        Transition(
            "not_fund",
            (Status.PANEL_REVIEW,),
            Status.NOT_FUNDED,
            _("Do not fund"),
            actors=(GRANTS_OFFICE,),
            stamps=("decided_at",),
        ),
        Transition(
            "withdraw",
            OPEN_STATES,
            Status.WITHDRAWN,
            _("Withdraw at the applicant's request"),
            actors=(GRANTS_OFFICE, APPLICANT),
            reason_required=True,
        ),
    ],
)


def _institution_rejection_is_sent(institution):
    return [Caution("contact_emailed_at_once", CAUTIONS["contact_emailed_at_once"])]


INSTITUTION_REGISTRATION = StateMachine(
    InstitutionStatus,
    [
        Transition(
            "approve",
            (InstitutionStatus.PENDING,),
            InstitutionStatus.APPROVED,
            _("Approve"),
            actors=(GRANTS_OFFICE,),
            bulk=True,
            stamps=("decided_at",),
        ),
        Transition(
            "reject",
            (InstitutionStatus.PENDING,),
            InstitutionStatus.REJECTED,
            _("Reject"),
            actors=(GRANTS_OFFICE,),
            reason_required=True,
            stamps=("decided_at",),
            cautions=_institution_rejection_is_sent,
        ),
    ],
)

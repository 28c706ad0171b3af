"""Grants models, re-exported from the modules that define them."""

from .applications import Application, Disbursement, PanelMeeting, Status, TeamMember  # noqa: F401
from .decisions import Decision, DecisionRelease  # noqa: F401
from .institutions import Institution, InstitutionStatus, validate_credit_code  # noqa: F401
from .review import Assignment, Review, Reviewer, Score  # noqa: F401
from .setup import (  # noqa: F401
    ApplicationType,
    Call,
    CallBudgetCap,
    Category,
    Criterion,
    ExpertiseField,
    Programme,
    RegistrationRound,
)

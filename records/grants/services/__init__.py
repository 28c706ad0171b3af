"""The grants back office's interface: plain functions that the public pages and the staff screens call.

Public pages call ``submit_application``, ``register_institution`` and ``lookup_status``; staff screens
call ``move``, ``bulk_move``, ``decide_institution``, ``assign_reviewers``, ``recuse``, ``decide``,
``withdraw_decision``, ``release_summary``, ``release_decisions``, ``record_disbursement`` and ``dashboard``;
reviewers call ``record_review`` and ``recuse``.
"""

from .decisions import (  # noqa: F401
    decide,
    pending_decisions,
    release_decisions,
    release_summary,
    withdraw_decision,
)
from .errors import BudgetExceeded, ConflictOfInterest, GrantsError, SubmissionRefused  # noqa: F401
from .intake import (  # noqa: F401
    lookup_status,
    public_stages,
    public_status,
    register_institution,
    submit_application,
)
from .moves import (  # noqa: F401
    application_for_withdrawal,
    bulk_move,
    can_withdraw,
    decide_institution,
    move,
    request_withdrawal,
    withdraw,
)
from .panel import ranking, record_disbursement  # noqa: F401
from .reports import dashboard  # noqa: F401
from .review import (  # noqa: F401
    assign_reviewers,
    conflict_filter,
    is_conflicted,
    reassign,
    record_review,
    recuse,
    suggest_reviewers,
)

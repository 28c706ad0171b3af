"""The recruitment back office's interface: plain functions that the public pages and the staff screens call.

The job posting pages call ``submit_job_application`` (with a ``PostingInfo``); HR screens call ``move``,
``bulk_move``, ``hold_outcome``, ``withdraw_outcome``, ``send_summary``, ``send_outcomes``, ``add_slots``,
``schedule``, ``cancel``, ``figures``; panel members call
``record_evaluation``; the retention command calls ``retention.due`` and ``retention.anonymise``.
"""

from .errors import ApplicationRefused, RecruitmentError, SlotTaken  # noqa: F401
from .intake import APPLICATION_KIND, REFERENCE_PREFIX, PostingInfo, submit_job_application  # noqa: F401
from .interviews import (  # noqa: F401
    add_slots,
    cancel,
    evaluations_visible_to,
    free_slots,
    interviews_for_panel_member,
    invitation_ics,
    record_evaluation,
    schedule,
    send_invitation,
)
from .moves import bulk_move, move  # noqa: F401
from .outcomes import (  # noqa: F401
    held,
    held_outcomes,
    hold_outcome,
    send_outcomes,
    send_summary,
    withdraw_outcome,
)
from .reports import figures, totals, years  # noqa: F401

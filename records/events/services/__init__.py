"""The event registrations' interface: plain functions that the event pages, the cancellation link and the
staff screens call.

Event pages call ``register_for_event`` (with an ``EventInfo``), ``registration_counts`` and, on publishing,
``sync_event``; the registrant's private link calls ``registration_for_token`` and ``cancel``; staff screens
call ``move`` (cancel, or confirm from the waiting list) and ``set_capacity``.
"""

from .emails import (  # noqa: F401
    cancel_token,
    cancel_url,
    link_expired,
    link_expires_at,
    masked_email,
    registration_for_token,
)
from .intake import (  # noqa: F401
    REFERENCE_PREFIX,
    REGISTRATION_KIND,
    EventInfo,
    RegistrationRefused,
    check_open,
    register_for_event,
)
from .moves import cancel, confirm, move  # noqa: F401
from .seats import Counts, fill_seats, registration_counts, set_capacity, sync_event  # noqa: F401

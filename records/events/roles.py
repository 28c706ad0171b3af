"""The staff group of the event registrations back office and what it may do."""

from django.utils.translation import gettext_noop

from records.permissions import ensure_group

EVENTS_STAFF = gettext_noop("Events staff")


def ensure_groups():
    """Create or complete the "Events staff" group (idempotent)."""
    return ensure_group(EVENTS_STAFF, [("events", "view_registration"), ("events", "view_eventcapacity")])

"""学术活动: events, as a package: the page models, their agenda, choices, JSON-LD and iCalendar parts.

What callers import from ``content.pages.events`` is re-exported here.
"""

from .agenda import AgendaBlock, AgendaDay, AgendaSession, AgendaSessionBlock
from .choices import EventLanguage, EventStatus, RegistrationMode, RegistrationState
from .index import EventIndexPage
from .jsonld import SCHEMA_EVENT_STATUS
from .models import EventPage, EventSpeaker

__all__ = [
    "SCHEMA_EVENT_STATUS",
    "AgendaBlock",
    "AgendaDay",
    "AgendaSession",
    "AgendaSessionBlock",
    "EventIndexPage",
    "EventLanguage",
    "EventPage",
    "EventSpeaker",
    "EventStatus",
    "RegistrationMode",
    "RegistrationState",
]

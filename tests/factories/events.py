"""Event registrations without pages: an ``EventInfo`` as an event page would hand it over, form data, users."""

import datetime
import uuid

from records.calendars import single_event
from records.events.roles import EVENTS_STAFF
from records.events.roles import ensure_groups as ensure_events_groups
from records.events.services import EventInfo, register_for_event
from tests.factories.grants import user

NOW = datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC)


def event_info(**extra):
    """An open event ten days after ``NOW`` with 2 places and a waiting list, its .ics included."""
    values = {
        "key": str(uuid.uuid4()),
        "page_id": 42,
        "title": "Sample symposium",
        "url": "https://example.org/en/events/sample/",
        "starts_at": NOW + datetime.timedelta(days=10),
        "ends_at": NOW + datetime.timedelta(days=10, hours=8),
        "registration_open": True,
        "capacity": 2,
        "deadline": NOW + datetime.timedelta(days=9),
        "waiting_list": True,
        "attendance_modes": ("in_person", "online"),
        "language": "en",
    }
    values.update(extra)
    if "calendar" not in values:
        values["calendar"] = single_event(
            key=f"{values['key']}-{values['language']}",
            starts_at=values["starts_at"],
            ends_at=values["ends_at"],
            summary=values["title"],
            url=values["url"],
            now=NOW,
        )
    return EventInfo(**values)


def registration_data(email, **extra):
    values = {"name": "Test Person", "email": email, "organisation": "Sample University", "attendance": "in_person"}
    values["consent"] = True
    values.update(extra)
    return values


def register(info, email, **kwargs):
    """Register ``email`` for ``info`` at ``NOW`` (in English unless ``language`` is given)."""
    kwargs.setdefault("now", NOW)
    data = registration_data(email, **kwargs.pop("data", {}))
    return register_for_event(event=info, data=data, language=kwargs.pop("language", "en"), **kwargs)


def events_staff(username=None):
    ensure_events_groups()
    return user(username, EVENTS_STAFF)

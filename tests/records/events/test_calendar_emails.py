"""Event emails a registrant can act on (issue 17, point 6): the confirmation gives the date, the time in Beijing
time, the venue and the .ics; a cancellation (by the registrant or by staff) sends a calendar cancellation that a
calendar program applies: METHOD:CANCEL, the same UID, a higher SEQUENCE, STATUS:CANCELLED, its organizer and
attendee, as a text/calendar part with method=CANCEL."""

import datetime
import email

import icalendar
import pytest
from django.core import mail

from records.calendars import single_event
from records.events import services
from records.models import OfficeContacts
from tests.factories.events import NOW, event_info, events_staff, register

pytestmark = pytest.mark.django_db

STARTS = datetime.datetime(2026, 3, 11, 1, 30, tzinfo=datetime.UTC)  # 09:30 in Beijing
ENDS = STARTS + datetime.timedelta(hours=8)
VENUE = {"en": "SMART Auditorium, 1 Sample Road, Shenzhen", "zh-hans": "深圳医学科学院报告厅（示例路1号）"}


def bilingual_event(**extra):
    key = "b7c1a9e0-0000-4000-8000-000000000001"
    language = extra.pop("language", "en")
    calendar = single_event(
        key=f"{key}-{language}",
        starts_at=STARTS,
        ends_at=ENDS,
        summary="Sample symposium",
        location=VENUE[language],
        url="https://example.org/events/sample/",
        sequence=2,
        now=NOW,
    )
    return event_info(key=key, starts_at=STARTS, ends_at=ENDS, language=language, calendar=calendar, **extra)


def ics_part(message):
    """The calendar attachment of a sent message, as the mail program sees it: (content-type, calendar)."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    parts = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    part = parts[0]
    return part, icalendar.Calendar.from_ical(part.get_payload(decode=True))


@pytest.mark.parametrize(
    ("language", "date", "time"),
    [("en", "11 March 2026", "09:30–17:30"), ("zh-hans", "2026年3月11日", "09:30–17:30")],
)
def test_the_confirmation_gives_date_time_venue_and_the_ics(django_capture_on_commit_callbacks, language, date, time):
    info = bilingual_event(language=language)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        register(info, "person@example.org", language=language)
    [message] = mail.outbox
    assert date in message.body and time in message.body
    assert ("Beijing time" if language == "en" else "北京时间") in message.body
    assert VENUE[language] in message.body
    part, calendar = ics_part(message)
    [event] = calendar.walk("VEVENT")
    assert str(event["location"]) == VENUE[language]


@pytest.mark.parametrize("by_staff", [False, True])
def test_a_cancellation_sends_a_calendar_cancellation(django_capture_on_commit_callbacks, by_staff):
    contacts = OfficeContacts.load()
    contacts.events_reply_to = "events@example.org"
    contacts.save()
    info = bilingual_event()
    with django_capture_on_commit_callbacks(execute=True):
        registration, _created = register(info, "person@example.org")
    [confirmation] = mail.outbox
    _part, sent = ics_part(confirmation)
    [original] = sent.walk("VEVENT")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if by_staff:
            services.cancel(registration, user=events_staff(), reason="Duplicate", now=NOW)
        else:
            services.cancel(registration, now=NOW)
    [message] = mail.outbox
    part, calendar = ics_part(message)
    assert part.get_param("method") == "CANCEL"
    assert str(calendar["method"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == str(original["uid"])
    assert int(event["sequence"]) > int(original["sequence"])
    assert str(event["status"]) == "CANCELLED"
    assert event.decoded("dtstart") == original.decoded("dtstart")
    assert str(event["organizer"]).lower() == "mailto:events@example.org"
    assert str(event["attendee"]).lower() == "mailto:person@example.org"
    assert calendar.walk("VTIMEZONE")  # the TZID of the times is defined


def test_a_waiting_list_cancellation_sends_no_calendar(django_capture_on_commit_callbacks):
    info = bilingual_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(info, "first@example.org")
        waiting, _created = register(info, "second@example.org")
    assert waiting.status == "waitlisted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(waiting, now=NOW)
    [message] = mail.outbox
    assert message.attachments == []

"""One-event iCalendar files (RFC 5545) that records' emails attach: an interview invitation, a registration, and
the cancellation of one.

Times are written in Asia/Shanghai (``TIME_ZONE``) with ``TZID`` and the VTIMEZONE they need; the UID is
stable per record, so a calendar that imported the event updates it instead of adding a copy. The
icalendar library escapes text and folds long lines.

``cancellation`` turns the calendar a person was sent into its iTIP cancellation (RFC 5546): METHOD:CANCEL, the
same UID, a higher SEQUENCE, STATUS:CANCELLED, with its organizer and the attendee, which Thunderbird and
Outlook offer to apply (remove the event) when the email's calendar part says ``method=CANCEL``
(``CANCEL_MIME_TYPE``).
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

PRODID = "-//SMART Shenzhen Medical Academy of Research and Translation//Records//ZH-EN"
MIME_TYPE = "text/calendar"
CANCEL_MIME_TYPE = "text/calendar; method=CANCEL"


def uid(key):
    """A stable UID for ``key`` (e.g. ``"recruitment-interview-12"``) at the site's host name."""
    host = urlsplit(settings.SITE_BASE_URL).hostname or "localhost"
    return f"{key}@{host}"


def single_event(*, key, starts_at, ends_at, summary, description="", location="", url="", sequence=0, now=None):
    """The text of a VCALENDAR holding one VEVENT (times in the site's time zone)."""
    tz = timezone.get_default_timezone()
    event = icalendar.Event()
    event.add("uid", uid(key))
    event.add("dtstamp", (now or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", starts_at.astimezone(tz))
    event.add("dtend", ends_at.astimezone(tz))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("sequence", sequence)
    event.add("status", "CONFIRMED")
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical().decode()


def first_event(calendar_text):
    """The first VEVENT of an iCalendar text, or None (no text, or text that does not parse)."""
    if not calendar_text:
        return None
    try:
        events = icalendar.Calendar.from_ical(calendar_text).walk("VEVENT")
    except ValueError:
        return None
    return events[0] if events else None


def event_details(calendar_text):
    """What an email says about the event of ``calendar_text``: its start and end (aware) and location ("" if
    none), or None."""
    event = first_event(calendar_text)
    if event is None or "dtstart" not in event:
        return None
    starts = event.decoded("dtstart")
    ends = event.decoded("dtend") if "dtend" in event else None
    if not isinstance(starts, datetime.datetime):  # an all-day event
        return None
    return {"starts_at": starts, "ends_at": ends, "location": str(event.get("location", ""))}


def cancellation(calendar_text, *, organizer, attendee, now=None):
    """The cancellation of the event in ``calendar_text`` (the calendar the person was sent), as text, or "" if
    it holds no event.

    Same UID and times, SEQUENCE one higher than the one sent, STATUS:CANCELLED, METHOD:CANCEL; ``organizer`` and
    ``attendee`` are email addresses (the office that sends it, the person it is sent to).
    """
    original = first_event(calendar_text)
    if original is None or "uid" not in original:
        return ""
    tz = timezone.get_default_timezone()
    event = icalendar.Event()
    event.add("uid", str(original["uid"]))
    event.add("dtstamp", (now or timezone.now()).astimezone(datetime.UTC))
    for name in ("dtstart", "dtend"):
        if name in original:
            value = original.decoded(name)
            event.add(name, value.astimezone(tz) if isinstance(value, datetime.datetime) else value)
    for name in ("summary", "location", "url"):
        if name in original:
            event.add(name, str(original[name]))
    event.add("sequence", int(original.get("sequence", 0)) + 1)
    event.add("status", "CANCELLED")
    event.add("organizer", f"mailto:{organizer}")
    event.add("attendee", f"mailto:{attendee}")
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL")
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical().decode()

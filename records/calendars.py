"""One-event iCalendar files (RFC 5545) that records' emails attach: an interview invitation, a registration.

Times are written in Asia/Shanghai (``TIME_ZONE``) with ``TZID`` and the VTIMEZONE they need; the UID is
stable per record, so a calendar that imported the event updates it instead of adding a copy. The
icalendar library escapes text and folds long lines.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

PRODID = "-//SMART Shenzhen Medical Academy of Research and Translation//Records//ZH-EN"
MIME_TYPE = "text/calendar"


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

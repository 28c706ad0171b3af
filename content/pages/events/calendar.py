"""iCalendar (RFC 5545) files of events: one event's .ics, and the subscribable calendar of upcoming and
recently past events (``CALENDAR_PAST_MONTHS``).

UIDs are stable: the event's translation key and language, at the site's host name, so a calendar that
imported an event updates it instead of adding a copy. Times are written with ``TZID=Asia/Shanghai`` and
a VTIMEZONE; DTSTAMP is the time the event page was last published, in UTC. The icalendar library
escapes text (commas, semicolons, backslashes, new lines) and folds long lines.
"""

import calendar as _calendar
import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, override

from .choices import EventStatus

PRODID = "-//SMART Shenzhen Medical Academy of Research and Translation//Events//ZH-EN"


def months_before(moment, months):
    """The same day and time ``months`` calendar months before ``moment`` (the month's last day when it is shorter)."""
    years, month = divmod(moment.month - 1 - months, 12)
    year = moment.year + years
    day = min(moment.day, _calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def uid(event):
    host = urlsplit(settings.SITE_BASE_URL).hostname or "localhost"
    return f"{event.translation_key}-{event.locale.language_code}@{host}"


def _status(event):
    return {
        EventStatus.CANCELLED: "CANCELLED",
        EventStatus.POSTPONED: "TENTATIVE",
    }.get(event.status, "CONFIRMED")


def _description(event):
    parts = [event.intro or event.listing_summary]
    if event.online_url:
        parts.append(gettext("Online: %(url)s") % {"url": event.online_url})
    parts.append(event.full_url)
    return "\n\n".join(part for part in parts if part)


def vevent(event):
    """The VEVENT of an event page (in the language of the page)."""
    tz = timezone.get_default_timezone()
    item = icalendar.Event()
    item.add("uid", uid(event))
    stamp = event.last_published_at or event.latest_revision_created_at or timezone.now()
    item.add("dtstamp", stamp.astimezone(datetime.UTC))
    item.add("last-modified", stamp.astimezone(datetime.UTC))
    item.add("dtstart", event.start.astimezone(tz))
    item.add("dtend", event.end.astimezone(tz))
    item.add("summary", event.title)
    item.add("description", _description(event))
    location = event.location_text()
    if location:
        item.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (float(event.latitude), float(event.longitude)))
    item.add("url", event.full_url)
    item.add("status", _status(event))
    item.add("sequence", max(0, event.revisions.count() - 1) if event.pk else 0)
    if event.series_id:
        item.add("categories", [event.series_term.name])
    return item


def calendar(events, name=None, language=None):
    """A VCALENDAR holding ``events`` (event pages), with the VTIMEZONE they need."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("name", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    with override(language):
        for event in events:
            cal.add_component(vevent(event))
    cal.add_missing_timezones()
    return cal


def response(cal, filename, attachment=True):
    result = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    result["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    result["X-Content-Type-Options"] = "nosniff"
    return result

"""The emails to registrants, in the language they registered in: the event's date, time (Beijing time) and venue,
its .ics when they have a place, the private link that cancels their registration, and a calendar cancellation
when a place they had is cancelled."""

from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import formats, timezone, translation

from records import calendars, display
from records.notifications import notify
from records.offices import reply_to_for

from ..models import Registration

CANCEL_SALT = "records.events.cancel-registration"


def cancel_token(registration):
    """An unguessable signed token naming ``registration`` (its id and reference), for its cancellation link."""
    return signing.Signer(salt=CANCEL_SALT).sign_object([registration.pk, registration.reference])


def link_expires_at(registration):
    """When the registration's cancellation link stops working: when its event ends (the end the event page last
    handed over; its start if it has no end); None for an event with no time at all."""
    from ..models import EventCapacity

    ends_at = EventCapacity.objects.filter(event_key=registration.event_key).values_list("ends_at", flat=True).first()
    return ends_at or registration.event_start


def link_expired(registration, now=None):
    expires_at = link_expires_at(registration)
    return expires_at is not None and (now or timezone.now()) >= expires_at


def masked_email(email):
    """An address shown to whoever holds a link, recognisable by its owner only: z***@example.com."""
    local, _at, domain = (email or "").rpartition("@")
    if not local:
        return "***"
    return f"{local[0]}***@{domain}"


def registration_for_token(token):
    """The registration a token names, or None for a forged, damaged or stale token."""
    try:
        pk, reference = signing.Signer(salt=CANCEL_SALT).unsign_object(token or "")
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Registration.objects.filter(pk=pk, reference=reference).first()


def cancel_url(registration):
    """The absolute cancellation link, under the language prefix the registrant used."""
    with translation.override(registration.language):
        path = reverse("events_cancel_registration", args=[cancel_token(registration)])
    return settings.SITE_BASE_URL.rstrip("/") + path


def when(starts, ends, language):
    """(date, time) of an event in ``language``, in Beijing time: ("11 March 2026", "09:30–17:30"); an event over
    several days gives its first and last day."""
    if starts is None:
        return "", ""
    with translation.override(language):
        starts = display.local(starts)
        ends = display.local(ends) if ends else None
        date = formats.date_format(starts, "DATE_FORMAT")
        if ends and ends.date() != starts.date():
            date = f"{date} – {formats.date_format(ends, 'DATE_FORMAT')}"
        time = f"{starts:%H:%M}–{ends:%H:%M}" if ends else f"{starts:%H:%M}"
    return date, time


def email_context(registration, calendar=""):
    """What the emails say about a registration and its event; the times and venue are those of ``calendar`` (the
    .ics of the event in the registrant's language, as the event page last handed it over) when there is one."""
    details = calendars.event_details(calendar) or {}
    starts = details.get("starts_at") or registration.event_start
    date, time = when(starts, details.get("ends_at"), registration.language)
    with translation.override(registration.language):
        return {
            "reference": registration.reference,
            "name": registration.name,
            "event_title": registration.event_title,
            "event_url": registration.event_url,
            "starts_at": display.local(starts).strftime("%Y-%m-%d %H:%M") if starts else "",
            "date": date,
            "time": time,
            "venue": details.get("location", ""),
            "waitlisted": registration.status == Registration.Status.WAITLISTED,
            "status": str(registration.get_status_display()),
            "cancel_url": cancel_url(registration) if registration.status != Registration.Status.CANCELLED else "",
        }


def organizer_address(template):
    """The address a calendar cancellation names as its organizer: the events office, else the sender's."""
    return reply_to_for(template) or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def send_registration_email(registration, template, *, seats=None, calendar="", extra=None, cancels_place=False):
    """Queue ``template`` to the registrant; a confirmed registration gets the event's .ics attached, and one whose
    place was just cancelled (``cancels_place``) the calendar cancellation of that .ics."""
    calendar = calendar or (seats.calendar_for(registration.language) if seats is not None else "")
    attachments = []
    filename = f"smart-event-{registration.event_page_id}.ics"
    if registration.status == Registration.Status.CONFIRMED and calendar:
        attachments.append((filename, calendar, calendars.MIME_TYPE))
    elif cancels_place and calendar:
        cancelled = calendars.cancellation(calendar, organizer=organizer_address(template), attendee=registration.email)
        if cancelled:
            attachments.append((filename, cancelled, calendars.CANCEL_MIME_TYPE))
    context = {**email_context(registration, calendar), "calendar_cancelled": bool(cancels_place and attachments)}
    return notify(
        registration.email,
        template,
        {**context, **(extra or {})},
        language=registration.language,
        owner=registration,
        attachments=attachments,
    )

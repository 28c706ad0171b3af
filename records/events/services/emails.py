"""The emails to registrants, in the language they registered in, with the event's .ics when they have a place,
and the private link that cancels their registration."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from records.calendars import MIME_TYPE
from records.notifications import notify

from ..models import Registration

CANCEL_SALT = "records.events.cancel-registration"


def cancel_token(registration):
    """An unguessable signed token naming ``registration`` (its id and reference), for its cancellation link."""
    return signing.Signer(salt=CANCEL_SALT).sign_object([registration.pk, registration.reference])


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


def email_context(registration):
    with translation.override(registration.language):
        starts = timezone.localtime(registration.event_start) if registration.event_start else None
        return {
            "reference": registration.reference,
            "name": registration.name,
            "event_title": registration.event_title,
            "event_url": registration.event_url,
            "starts_at": starts.strftime("%Y-%m-%d %H:%M") if starts else "",
            "waitlisted": registration.status == Registration.Status.WAITLISTED,
            "status": str(registration.get_status_display()),
            "cancel_url": cancel_url(registration) if registration.status != Registration.Status.CANCELLED else "",
        }


def send_registration_email(registration, template, *, seats=None, calendar="", extra=None):
    """Queue ``template`` to the registrant; a confirmed registration gets the event's .ics attached."""
    attachments = []
    if registration.status == Registration.Status.CONFIRMED:
        calendar = calendar or (seats.calendar_for(registration.language) if seats is not None else "")
        if calendar:
            attachments.append((f"smart-event-{registration.event_page_id}.ics", calendar, MIME_TYPE))
    return notify(
        registration.email,
        template,
        {**email_context(registration), **(extra or {})},
        language=registration.language,
        owner=registration,
        attachments=attachments,
    )

"""Event registration intake: the one function the event pages' registration form calls.

``register_for_event`` decides, under a lock on the event's capacity row, whether a registration is
confirmed or goes on the waiting list, so the capacity holds even when many people register at once.
The page describes its event with an ``EventInfo`` of plain values (``records`` never imports pages),
including the event's iCalendar text, which the confirmation email attaches.
"""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from records import intake
from records.references import next_reference
from records.statemachine import TransitionNotAllowed

from ..models import Registration
from .emails import send_registration_email
from .seats import apply_event_info, fill_seats, lock_event

REGISTRATION_KIND = "events.registration"
REFERENCE_PREFIX = "SMEV"


class RegistrationRefused(TransitionNotAllowed):
    """The registration cannot be accepted; ``message`` says why in the visitor's language."""


@dataclass(frozen=True)
class EventInfo:
    """What the registration needs to know about an event, as plain values."""

    key: str  # the translation key, shared by the event's pages in every language
    page_id: int
    title: str
    url: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    registration_open: bool  # the editors' setting: registration is open
    capacity: int | None = None  # None: no limit
    deadline: datetime.datetime | None = None  # None: registration closes when the event starts
    waiting_list: bool = True
    attendance_modes: tuple = field(default=(Registration.Attendance.IN_PERSON,))
    language: str = ""  # the language of the page that describes the event
    calendar: str = ""  # the event as an iCalendar file (text), attached to the emails of confirmed registrants


def check_open(event, now):
    """Raise ``RegistrationRefused`` unless registration for ``event`` is open at ``now``."""
    if not event.registration_open:
        raise RegistrationRefused(_("Registration for this event is not open."), code="not_open")
    if now >= event.ends_at:
        raise RegistrationRefused(_("This event is over."), code="over")
    if now > (event.deadline or event.starts_at):  # without a deadline, registration closes when the event starts
        raise RegistrationRefused(_("The registration deadline has passed."), code="deadline")


def register_for_event(*, event, data, language=None, token=None, now=None):
    """Store a registration from the public form; return ``(registration, created)``.

    ``data`` holds the form's cleaned fields (name, email, phone, organisation, position, attendance,
    notes, consent). Confirmed while seats are left, on the waiting list when the event is full and
    the event keeps one, refused otherwise (the capacity enforced is the event's row: the page's value, or
    what events staff set since); refused too when registration is closed, the deadline has passed or the
    email address is already registered. With a form ``token`` a repeated submit returns the first
    registration (``created`` False). One transaction: the registration, an audit entry and the
    acknowledgement email (sent after commit, with the .ics when confirmed, and the cancellation link);
    nothing is kept from a refused registration.
    """
    explicit_now = now is not None
    now = now or timezone.now()
    language = language or translation.get_language() or "zh-hans"
    check_open(event, now)
    attendance = data.get("attendance") or event.attendance_modes[0]
    if attendance not in event.attendance_modes:
        raise RegistrationRefused(_("Please choose how you will attend."), code="attendance")
    if not data.get("consent"):
        raise RegistrationRefused(_("Your consent is needed to process this registration."), code="consent")
    email = data["email"].strip()
    duplicate = _("This email address is already registered for this event. Please check your confirmation email.")

    def build():
        key = str(event.key)
        seats = lock_event(key, event.capacity)
        if apply_event_info(seats, event, language):  # the editors changed the capacity on the page
            fill_seats(seats, cause="capacity", now=now)
        active = Registration.objects.filter(event_key=key).exclude(status=Registration.Status.CANCELLED)
        if active.filter(email__iexact=email).exists():
            raise RegistrationRefused(duplicate, code="duplicate")
        confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
        if seats.capacity is None or confirmed < seats.capacity:
            status = Registration.Status.CONFIRMED
        elif event.waiting_list:
            status = Registration.Status.WAITLISTED
        else:
            raise RegistrationRefused(_("This event is fully booked."), code="full")
        registration = Registration(
            reference=next_reference(REFERENCE_PREFIX, timezone.localtime(now).year),
            status=status,
            event_key=key,
            event_page_id=event.page_id,
            event_title=event.title[:255],
            event_url=event.url,
            event_start=event.starts_at,
            name=data["name"],
            email=email,
            phone=data.get("phone", ""),
            organisation=data["organisation"],
            position=data.get("position", ""),
            attendance=attendance,
            notes=data.get("notes", ""),
            language=language,
            consent_at=now,
            submitted_at=now if explicit_now else timezone.now(),  # taken under the lock: the queue's order
        )
        registration.save(force_insert=True)
        return intake.Receipt(
            registration,
            "registered",
            to_state=status,
            acknowledge=lambda record: send_registration_email(
                record, "events/registration_received", calendar=event.calendar
            ),
        )

    try:
        return intake.receive(REGISTRATION_KIND, token, build, at=now)
    except IntegrityError as error:  # the same address registered at the same moment in another request
        raise RegistrationRefused(duplicate, code="duplicate") from error

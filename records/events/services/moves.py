"""Cancelling registrations (by the registrant or by staff) and confirming from the waiting list (by staff)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records import audit
from records.statemachine import APPLICANT, TransitionNotAllowed

from ..machine import REGISTRATION
from ..models import Registration
from .emails import send_registration_email
from .seats import fill_seats, has_free_seat, lock_event

Status = Registration.Status


def _started(seats, registration, now):
    starts = seats.starts_at or registration.event_start
    return starts is not None and now >= starts


def cancel(registration, *, user=None, reason="", now=None):
    """Cancel a registration: by events staff (``user``) or by the registrant (no user, through their link).

    In the same transaction the first of the waiting list moves up into a freed place (emailed with the
    .ics), the registrant is sent a confirmation of the cancellation, and everything is logged. Cancelling
    an already cancelled registration changes nothing and returns False; True when cancelled now.
    A registrant cannot cancel once the event has started.
    """
    now = now or timezone.now()
    with transaction.atomic():
        seats = lock_event(registration.event_key)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            registration.status, registration.cancelled_at = current.status, current.cancelled_at
            return False
        if user is None and _started(seats, current, now):
            raise TransitionNotAllowed(
                _("This event has already started, so the registration can no longer be cancelled."), code="started"
            )
        was_confirmed = current.status == Status.CONFIRMED
        if user is not None:
            REGISTRATION.move(registration, Status.CANCELLED, user=user, reason=reason, at=now)
        else:
            REGISTRATION.move(registration, Status.CANCELLED, actor=APPLICANT, reason=reason, at=now)
        send_registration_email(
            registration,
            "events/registration_cancelled",
            seats=seats,
            extra={"by_staff": user is not None},
            cancels_place=was_confirmed,
        )
        if was_confirmed:
            fill_seats(seats, cause="cancellation", freed_by=registration.reference, now=now)
    return True


def confirm(registration, *, user, reason="", now=None):
    """Events staff confirm a registration from the waiting list (out of turn if they choose).

    If the event is full, its capacity grows by one place for it (logged on the event), so the confirmed
    registrations never exceed the capacity. The registrant is emailed with the .ics.
    """
    now = now or timezone.now()
    with transaction.atomic():
        seats = lock_event(registration.event_key)
        if not has_free_seat(seats):
            previous = seats.capacity
            seats.capacity = previous + 1
            seats.save(update_fields=["capacity", "updated_at"])
            audit.record(
                seats,
                "capacity_changed",
                user=user,
                reason=reason,
                data={"capacity_from": previous, "capacity_to": seats.capacity, "source": "confirm"},
                at=now,
            )
        REGISTRATION.move(registration, Status.CONFIRMED, user=user, reason=reason, data={"cause": "staff"}, at=now)
        send_registration_email(registration, "events/registration_promoted", seats=seats)
    return registration


def move(registration, target, user, reason="", now=None):
    """A staff move from the admin: ``target`` is "cancelled" or "confirmed"."""
    if target == Status.CANCELLED:
        return cancel(registration, user=user, reason=reason, now=now)
    if target == Status.CONFIRMED:
        return confirm(registration, user=user, reason=reason, now=now)
    raise TransitionNotAllowed(_("This move is not available for this registration."), code="invalid_transition")

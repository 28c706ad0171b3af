"""The seats of an event: the locked capacity row, the counts, the waiting list moving up, changes of capacity.

Every decision about a seat (a registration, a cancellation, a confirmation, a change of capacity) first
locks the event's ``EventCapacity`` row, then the registrations it touches: one order for every writer,
so concurrent requests queue instead of overbooking or deadlocking.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records import audit
from records.statemachine import SYSTEM, TransitionNotAllowed

from ..machine import REGISTRATION
from ..models import EventCapacity, Registration
from .emails import send_registration_email

Status = Registration.Status


@dataclass(frozen=True)
class Counts:
    confirmed: int = 0
    waitlisted: int = 0
    capacity: int | None = None  # the capacity enforced (None: no limit, or not known yet)
    known: bool = False  # True once the event has a capacity row (its first registration or publication)

    def capacity_or(self, default):
        """The enforced capacity once known, else ``default`` (the event page's setting)."""
        return self.capacity if self.known else default


def registration_counts(event_key):
    """How many registrations of the event are confirmed and on the waiting list, and the capacity enforced."""
    totals = Registration.objects.filter(event_key=str(event_key)).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    seats = EventCapacity.objects.filter(event_key=str(event_key)).values_list("capacity", flat=True)
    capacity = list(seats)
    return Counts(
        confirmed=totals["confirmed"] or 0,
        waitlisted=totals["waitlisted"] or 0,
        capacity=capacity[0] if capacity else None,
        known=bool(capacity),
    )


def lock_event(event_key, capacity=None):
    """The event's capacity row, created if needed (with ``capacity``) and locked until the transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_event() must run inside a transaction.")
    key = str(event_key)
    EventCapacity.objects.bulk_create(
        [EventCapacity(event_key=key, capacity=capacity, page_capacity=capacity)], ignore_conflicts=True
    )
    return EventCapacity.objects.select_for_update().get(event_key=key)


def apply_event_info(seats, event, language):
    """Take over what the event page says now (titles, URLs, iCalendar, times, the page's capacity).

    A capacity changed on the page since it was last seen becomes the enforced capacity (and may move the
    waiting list up: the caller calls ``fill_seats``). Returns True if the enforced capacity changed.
    """
    language = event.language or language
    changed_capacity = seats.page_capacity != event.capacity
    previous = seats.capacity
    if changed_capacity:
        seats.capacity = seats.page_capacity = event.capacity
    seats.titles = {**(seats.titles or {}), language: event.title[:255]}
    seats.urls = {**(seats.urls or {}), language: event.url}
    if event.calendar:
        seats.calendars = {**(seats.calendars or {}), language: event.calendar}
    seats.starts_at, seats.ends_at = event.starts_at, event.ends_at
    seats.save()
    if changed_capacity and previous != seats.capacity:
        audit.record(
            seats,
            "capacity_changed",
            actor_label=SYSTEM,
            data={"capacity_from": previous, "capacity_to": seats.capacity, "source": "page"},
        )
        return True
    return False


def confirmed_count(event_key):
    return Registration.objects.filter(event_key=event_key, status=Status.CONFIRMED).count()


def has_free_seat(seats):
    return seats.capacity is None or confirmed_count(seats.event_key) < seats.capacity


def fill_seats(seats, *, cause, freed_by="", now=None):
    """Move the waiting list up, first come first served, while places are free; return those moved up.

    Call with ``seats`` locked (``lock_event``). Each one moved up is logged and emailed (with the .ics).
    Nobody is moved up once the event has started.
    """
    now = now or timezone.now()
    if seats.starts_at is not None and now >= seats.starts_at:
        return []
    promoted = []
    waiting = Registration.objects.filter(event_key=seats.event_key, status=Status.WAITLISTED)
    while has_free_seat(seats):
        first = waiting.select_for_update().order_by("submitted_at", "pk").first()
        if first is None:
            break
        REGISTRATION.move(first, Status.CONFIRMED, actor=SYSTEM, data={"cause": cause, "freed_by": freed_by}, at=now)
        send_registration_email(first, "events/registration_promoted", seats=seats)
        promoted.append(first)
    return promoted


def set_capacity(event_key, capacity, *, user, reason="", now=None):
    """Events staff change an event's capacity; a larger one moves the waiting list up. Returns those moved up.

    ``capacity`` None means no limit. A smaller capacity takes no confirmed place away: nobody else is
    confirmed until cancellations bring the confirmed registrations below it.
    """
    if capacity is not None and capacity < 0:
        raise TransitionNotAllowed(_("The capacity cannot be negative."), code="capacity")
    with transaction.atomic():
        seats = EventCapacity.objects.select_for_update().filter(event_key=str(event_key)).first()
        if seats is None:
            raise TransitionNotAllowed(_("This event has no registrations yet."), code="missing")
        previous = seats.capacity
        if previous == capacity:
            return []
        seats.capacity = capacity
        seats.save(update_fields=["capacity", "updated_at"])
        audit.record(
            seats,
            "capacity_changed",
            user=user,
            reason=reason,
            data={"capacity_from": previous, "capacity_to": capacity, "source": "staff"},
            at=now,
        )
        return fill_seats(seats, cause="capacity", now=now)


def sync_event(event, language="", now=None):
    """The event page was published: take over its details and capacity; move the waiting list up if it grew.

    Only for events that already have a capacity row or take registrations. Returns those moved up.
    """
    with transaction.atomic():
        exists = EventCapacity.objects.filter(event_key=str(event.key)).exists()
        if not exists and not event.registration_open:
            return []
        seats = lock_event(event.key, event.capacity)
        if apply_event_info(seats, event, language):
            return fill_seats(seats, cause="capacity", now=now)
    return []

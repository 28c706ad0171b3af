"""The waiting list moving up: on a cancellation (by the registrant or by staff), on a larger capacity (set by
events staff or on the event page), on a confirmation by staff; state machine refusals; emails with the .ics."""

import datetime

import icalendar
import pytest
from django.core.exceptions import PermissionDenied

from records import audit
from records.events import services
from records.events.models import EventCapacity, Registration
from records.statemachine import TransitionNotAllowed
from tests.factories.events import NOW, event_info, events_staff, register
from tests.factories.grants import user

pytestmark = pytest.mark.django_db
Status = Registration.Status
LATER = NOW + datetime.timedelta(days=1)


@pytest.fixture
def full_event():
    """2 places taken (p0, p1), 3 on the waiting list (p2, p3, p4, in that order)."""
    info = event_info()
    people = [register(info, f"p{n}@example.org", now=NOW + datetime.timedelta(minutes=n))[0] for n in range(5)]
    return info, people


def statuses(people):
    return [Registration.objects.get(pk=person.pk).status for person in people]


def calendar_of(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    name, content, mimetype = attachment
    assert mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(content)


def test_a_cancellation_by_the_registrant_moves_the_first_of_the_waiting_list_up(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    info, people = full_event
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel(people[0], now=LATER) is True
    assert statuses(people) == [
        Status.CANCELLED,
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    promoted = Registration.objects.get(pk=people[2].pk)
    assert promoted.promoted_at == LATER and Registration.objects.get(pk=people[0].pk).cancelled_at == LATER
    cancelled_entry = list(audit.history(people[0]))[-1]
    assert (cancelled_entry.from_state, cancelled_entry.to_state, cancelled_entry.actor_label) == (
        "confirmed",
        "cancelled",
        audit.APPLICANT,
    )
    promoted_entry = list(audit.history(promoted))[-1]
    assert (promoted_entry.from_state, promoted_entry.to_state, promoted_entry.actor_label) == (
        "waitlisted",
        "confirmed",
        audit.SYSTEM,
    )
    assert promoted_entry.data == {"transition": "confirm", "cause": "cancellation", "freed_by": people[0].reference}
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {"p0@example.org", "p2@example.org"}
    assert "Registration cancelled" in by_recipient["p0@example.org"].subject
    # The cancelled place's calendar entry is cancelled too (tests/records/events/test_calendar_emails.py).
    [(_name, _content, mimetype)] = by_recipient["p0@example.org"].attachments
    assert mimetype == "text/calendar; method=CANCEL"
    good_news = by_recipient["p2@example.org"]
    assert good_news.subject == f"You have a place: Sample symposium ({promoted.reference})"
    assert "a place has become free" in good_news.body
    assert "/en/registrations/cancel/" in good_news.body
    (vevent,) = calendar_of(good_news).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Sample symposium"
    assert vevent.decoded("DTSTART") == info.starts_at


def test_cancelling_a_waitlisted_registration_moves_nobody(full_event):
    _info, people = full_event
    services.cancel(people[3], now=LATER)
    assert statuses(people) == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.CANCELLED,
        Status.WAITLISTED,
    ]


def test_a_second_cancellation_changes_nothing(full_event, mailoutbox, django_capture_on_commit_callbacks):
    _info, people = full_event
    services.cancel(people[0], now=LATER)
    entries = audit.history(people[0]).count()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel(Registration.objects.get(pk=people[0].pk), now=LATER) is False
    assert audit.history(people[0]).count() == entries
    assert mailoutbox == []
    assert statuses(people)[2:] == [Status.CONFIRMED, Status.WAITLISTED, Status.WAITLISTED]


def test_a_cancellation_by_staff_moves_the_waiting_list_up_and_is_logged_with_who_and_why(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    _info, people = full_event
    staff = events_staff("events-officer")
    with django_capture_on_commit_callbacks(execute=True):
        services.move(people[1], Status.CANCELLED, staff, "Asked by phone", now=LATER)
    assert statuses(people)[1:3] == [Status.CANCELLED, Status.CONFIRMED]
    entry = list(audit.history(people[1]))[-1]
    assert (entry.actor, entry.reason) == (staff, "Asked by phone")
    cancelled = next(m for m in mailoutbox if m.to == ["p1@example.org"])
    assert "The organisers have cancelled your registration" in cancelled.body


def test_the_registrant_cannot_cancel_once_the_event_has_started_but_staff_can_without_moving_anyone_up(full_event):
    info, people = full_event
    with pytest.raises(TransitionNotAllowed) as refused:
        services.cancel(people[0], now=info.starts_at + datetime.timedelta(minutes=5))
    assert refused.value.code == "started"
    services.cancel(people[0], user=events_staff(), now=info.starts_at + datetime.timedelta(minutes=5))
    assert statuses(people)[:3] == [Status.CANCELLED, Status.CONFIRMED, Status.WAITLISTED]


def test_staff_confirm_from_the_waiting_list_add_a_place_when_the_event_is_full(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    info, people = full_event
    staff = events_staff()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(people[4], Status.CONFIRMED, staff, "Speaker's assistant", now=LATER)
    assert statuses(people) == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 2 + [Status.CONFIRMED]
    seats = EventCapacity.objects.get(event_key=info.key)
    assert seats.capacity == 3
    (change,) = audit.history(seats)
    assert change.data == {"capacity_from": 2, "capacity_to": 3, "source": "confirm"}
    (message,) = mailoutbox
    assert message.to == ["p4@example.org"] and calendar_of(message).walk("VEVENT")


def test_every_move_allowed_and_refused(full_event):
    _info, people = full_event
    staff, outsider = events_staff(), user()
    with pytest.raises(TransitionNotAllowed):
        services.move(people[0], Status.CONFIRMED, staff)  # already confirmed
    with pytest.raises(TransitionNotAllowed):
        services.move(people[0], Status.WAITLISTED, staff)  # no move back to the waiting list
    with pytest.raises(PermissionDenied):
        services.move(people[0], Status.CANCELLED, outsider)
    with pytest.raises(PermissionDenied):
        services.move(people[2], Status.CONFIRMED, outsider)
    assert statuses(people) == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 3
    services.move(people[0], Status.CANCELLED, staff, now=LATER)
    with pytest.raises(TransitionNotAllowed):
        services.move(Registration.objects.get(pk=people[0].pk), Status.CONFIRMED, staff)  # cancelled is final
    assert EventCapacity.objects.get(event_key=people[0].event_key).capacity == 2


def test_a_larger_capacity_set_by_staff_moves_the_waiting_list_up_in_order(full_event):
    info, people = full_event
    staff = events_staff()
    promoted = services.set_capacity(info.key, 4, user=staff, reason="Bigger room", now=LATER)
    assert [p.pk for p in promoted] == [people[2].pk, people[3].pk]
    assert statuses(people) == [Status.CONFIRMED] * 4 + [Status.WAITLISTED]
    seats = EventCapacity.objects.get(event_key=info.key)
    (entry,) = audit.history(seats)
    assert (entry.actor, entry.reason, entry.data["capacity_to"]) == (staff, "Bigger room", 4)
    # A smaller capacity takes no place away; nobody moves up until the confirmed fall below it.
    assert services.set_capacity(info.key, 1, user=staff, now=LATER) == []
    assert statuses(people) == [Status.CONFIRMED] * 4 + [Status.WAITLISTED]
    services.cancel(people[0], now=LATER)
    assert statuses(people)[4] == Status.WAITLISTED
    # No limit: everyone waiting moves up.
    assert [p.pk for p in services.set_capacity(info.key, None, user=staff, now=LATER)] == [people[4].pk]
    # The registration form now confirms: the staff's capacity is the one enforced, not the page's 2.
    assert register(info, "late@example.org", now=LATER)[0].status == Status.CONFIRMED


def test_a_larger_capacity_on_the_event_page_moves_the_waiting_list_up_when_it_is_published(full_event):
    info, people = full_event
    bigger = event_info(key=info.key, capacity=3)
    promoted = services.sync_event(bigger, now=LATER)
    assert [p.pk for p in promoted] == [people[2].pk]
    seats = EventCapacity.objects.get(event_key=info.key)
    assert (seats.capacity, seats.page_capacity) == (3, 3)
    assert audit.history(seats).get().data["source"] == "page"
    # Staff raise it later; publishing the page again unchanged does not undo that.
    services.set_capacity(info.key, 5, user=events_staff(), now=LATER)
    assert services.sync_event(bigger, now=LATER) == []
    assert EventCapacity.objects.get(event_key=info.key).capacity == 5
    assert services.registration_counts(info.key) == services.Counts(5, 0, 5, True)


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("zh-hans", "报名确认", "您的报名已确认"),
        ("en", "Registration confirmed", "Your place is confirmed"),
    ],
)
def test_the_confirmation_email_is_in_the_registrants_language_with_the_events_ics(
    language, subject, body, mailoutbox, django_capture_on_commit_callbacks
):
    title = "示例论坛" if language == "zh-hans" else "Sample forum"
    info = event_info(language=language, title=title)
    with django_capture_on_commit_callbacks(execute=True):
        registration, _created = register(info, "reader@example.org", language=language)
        register(info, "second@example.org", language=language)
        waiting, _created = register(info, "third@example.org", language=language)
    first, _second, third = mailoutbox
    assert subject in first.subject and registration.reference in first.subject
    assert body in first.body
    assert f"/{language}/registrations/cancel/" in first.body
    (vevent,) = calendar_of(first).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert vevent.decoded("DTSTART") == info.starts_at and vevent.decoded("DTEND") == info.ends_at
    assert str(vevent["UID"]).startswith(f"{info.key}-{language}@")
    # On the waiting list: no calendar file yet, and the email says so in the same language.
    assert waiting.status == Status.WAITLISTED and third.attachments == []
    assert ("候补" if language == "zh-hans" else "waiting list") in third.subject

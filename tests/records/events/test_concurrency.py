"""Concurrency on PostgreSQL: many people registering at the same moment for an event with few places, and
cancellations racing registrations and each other. (SQLite serialises all writers, so these need PostgreSQL.)"""

import datetime

import pytest
from django.db import connection

from records import audit
from records.events import services
from records.events.models import Registration
from tests.factories.events import NOW, event_info, register
from tests.records.grants.test_concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite cannot run concurrent writers",
    ),
]
Status = Registration.Status
LATER = NOW + datetime.timedelta(days=1)


def test_many_registering_at_once_never_overbook():
    info = event_info(capacity=5)
    count = 40

    def take(index):
        registration, created = register(info, f"racer{index}@example.org")
        return registration.reference, registration.status, created

    results, errors = run_together(count, take)
    assert errors == [None] * count
    stored = Registration.objects.filter(event_key=info.key)
    assert stored.count() == count  # nothing lost
    assert stored.filter(status=Status.CONFIRMED).count() == 5  # exactly the capacity
    assert stored.filter(status=Status.WAITLISTED).count() == count - 5
    references = [reference for reference, _status, _created in results]
    assert len(set(references)) == count and set(references) == set(stored.values_list("reference", flat=True))
    assert sorted(status for _ref, status, _created in results) == sorted(stored.values_list("status", flat=True))
    # The confirmed are the first five the lock let in: all of them registered before anyone on the waiting list.
    confirmed = stored.filter(status=Status.CONFIRMED)
    waiting = stored.filter(status=Status.WAITLISTED)
    assert max(confirmed.values_list("pk", flat=True)) < min(waiting.values_list("pk", flat=True))
    assert all(audit.history(r).count() == 1 for r in stored)


def test_cancellations_racing_registrations_keep_the_capacity_exact_and_the_queue_in_order():
    info = event_info(capacity=3)
    first = [register(info, f"early{n}@example.org", now=NOW + datetime.timedelta(minutes=n))[0] for n in range(8)]
    confirmed, waiting = first[:3], first[3:]
    assert [r.status for r in first] == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 5

    def work(index):
        if index < 3:  # the three confirmed cancel, each twice at the same moment
            return services.cancel(confirmed[index], now=LATER)
        if index < 6:
            return services.cancel(confirmed[index - 3], now=LATER)
        return register(info, f"late{index}@example.org", now=LATER)[0].status

    results, errors = run_together(12, work)
    assert errors == [None] * 12
    assert sorted(results[:6]) == [False, False, False, True, True, True]  # each cancelled exactly once
    stored = Registration.objects.filter(event_key=info.key)
    assert stored.filter(status=Status.CONFIRMED).count() == 3
    # The freed places went to the first three of the waiting list, in the order they registered.
    promoted = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert promoted == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    assert stored.filter(email__startswith="late", status=Status.WAITLISTED).count() == 6
    assert stored.count() == 14
    for registration in confirmed:
        assert [e.to_state for e in audit.history(registration) if e.action == "moved"] == [Status.CANCELLED]


def test_a_double_submit_racing_itself_creates_one_registration():
    info = event_info(capacity=1)

    def submit(index):
        registration, created = register(info, "twice@example.org", token="same-form-token")
        return registration.pk, created

    results, errors = run_together(6, submit)
    assert errors == [None] * 6
    assert len({pk for pk, _created in results}) == 1
    assert sum(created for _pk, created in results) == 1
    assert Registration.objects.filter(event_key=info.key).count() == 1

"""Concurrency on PostgreSQL: receipt numbers taken by many payments at once stay unique and gap-free, and
payments racing on one pledge never add up to more than it. (SQLite serialises all writers, so these need
PostgreSQL: run with DATABASE_URL=postgres://...)"""

from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from records.donations import services
from records.donations.models import Payment, PaymentMethod, Pledge, Status
from tests.factories import donations as f
from tests.factories.concurrency import run_together
from tests.factories.pages import ensure_roots

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite cannot run concurrent writers",
    ),
]


def test_receipt_numbers_are_unique_and_gap_free_when_payments_arrive_at_once():
    ensure_roots()
    staff = f.staff_user("racer-staff")
    count = 16
    pledges = [f.make_pledge(Status.AGREEMENT_SIGNED, staff=staff, amount=Decimal("1000")) for _ in range(count)]
    today = timezone.localdate()

    def record(index):
        payment = services.record_payment(
            pledges[index], amount=Decimal("400"), received_on=today, method=PaymentMethod.BANK_TRANSFER, user=staff
        )
        return payment.receipt_number

    results, errors = run_together(count, record)
    assert errors == [None] * count
    expected = [f"SMRC-{today.year}-{n:06d}" for n in range(1, count + 1)]
    assert sorted(results) == expected
    assert sorted(Payment.objects.values_list("receipt_number", flat=True)) == expected
    assert set(Pledge.objects.values_list("status", flat=True)) == {Status.PARTLY_RECEIVED}


def test_payments_racing_on_one_pledge_never_exceed_it():
    ensure_roots()
    staff = f.staff_user("racer-staff-2")
    pledge = f.make_pledge(Status.AGREEMENT_SIGNED, staff=staff, amount=Decimal("1000.00"))
    today = timezone.localdate()

    def record(index):
        return services.record_payment(
            pledge, amount=Decimal("300.00"), received_on=today, method=PaymentMethod.BANK_TRANSFER, user=staff
        ).receipt_number

    results, errors = run_together(8, record)
    assert sum(error is None for error in errors) == 3
    assert sum(isinstance(error, services.OverPledge) for error in errors) == 5
    pledge.refresh_from_db()
    assert pledge.received_amount == Decimal("900.00") and pledge.status == Status.PARTLY_RECEIVED
    # The refused payments gave their numbers back: 1..3, no gap.
    numbers = sorted(Payment.objects.values_list("receipt_number", flat=True))
    assert numbers == [f"SMRC-{today.year}-{n:06d}" for n in (1, 2, 3)]

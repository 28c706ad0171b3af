"""Concurrency on PostgreSQL: many submissions at once near the deadline, double submits, reference numbers,
panel decisions racing for the last of the budget. (SQLite serialises all writers, so these need PostgreSQL.)"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from records.files import StoredFile
from records.grants import services
from records.grants.models import Application, Decision, DecisionRelease, Status
from records.notifications import Notification
from records.references import next_reference
from tests.factories import grants as f
from tests.factories.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite cannot run concurrent writers",
    ),
]


def checked_pdf(name):
    upload = f.pdf_upload(name)
    upload.checked_kind = "pdf"
    return upload


def test_reference_numbers_are_unique_under_concurrency():
    def take(index):
        with transaction.atomic():
            return next_reference("SMRF", 2099)

    results, errors = run_together(24, take)
    assert errors == [None] * 24
    assert sorted(results) == [f"SMRF-2099-{n:06d}" for n in range(1, 25)]


def test_many_submissions_at_the_deadline_are_each_stored_once_or_refused_cleanly():
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    closes = datetime.datetime(2024, 4, 30, 17, 0, tzinfo=shanghai)
    call = f.make_call(opens=closes - datetime.timedelta(days=30), closes=closes)
    institution = f.make_institution(call.programme)
    count = 30
    # Moments of receipt spread around the closing time: 0..14 ms before, 0..14 ms at or after.
    moments = [
        closes + datetime.timedelta(milliseconds=(i // 2) * (1 if i % 2 else -1) - (0 if i % 2 else 1))
        for i in range(count)
    ]
    payloads = [f.application_data(call, institution, pi_email=f"racer{i}@example.org") for i in range(count)]

    def submit(index):
        application, created = services.submit_application(
            call=call,
            data=payloads[index],
            proposal=checked_pdf(f"p{index}.pdf"),
            budget_sheet=checked_pdf(f"b{index}.pdf"),
            now=moments[index],
        )
        return application.reference, created

    results, errors = run_together(count, submit)
    on_time = [i for i in range(count) if moments[i] < closes]
    late = [i for i in range(count) if moments[i] >= closes]
    assert on_time and late
    for i in on_time:
        assert errors[i] is None and results[i][1] is True
    for i in late:
        assert isinstance(errors[i], services.SubmissionRefused) and errors[i].code == "closed"
    stored = Application.objects.filter(call=call)
    assert stored.count() == len(on_time)
    assert sorted(stored.values_list("pi_email", flat=True)) == sorted(f"racer{i}@example.org" for i in on_time)
    references = sorted(stored.values_list("reference", flat=True))
    assert references == sorted(results[i][0] for i in on_time)
    assert references == [f"SMRF-{call.programme.year}-{n:06d}" for n in range(1, len(on_time) + 1)]
    assert StoredFile.objects.count() == 2 * len(on_time)
    assert len([p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()]) == 2 * len(on_time)


def test_a_double_submit_racing_itself_creates_one_application():
    call = f.make_call()
    institution = f.make_institution(call.programme)
    data = f.application_data(call, institution)

    def submit(index):
        application, created = services.submit_application(
            call=call,
            data=data,
            proposal=checked_pdf("p.pdf"),
            budget_sheet=checked_pdf("b.pdf"),
            token="same-form-token",
        )
        return application.pk, created

    results, errors = run_together(6, submit)
    assert errors == [None] * 6
    assert len({pk for pk, _created in results}) == 1
    assert sum(created for _pk, created in results) == 1
    assert Application.objects.count() == 1
    assert len([p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()]) == 2


def test_panel_decisions_racing_for_the_budget_never_exceed_it():
    call = f.make_call(budget=Decimal("1000000"))
    officer = f.office_user("racer-officer")
    apps = [f.make_application(call, status=Status.PANEL_REVIEW, requested_budget=Decimal("300000")) for _ in range(8)]

    def fund(index):
        return services.decide(apps[index], funded=True, user=officer, award_amount=Decimal("300000"))

    results, errors = run_together(len(apps), fund)
    held = Decision.objects.filter(application__call=call, funded=True)
    assert held.count() == 3  # 3 x 300,000 fits in 1,000,000; a fourth would not
    assert sum(isinstance(e, services.BudgetExceeded) for e in errors) == 5
    summary = services.release_summary(call)
    services.release_decisions(call, officer, fingerprint=summary["fingerprint"])
    assert services.dashboard(call)["awarded"] == Decimal("900000")


def test_two_colleagues_releasing_at_once_email_each_applicant_once():
    from django.core import mail

    call = f.make_call(budget=Decimal("10000000"))
    officers = [f.office_user(f"release-{n}") for n in range(4)]
    apps = [f.make_application(call, status=Status.PANEL_REVIEW) for _ in range(6)]
    for index, application in enumerate(apps):
        services.decide(
            application,
            funded=index % 2 == 0,
            user=officers[0],
            award_amount=(Decimal("100000") if index % 2 == 0 else None),
        )
    fingerprint = services.release_summary(call)["fingerprint"]

    def release(index):
        return services.release_decisions(call, officers[index], fingerprint=fingerprint).pk

    results, errors = run_together(len(officers), release)
    assert sum(result is not None for result in results) == 1
    assert sorted(getattr(e, "code", repr(e)) for e in errors if e is not None) == ["nothing"] * 3
    assert DecisionRelease.objects.count() == 1
    assert Application.objects.filter(status__in=[Status.FUNDED, Status.NOT_FUNDED]).count() == 6
    assert Notification.objects.filter(template__startswith="grants/application_").count() == 6
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 6

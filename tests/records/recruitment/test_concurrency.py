"""Concurrency on PostgreSQL: HR staff booking several candidates into the same interview slot at the same moment,
one candidate into several slots of a round at once, and a double submit of the public form racing itself.
(SQLite serialises all writers, so these need PostgreSQL.)"""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from records.files import StoredFile
from records.recruitment import services
from records.recruitment.models import Interview, JobApplication, Status
from records.recruitment.services import RecruitmentError, SlotTaken
from tests.factories import recruitment as f
from tests.factories.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite cannot run concurrent writers",
    ),
]
NOW = f.at(2099, 1, 1)


def test_many_bookings_of_one_slot_at_once_give_it_to_exactly_one_candidate():
    hr = f.hr_user()
    interview_round = f.make_round()
    [slot] = f.make_slots(interview_round, count=1)
    candidates = [f.make_application(status=Status.INTERVIEW) for _ in range(8)]

    def book(index):
        return services.schedule(candidates[index], slot, hr, now=NOW).application_id

    results, errors = run_together(len(candidates), book)
    winners = [result for result in results if result is not None]
    assert len(winners) == 1
    assert sum(isinstance(error, SlotTaken) for error in errors) == len(candidates) - 1
    assert all(error is None or isinstance(error, SlotTaken) for error in errors)
    assert list(Interview.objects.values_list("slot_id", "application_id")) == [(slot.pk, winners[0])]


def test_one_candidate_booked_into_many_slots_at_once_gets_one():
    hr = f.hr_user()
    interview_round = f.make_round()
    slots = f.make_slots(interview_round, count=6)
    candidate = f.make_application(status=Status.INTERVIEW)

    def book(index):
        return services.schedule(candidate, slots[index], hr, now=NOW).slot_id

    results, errors = run_together(len(slots), book)
    assert len([result for result in results if result is not None]) == 1
    assert all(error is None or (isinstance(error, RecruitmentError) and error.code == "booked") for error in errors)
    assert Interview.objects.filter(application=candidate).count() == 1


def test_a_double_submit_racing_itself_creates_one_application():
    token = "same-form-token"

    def submit(index):
        application, created = services.submit_job_application(
            posting=f.posting("postdoc", key="racing-posting"),
            data={"name": "Sample Candidate", "email": "racer@example.org", "phone": "123456", "consent": True},
            cv=f.checked("cv.pdf"),
            cover_letter=f.checked("letter.pdf"),
            token=token,
        )
        return application.pk, created

    results, errors = run_together(6, submit)
    assert errors == [None] * 6
    assert len({pk for pk, _created in results}) == 1 and sum(created for _pk, created in results) == 1
    assert JobApplication.objects.count() == 1 and StoredFile.objects.count() == 2
    assert len([p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()]) == 2


def test_colleagues_sending_the_held_outcomes_at_once_email_each_candidate_once():
    from django.core import mail

    from records.recruitment.models import Outcome

    senders = [f.hr_user(f"sender-{n}") for n in range(4)]
    candidates = [f.make_application(status=Status.SCREENING) for _ in range(5)]
    for candidate in candidates:
        services.hold_outcome(candidate, Outcome.Kind.REJECTION, senders[0], "Position filled")
    fingerprint = services.send_summary()["fingerprint"]
    mail.outbox.clear()

    def send(index):
        return services.send_outcomes(senders[index], fingerprint=fingerprint)

    results, errors = run_together(len(senders), send)
    assert [result for result in results if result is not None] == [(0, 5)]
    assert sorted(getattr(error, "code", repr(error)) for error in errors if error is not None) == ["nothing"] * 3
    assert set(JobApplication.objects.values_list("status", flat=True)) == {Status.REJECTED}
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(candidate.email for candidate in candidates)

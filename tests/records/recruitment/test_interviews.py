"""Interview rounds: slots, scheduling (never two candidates in one slot), cancelling, evaluations and who sees them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from records import audit
from records.recruitment import services
from records.recruitment.models import Evaluation, Interview, InterviewSlot, Status
from records.recruitment.services import RecruitmentError, SlotTaken
from tests.factories import recruitment as f

pytestmark = pytest.mark.django_db

NOW = f.at(2099, 3, 1)


@pytest.fixture
def setting():
    hr = f.hr_user("hr-officer")
    member, other_member = f.panel_user("panel-a"), f.panel_user("panel-b")
    interview_round = f.make_round(panel=[member, other_member])
    slots = f.make_slots(interview_round, count=3)
    return hr, member, other_member, interview_round, slots


def test_add_slots_makes_consecutive_slots_once(setting):
    hr, _member, _other, interview_round, _slots = setting
    first = f.at(2099, 3, 5, 14, 0)
    created = services.add_slots(interview_round, hr, first_start=first, minutes=45, count=3, gap_minutes=15)
    assert [(s.starts_at, s.ends_at - s.starts_at) for s in created] == [
        (first + datetime.timedelta(hours=index), datetime.timedelta(minutes=45)) for index in range(3)
    ]
    assert services.add_slots(interview_round, hr, first_start=first, minutes=45, count=3, gap_minutes=15) == []
    with pytest.raises(RecruitmentError):
        services.add_slots(interview_round, hr, first_start=first, minutes=45, count=0)
    with pytest.raises(PermissionDenied):
        services.add_slots(interview_round, _member, first_start=first, minutes=45, count=1)


def test_a_slot_never_ends_before_it_starts(setting):
    interview_round = setting[3]
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewSlot.objects.create(round=interview_round, starts_at=NOW, ends_at=NOW - datetime.timedelta(minutes=1))


def test_scheduling_books_the_slot_logs_it_and_refuses_a_second_candidate(setting):
    hr, _member, _other, interview_round, slots = setting
    first, second = (f.make_application(status=Status.INTERVIEW) for _ in range(2))
    interview = services.schedule(first, slots[0], hr, now=NOW)
    assert (interview.slot, interview.round, interview.application) == (slots[0], interview_round, first)
    entry = audit.history(first).get(action="interview_scheduled")
    assert entry.actor == hr and entry.data["slot"] == slots[0].pk
    with pytest.raises(SlotTaken) as taken:
        services.schedule(second, slots[0], hr, now=NOW)
    assert taken.value.code == "taken"
    assert Interview.objects.filter(slot=slots[0]).get().application == first
    with pytest.raises(RecruitmentError) as again:  # once per round
        services.schedule(first, slots[1], hr, now=NOW)
    assert again.value.code == "booked"
    assert list(services.free_slots(interview_round, now=NOW)) == slots[1:]


def test_the_database_refuses_a_second_booking_of_a_slot(setting):
    hr, _member, _other, interview_round, slots = setting
    first, second = (f.make_application(status=Status.INTERVIEW) for _ in range(2))
    services.schedule(first, slots[0], hr, now=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.create(slot=slots[0], round=interview_round, application=second)


@pytest.mark.parametrize(
    ("status", "category", "code"),
    [
        (Status.SCREENING, "pi", "status"),
        (Status.OFFER, "pi", "status"),
        (Status.INTERVIEW, "postdoc", "category"),
    ],
)
def test_only_shortlisted_candidates_of_the_rounds_category_are_scheduled(setting, status, category, code):
    hr, _member, _other, _round, slots = setting
    application = f.make_application(status=status, category=category)
    with pytest.raises(RecruitmentError) as refused:
        services.schedule(application, slots[0], hr, now=NOW)
    assert refused.value.code == code
    assert not Interview.objects.exists()


def test_a_slot_that_has_begun_cannot_be_booked_and_only_hr_schedules(setting):
    hr, member, _other, _round, slots = setting
    application = f.make_application(status=Status.INTERVIEW)
    with pytest.raises(RecruitmentError) as refused:
        services.schedule(application, slots[0], hr, now=slots[0].starts_at)
    assert refused.value.code == "past"
    with pytest.raises(PermissionDenied):
        services.schedule(application, slots[0], member, now=NOW)
    assert not Interview.objects.exists()


def test_cancelling_frees_the_slot_until_evaluations_exist(setting):
    hr, member, _other, _round, slots = setting
    application = f.make_application(status=Status.INTERVIEW)
    interview = services.schedule(application, slots[0], hr, now=NOW)
    with pytest.raises(RecruitmentError):
        services.cancel(interview, hr, reason="")
    services.cancel(interview, hr, reason="Candidate asked for another day")
    assert not Interview.objects.exists()
    assert audit.history(application).get(action="interview_cancelled").reason == "Candidate asked for another day"
    interview = services.schedule(application, slots[1], hr, now=NOW)
    services.record_evaluation(interview, member, score=7)
    with pytest.raises(RecruitmentError) as refused:
        services.cancel(interview, hr, reason="too late")
    assert refused.value.code == "evaluated"


def test_panel_members_record_and_update_their_own_evaluation(setting):
    hr, member, other_member, _round, slots = setting
    application = f.make_application(status=Status.INTERVIEW)
    interview = services.schedule(application, slots[0], hr, now=NOW)
    services.record_evaluation(interview, member, score=8, comments="Clear research programme")
    services.record_evaluation(interview, other_member, score=6, comments="Needs a stronger team plan")
    services.record_evaluation(interview, member, score=9, comments="Revised after discussion")
    assert Evaluation.objects.count() == 2
    own = Evaluation.objects.get(panel_member=member)
    assert (own.score, own.comments) == (9, "Revised after discussion")
    actions = list(audit.history(application).values_list("action", flat=True))
    assert actions.count("evaluation_recorded") == 2 and actions.count("evaluation_updated") == 1
    assert [e.score for e in services.evaluations_visible_to(member, [interview])] == [9]
    assert [e.score for e in services.evaluations_visible_to(other_member, [interview])] == [6]
    assert sorted(e.score for e in services.evaluations_visible_to(hr, [interview])) == [6, 9]


@pytest.mark.parametrize("score", [0, 11, -1, "7", 7.5, None])
def test_scores_outside_one_to_ten_are_refused(setting, score):
    hr, member, _other, _round, slots = setting
    interview = services.schedule(f.make_application(status=Status.INTERVIEW), slots[0], hr, now=NOW)
    with pytest.raises(RecruitmentError):
        services.record_evaluation(interview, member, score=score)
    assert not Evaluation.objects.exists()


def test_only_the_rounds_panel_may_evaluate(setting):
    hr, _member, _other, _round, slots = setting
    interview = services.schedule(f.make_application(status=Status.INTERVIEW), slots[0], hr, now=NOW)
    stranger = f.panel_user("not-on-this-panel")
    for account in (hr, stranger, f.user()):
        with pytest.raises(PermissionDenied):
            services.record_evaluation(interview, account, score=5)
    assert not Evaluation.objects.exists()
    assert list(services.interviews_for_panel_member(stranger)) == []

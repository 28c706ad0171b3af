"""Peer review: suggestions, conflicts of interest, recusal and reassignment, scoring, reviewer isolation,
ranking, panel decisions within the budget, disbursements."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from records import audit
from records.files import store_upload
from records.grants import services
from records.grants.models import Assignment, Status
from records.statemachine import TransitionNotAllowed
from tests.factories import grants as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    call = f.make_call()
    officer = f.office_user("officer")
    host = f.make_institution(call.programme, name="示例第一医院")
    application = f.make_application(
        call,
        host,
        status=Status.ACCEPTED,
        pi_email="pi@example.org",
        pi_name="张申请",
        team=[
            {"name": "王团队", "institution_name": "示例大学9"},
            {"name": "孙团队", "institution_name": ""},
        ],
    )
    return {"call": call, "officer": officer, "host": host, "application": application}


def test_suggestions_match_fields_and_exclude_every_conflict(world):
    application, host = world["application"], world["host"]
    good = [f.make_reviewer("oncology") for _ in range(3)]
    off_field = f.make_reviewer("neuroscience")
    conflicted = [
        f.make_reviewer("oncology", host_institution=host),  # works at the host institution
        f.make_reviewer("oncology", institution_name="示例第一医院"),  # same institution by name
        f.make_reviewer("oncology", name="王团队", institution_name="示例大学9"),  # a team member
        f.make_reviewer("oncology", name="孙团队"),  # a team member without an institution given
        f.make_reviewer("oncology", institution_name="示例第一医院 "),
    ]
    pi = f.make_reviewer("oncology")
    pi.email = "PI@example.org"
    pi.save()
    inactive = f.make_reviewer("oncology", active=False)
    suggested = services.suggest_reviewers(application, 10)
    ids = [r.pk for r in suggested]
    assert set(ids[:3]) == {r.pk for r in good}  # field match first
    assert off_field.pk in ids  # then others, if more are wanted
    for reviewer in [*conflicted, pi, inactive]:
        assert reviewer.pk not in ids
        if reviewer.active:
            assert services.is_conflicted(reviewer, application) or reviewer is inactive


def test_assignment_refuses_a_conflicted_reviewer(world):
    application, officer = world["application"], world["officer"]
    conflicted = f.make_reviewer("oncology", host_institution=world["host"])
    with pytest.raises(services.ConflictOfInterest):
        services.assign_reviewers(application, officer, reviewers=[conflicted])
    assert not Assignment.objects.exists()
    with pytest.raises(PermissionDenied):
        services.assign_reviewers(application, f.make_reviewer().user)


def test_assignments_go_to_the_least_loaded_matching_reviewers(world):
    application, officer = world["application"], world["officer"]
    busy = f.make_reviewer("oncology")
    free = [f.make_reviewer("oncology") for _ in range(3)]
    other = f.make_application(world["call"], status=Status.ACCEPTED)
    services.assign_reviewers(other, officer, reviewers=[busy])
    created = services.assign_reviewers(application, officer)
    assert {a.reviewer_id for a in created} == {r.pk for r in free}
    assert all(a.due_at == world["call"].review_deadline for a in created)
    assert audit.history(application).get(action="reviewers_assigned").actor == officer


def test_recusal_triggers_reassignment(world):
    application, officer = world["application"], world["officer"]
    reviewers = [f.make_reviewer("oncology") for _ in range(4)]
    created = services.assign_reviewers(application, officer, reviewers=reviewers[:3])
    mine = created[0]
    with pytest.raises(PermissionDenied):  # another reviewer cannot recuse for them
        services.recuse(mine, reviewers[1].user, "x")
    replacement = services.recuse(mine, reviewers[0].user, "我是申请人的博士导师")
    mine.refresh_from_db()
    assert mine.state == Assignment.State.RECUSED and mine.recusal_reason == "我是申请人的博士导师"
    assert replacement.reviewer == reviewers[3]
    assert application.assignments.exclude(state=Assignment.State.RECUSED).count() == 3
    actions = list(audit.history(application).values_list("action", flat=True))
    assert actions[-2:] == ["reviewer_recused", "reviewer_reassigned"]
    with pytest.raises(TransitionNotAllowed):
        services.recuse(mine, reviewers[0].user, "again")
    # The recused reviewer is never suggested again for this application.
    assert reviewers[0] not in services.suggest_reviewers(application, 10)


def scores(call, value):
    return {criterion.pk: value for criterion in call.criteria.all()}


def test_a_reviewer_scores_their_own_assignment_before_the_deadline(world):
    call, application, officer = world["call"], world["application"], world["officer"]
    reviewers = [f.make_reviewer("oncology") for _ in range(2)]
    first, second = services.assign_reviewers(application, officer, reviewers=reviewers)
    with pytest.raises(TransitionNotAllowed):  # not yet in peer review
        services.record_review(first, reviewers[0].user, scores(call, 8), "good")
    services.move(application, Status.PEER_REVIEW, officer)
    with pytest.raises(PermissionDenied):
        services.record_review(first, reviewers[1].user, scores(call, 8), "not mine")
    with pytest.raises(PermissionDenied):
        services.record_review(first, officer, scores(call, 8), "staff cannot score")
    with pytest.raises(TransitionNotAllowed):
        services.record_review(first, reviewers[0].user, scores(call, 11), "too high")
    with pytest.raises(TransitionNotAllowed):
        services.record_review(first, reviewers[0].user, {}, "missing scores")
    review = services.record_review(first, reviewers[0].user, scores(call, 8), "好的选题")
    assert review.total == Decimal("80.00")
    with pytest.raises(TransitionNotAllowed):
        services.record_review(first, reviewers[0].user, scores(call, 5), "twice")
    late = call.review_deadline + datetime.timedelta(seconds=1)
    with pytest.raises(TransitionNotAllowed) as error:
        services.record_review(second, reviewers[1].user, scores(call, 6), "late", now=late)
    assert error.value.code == "deadline"
    services.record_review(second, reviewers[1].user, scores(call, 6), "ok")
    application.refresh_from_db()
    assert application.review_score == Decimal("70.00") and application.review_count == 2


def test_ranking_is_per_category_by_mean_score(world):
    call, officer = world["call"], world["officer"]
    brain = call.programme.categories.get(code="brain")
    rows = []
    for category, score in [(None, "70"), (None, "90"), (brain, "60"), (None, "80"), (brain, "95")]:
        extra = {"category": brain} if category else {}
        rows.append(
            f.make_application(call, status=Status.PANEL_REVIEW, review_score=Decimal(score), review_count=3, **extra)
        )
    ranked = [(r.category.code, r.rank, str(r.review_score)) for r in services.ranking(call)]
    assert ranked == [
        ("cancer", 1, "90.00"),
        ("cancer", 2, "80.00"),
        ("cancer", 3, "70.00"),
        ("brain", 1, "95.00"),
        ("brain", 2, "60.00"),
    ]
    assert officer


def test_panel_decisions_stay_within_the_budget_unless_overridden(world, django_capture_on_commit_callbacks):
    from django.core import mail

    call, officer = world["call"], world["officer"]
    call.total_budget = Decimal("1000000")
    call.save()
    first = f.make_application(call, status=Status.PANEL_REVIEW, requested_budget=Decimal("500000"))
    second = f.make_application(call, status=Status.PANEL_REVIEW, requested_budget=Decimal("500000"))
    third = f.make_application(call, status=Status.PANEL_REVIEW, requested_budget=Decimal("400000"), language="en")
    with django_capture_on_commit_callbacks(execute=True):
        f.decide_and_release(first, officer, award_amount=Decimal("500000"))
    assert mail.outbox[-1].to == [first.pi_email]
    with pytest.raises(TransitionNotAllowed):  # more than requested
        services.decide(second, funded=True, user=officer, award_amount=Decimal("500000.01"))
    services.decide(second, funded=True, user=officer, award_amount=Decimal("500000"))  # exactly the budget
    with pytest.raises(services.BudgetExceeded):  # the pending decision counts against the budget too
        services.decide(third, funded=True, user=officer, award_amount=Decimal("1"))
    third.refresh_from_db()
    assert third.status == Status.PANEL_REVIEW and third.award_amount is None
    with pytest.raises(TransitionNotAllowed):  # an override needs a reason
        services.decide(third, funded=True, user=officer, award_amount=Decimal("100000"), override=True)
    services.decide(
        third, funded=True, user=officer, award_amount=Decimal("100000"), override=True, reason="市政府追加经费"
    )
    fourth = f.make_application(call, status=Status.PANEL_REVIEW)
    f.decide_and_release(fourth, officer, funded=False)
    entry = audit.history(third).get(action="moved")
    assert entry.data["budget_override"] is True and entry.reason == "市政府追加经费"
    fourth.refresh_from_db()
    assert fourth.status == Status.NOT_FUNDED
    figures = services.dashboard(call)
    assert figures["funded"] == 3 and figures["awarded"] == Decimal("1100000")


def test_disbursements_never_exceed_the_award(world):
    call, officer = world["call"], world["officer"]
    application = f.make_application(call, status=Status.PANEL_REVIEW)
    with pytest.raises(TransitionNotAllowed):
        services.record_disbursement(application, Decimal("1"), timezone.localdate(), officer)
    f.decide_and_release(application, officer, award_amount=Decimal("300000"))
    services.record_disbursement(application, Decimal("180000"), timezone.localdate(), officer)
    with pytest.raises(TransitionNotAllowed):
        services.record_disbursement(application, Decimal("120000.01"), timezone.localdate(), officer)
    services.record_disbursement(application, Decimal("120000"), timezone.localdate(), officer)
    application.refresh_from_db()
    assert application.fully_disbursed
    with pytest.raises(PermissionDenied):
        services.record_disbursement(application, Decimal("1"), timezone.localdate(), f.user())
    assert services.dashboard(call)["disbursed"] == Decimal("300000")


# Reviewer isolation over HTTP ----------------------------------------------------------------------


def pdf(owner):
    upload = f.pdf_upload()
    upload.checked_kind = "pdf"
    return store_upload(upload, role="proposal", owner=owner)


def test_reviewers_see_only_their_own_assignments(client, world):
    call, application, officer = world["call"], world["application"], world["officer"]
    alice, bob = f.make_reviewer("oncology"), f.make_reviewer("oncology")
    other_app = f.make_application(call, status=Status.ACCEPTED, title="别人的申请")
    application.proposal = pdf(application)
    application.save()
    other_app.proposal = pdf(other_app)
    other_app.save()
    services.move(application, Status.PEER_REVIEW, officer)
    services.move(other_app, Status.PEER_REVIEW, officer)
    (mine,) = services.assign_reviewers(application, officer, reviewers=[alice])
    (theirs,) = services.assign_reviewers(other_app, officer, reviewers=[bob])
    services.record_review(theirs, bob.user, scores(call, 9), "鲍勃的秘密意见")

    client.force_login(alice.user)
    listing = client.get("/admin/grants/my-reviews/").content.decode()
    assert application.reference in listing and other_app.reference not in listing
    page = client.get(f"/admin/grants/my-reviews/{mine.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert application.title in html and "创新性" in html
    assert client.get(f"/admin/records/files/{application.proposal.pk}/").status_code == 200
    # Guessing the other assignment's or application's URLs, or its file, gets nothing.
    # (A 404 in the admin is redirected by LocaleMiddleware to the language-prefixed path, which is a 404 too.)
    assert client.get(f"/admin/grants/my-reviews/{theirs.pk}/", follow=True).status_code == 404
    refused = client.post(f"/admin/grants/my-reviews/{theirs.pk}/", {"action": "recuse", "reason": "x"}, follow=True)
    assert refused.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == Assignment.State.SUBMITTED
    assert client.get(f"/admin/records/files/{other_app.proposal.pk}/", follow=True).status_code == 404
    for url in (
        f"/admin/grants/applications/inspect/{other_app.pk}/",
        f"/admin/grants/applications/inspect/{application.pk}/",
        "/admin/grants/applications/",
        f"/admin/grants/calls/dashboard/{call.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "鲍勃的秘密意见" not in response.content.decode()
    # Submitting a review through the page.
    data = {"action": "review", "comments": "很好", "no_conflict": "on"}
    data.update({f"score_{c.pk}": "7" for c in call.criteria.all()})
    assert client.post(f"/admin/grants/my-reviews/{mine.pk}/", data).status_code == 302
    mine.refresh_from_db()
    assert mine.state == Assignment.State.SUBMITTED
    html = client.get(f"/admin/grants/my-reviews/{mine.pk}/").content.decode()
    assert "很好" in html and "鲍勃的秘密意见" not in html


def test_a_reviewer_recuses_through_the_page(client, world):
    application, officer = world["application"], world["officer"]
    reviewers = [f.make_reviewer("oncology") for _ in range(2)]
    (mine,) = services.assign_reviewers(application, officer, reviewers=reviewers[:1])
    client.force_login(reviewers[0].user)
    response = client.post(f"/admin/grants/my-reviews/{mine.pk}/", {"action": "recuse", "reason": "与申请人同一课题组"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == Assignment.State.RECUSED
    assert application.assignments.get(state=Assignment.State.ASSIGNED).reviewer == reviewers[1]

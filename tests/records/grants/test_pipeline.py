"""The application pipeline and the institution registration: every move allowed and refused, by whom, logged."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from freezegun import freeze_time

from records import audit
from records.grants import services
from records.grants.machine import APPLICATION_PIPELINE
from records.grants.models import Institution, InstitutionStatus, Status
from records.grants.roles import REVIEWERS
from records.statemachine import APPLICANT, NeedsConfirmation, TransitionNotAllowed
from tests.factories import grants as f

pytestmark = pytest.mark.django_db

ALLOWED = {
    (Status.SUBMITTED, Status.FORMAL_REVIEW),
    (Status.FORMAL_REVIEW, Status.ACCEPTED),
    (Status.FORMAL_REVIEW, Status.REJECTED_FORMAL),
    (Status.ACCEPTED, Status.PEER_REVIEW),
    (Status.PEER_REVIEW, Status.PANEL_REVIEW),
    (Status.PANEL_REVIEW, Status.FUNDED),
    (Status.PANEL_REVIEW, Status.NOT_FUNDED),
    (Status.SUBMITTED, Status.WITHDRAWN),
    (Status.FORMAL_REVIEW, Status.WITHDRAWN),
    (Status.ACCEPTED, Status.WITHDRAWN),
    (Status.PEER_REVIEW, Status.WITHDRAWN),
    (Status.PANEL_REVIEW, Status.WITHDRAWN),
}
ALL_PAIRS = [(source, target) for source in Status for target in Status if source != target]


def test_the_machine_allows_exactly_the_documented_moves():
    found = {(s, t.target) for t in APPLICATION_PIPELINE.transitions for s in t.sources}
    assert found == ALLOWED


@pytest.fixture
def setting():
    call = f.make_call()
    return call, f.office_user("officer"), f.make_institution(call.programme)


DECISIONS = {(Status.PANEL_REVIEW, Status.FUNDED), (Status.PANEL_REVIEW, Status.NOT_FUNDED)}


@pytest.mark.parametrize("source, target", sorted(ALLOWED - DECISIONS))
def test_each_allowed_move_is_made_and_logged(setting, source, target):
    call, officer, institution = setting
    application = f.make_application(call, institution, status=source)
    # (To panel review without reviews comes with a warning: confirmed here, the reason given.)
    services.move(application, target, officer, reason="because", confirmed=True)
    application.refresh_from_db()
    assert application.status == target
    entry = audit.history(application).get(action="moved")
    assert (entry.from_state, entry.to_state, entry.actor, entry.reason) == (source, target, officer, "because")
    assert entry.created_at is not None
    if target == Status.ACCEPTED:
        assert application.accepted_at is not None
    if target == Status.REJECTED_FORMAL:
        assert application.decided_at is not None


@pytest.mark.parametrize("source, target", [pair for pair in ALL_PAIRS if pair not in ALLOWED])
def test_each_other_move_is_refused_and_nothing_changes(setting, source, target):
    call, officer, institution = setting
    application = f.make_application(call, institution, status=source)
    with pytest.raises(TransitionNotAllowed):
        services.move(application, target, officer, reason="try")
    application.refresh_from_db()
    assert application.status == source
    assert not audit.history(application).exists()


def test_funding_goes_through_a_panel_decision_with_an_award(setting):
    call, officer, institution = setting
    application = f.make_application(call, institution, status=Status.PANEL_REVIEW)
    for target in (Status.FUNDED, Status.NOT_FUNDED):
        with pytest.raises(TransitionNotAllowed) as error:
            services.move(application, target, officer)
        assert error.value.code == "decision"
    services.decide(application, funded=True, user=officer, award_amount="250000")
    application.refresh_from_db()
    assert application.status == Status.PANEL_REVIEW and application.award_amount is None  # held
    f.decide_and_release(application, officer, award_amount="250000")
    application.refresh_from_db()
    assert application.status == Status.FUNDED and str(application.award_amount) == "250000.00"
    assert application.decided_at is not None
    other = f.make_application(call, institution, status=Status.PANEL_REVIEW)
    f.decide_and_release(other, officer, funded=False)
    other.refresh_from_db()
    assert other.status == Status.NOT_FUNDED and other.decided_at is not None and other.award_amount is None


def test_the_move_is_checked_against_the_stored_state_not_a_stale_copy(setting):
    call, officer, institution = setting
    application = f.make_application(call, institution, status=Status.SUBMITTED)
    stale = type(application).objects.get(pk=application.pk)
    services.move(application, Status.FORMAL_REVIEW, officer)
    with pytest.raises(TransitionNotAllowed):
        services.move(stale, Status.FORMAL_REVIEW, officer)  # the copy still says "submitted"


def test_a_rejection_needs_a_reason_and_tells_the_applicant(setting, django_capture_on_commit_callbacks):
    call, officer, institution = setting
    application = f.make_application(call, institution, status=Status.FORMAL_REVIEW, language="en")
    with pytest.raises(TransitionNotAllowed) as error:
        services.move(application, Status.REJECTED_FORMAL, officer, reason="  ")
    assert error.value.code == "reason_required"
    # Sent at once (not held like a panel decision), so it is confirmed first: unconfirmed, nothing happens.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NeedsConfirmation) as caution:
        services.move(application, Status.REJECTED_FORMAL, officer, reason="The host institution's seal is missing.")
    assert [c.code for c in caution.value.cautions] == ["emailed_at_once"]
    application.refresh_from_db()
    assert application.status == Status.FORMAL_REVIEW and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        reason = "The host institution's seal is missing."
        services.move(application, Status.REJECTED_FORMAL, officer, reason=reason, confirmed=True)
    assert mail.outbox[0].to == [application.pi_email]
    assert "seal is missing" in mail.outbox[0].body
    assert call.title_en in mail.outbox[0].body


@pytest.mark.parametrize("who", ["anonymous", "reviewer", "editor", "plain"])
def test_only_the_grants_office_moves_applications(setting, who):
    from django.contrib.auth.models import AnonymousUser

    from content.editorial import EDITORS, ensure_editorial_groups

    call, _officer, institution = setting
    application = f.make_application(call, institution, status=Status.SUBMITTED)
    if who == "anonymous":
        actor = AnonymousUser()
    elif who == "reviewer":
        actor = f.user(None, REVIEWERS)
    elif who == "editor":
        ensure_editorial_groups()
        actor = f.user(None, EDITORS)
    else:
        actor = f.user()
    with pytest.raises(PermissionDenied):
        services.move(application, Status.FORMAL_REVIEW, actor)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_a_superuser_may_move(setting):
    call, _officer, institution = setting
    admin = f.user("root", is_superuser=True, is_staff=True)
    application = f.make_application(call, institution)
    services.move(application, Status.FORMAL_REVIEW, admin)
    assert application.status == Status.FORMAL_REVIEW


def test_the_applicant_withdraws_through_the_emailed_link(setting, django_capture_on_commit_callbacks):
    call, _officer, institution = setting
    application = f.make_application(call, institution, status=Status.PEER_REVIEW, language="en")
    other = f.make_application(call, institution, status=Status.PEER_REVIEW)
    # Knowing the reference and the email is not enough: no token, a forged one, another application's one.
    for token in (None, "", "forged", services.moves.withdrawal_token(other)):
        with pytest.raises(PermissionDenied):
            services.withdraw(application, reason="moving abroad", token=token)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_withdrawal(application, lambda token: f"https://example.org/status/?withdraw={token}")
    (link_mail,) = mail.outbox
    assert link_mail.to == [application.pi_email] and application.reference in link_mail.body
    token = link_mail.body.split("?withdraw=")[1].split()[0]
    assert services.application_for_withdrawal(token) == application
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(application, reason="moving abroad", token=token)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    moved = audit.history(application).filter(action="moved").get()
    assert moved.actor is None and moved.actor_label == APPLICANT and moved.reason == "moving abroad"
    assert "withdrawn" in mail.outbox[-1].subject.lower()
    with pytest.raises(TransitionNotAllowed):  # the link works once: the application is withdrawn now
        services.withdraw(application, reason="again", token=token)
    with pytest.raises(TransitionNotAllowed):
        services.request_withdrawal(application, str)


def test_a_withdrawal_link_expires_and_decided_applications_cannot_be_withdrawn(setting):
    call, _officer, institution = setting
    application = f.make_application(call, institution, status=Status.ACCEPTED)
    with freeze_time("2024-05-01 10:00:00+08:00"):
        token = services.moves.withdrawal_token(application)
    with freeze_time("2024-05-03 09:59:00+08:00"):
        assert services.application_for_withdrawal(token) == application
    with freeze_time("2024-05-03 10:01:00+08:00"):
        assert services.application_for_withdrawal(token) is None
        with pytest.raises(PermissionDenied):
            services.withdraw(application, reason="late", token=token)
    for status in (Status.FUNDED, Status.NOT_FUNDED, Status.REJECTED_FORMAL, Status.WITHDRAWN):
        decided = f.make_application(call, institution, status=status)
        assert not services.can_withdraw(decided)
        with pytest.raises(TransitionNotAllowed):
            services.request_withdrawal(decided, str)
        with pytest.raises(TransitionNotAllowed):
            services.withdraw(decided, reason="too late", token=services.moves.withdrawal_token(decided))
        decided.refresh_from_db()
        assert decided.status == status


def test_bulk_move_moves_only_those_that_can_and_logs_each(setting):
    call, officer, institution = setting
    waiting = [f.make_application(call, institution) for _ in range(3)]
    other = f.make_application(call, institution, status=Status.PEER_REVIEW)
    moved, skipped, _notes = services.bulk_move(
        type(other).objects.filter(call=call), Status.FORMAL_REVIEW, officer, reason="batch"
    )
    assert (moved, skipped) == (3, 1)
    for application in waiting:
        application.refresh_from_db()
        assert application.status == Status.FORMAL_REVIEW
        assert audit.history(application).get().reason == "batch"
    other.refresh_from_db()
    assert other.status == Status.PEER_REVIEW
    with pytest.raises(TransitionNotAllowed):  # a rejection is never done in bulk
        services.bulk_move(type(other).objects.all(), Status.REJECTED_FORMAL, officer, reason="x")


def test_institution_registration_is_approved_or_rejected_with_a_reason(setting, django_capture_on_commit_callbacks):
    call, officer, _institution = setting
    pending = f.make_institution(call.programme, status=InstitutionStatus.PENDING)
    with pytest.raises(TransitionNotAllowed):
        services.decide_institution(pending, False, officer, reason="")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NeedsConfirmation):
        services.decide_institution(
            pending, False, officer, reason="证书与单位名称不一致"
        )  # emailed at once: confirmed
    assert mail.outbox == [] and Institution.objects.get(pk=pending.pk).status == InstitutionStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_institution(pending, False, officer, reason="证书与单位名称不一致", confirmed=True)
    pending.refresh_from_db()
    assert pending.status == InstitutionStatus.REJECTED and pending.decision_reason == "证书与单位名称不一致"
    assert "证书与单位名称不一致" in mail.outbox[0].body
    with pytest.raises(TransitionNotAllowed):  # decided once
        services.decide_institution(pending, True, officer)
    other = f.make_institution(call.programme, status=InstitutionStatus.PENDING)
    with pytest.raises(PermissionDenied):
        services.decide_institution(other, True, f.user(None, REVIEWERS))
    services.decide_institution(other, True, officer)
    assert Institution.objects.get(pk=other.pk).status == InstitutionStatus.APPROVED

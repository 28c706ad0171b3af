"""The recruitment pipeline: every move allowed and refused, reasons, who may move, bulk moves, the audit log."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from records import audit
from records.grants.roles import GRANTS_OFFICE
from records.recruitment import services
from records.recruitment.machine import PIPELINE
from records.recruitment.models import JobApplication, Status
from records.recruitment.roles import HR_STAFF
from records.recruitment.services.outcomes import KINDS
from records.statemachine import TransitionNotAllowed
from tests.factories import recruitment as f

pytestmark = pytest.mark.django_db

OPEN = [Status.RECEIVED, Status.SCREENING, Status.INTERVIEW, Status.OFFER]
ALLOWED = {
    (Status.RECEIVED, Status.SCREENING),
    (Status.SCREENING, Status.INTERVIEW),
    (Status.INTERVIEW, Status.OFFER),
    (Status.OFFER, Status.HIRED),
    *((state, Status.REJECTED) for state in OPEN),
    *((state, Status.WITHDRAWN) for state in OPEN),
}
REFUSED = sorted(set(itertools.product(Status.values, Status.values)) - ALLOWED)
NEEDS_REASON = {Status.REJECTED, Status.WITHDRAWN}
CLOSES = {Status.HIRED, Status.REJECTED, Status.WITHDRAWN}
HELD = {Status.OFFER, Status.REJECTED}  # held, then sent (services.outcomes)


def move_or_send(application, target, user, reason=""):
    if target in HELD:
        return f.hold_and_send(application, target, user, reason)
    return services.move(application, target, user, reason=reason)


def hold_or_move(application, target, user, reason=""):
    if target in HELD:
        return services.hold_outcome(application, KINDS[target], user, reason)
    return services.move(application, target, user, reason=reason)


def test_the_machine_lists_exactly_the_allowed_moves():
    listed = {(source, t.target) for t in PIPELINE.transitions for source in t.sources}
    assert listed == ALLOWED
    assert all(t.actors == (HR_STAFF,) for t in PIPELINE.transitions)


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_every_allowed_move_is_made_by_hr_and_logged(source, target):
    hr = f.hr_user("hr-officer")
    application = f.make_application(status=source)
    move_or_send(application, target, hr, reason="  reason given  ")
    application.refresh_from_db()
    assert application.status == target
    entry = audit.history(application).filter(action="moved").get()
    assert (entry.from_state, entry.to_state, entry.actor, entry.actor_label) == (source, target, hr, "hr-officer")
    assert entry.reason == "reason given" and entry.created_at is not None
    assert (application.closed_at is not None) == (target in CLOSES)
    assert (application.offered_at is not None) == (target == Status.OFFER)


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_move_is_refused_and_changes_nothing(source, target):
    hr = f.hr_user()
    application = f.make_application(status=source)
    with pytest.raises(TransitionNotAllowed) as refused:
        hold_or_move(application, target, hr, reason="because")
    assert refused.value.code == "invalid_transition"
    assert JobApplication.objects.get(pk=application.pk).status == source
    assert not audit.history(application).filter(action="moved").exists()


@pytest.mark.parametrize("target", sorted(NEEDS_REASON))
@pytest.mark.parametrize("source", OPEN)
def test_rejection_and_withdrawal_need_a_reason(source, target):
    application = f.make_application(status=source)
    with pytest.raises(TransitionNotAllowed) as refused:
        hold_or_move(application, target, f.hr_user(), reason="   ")
    assert refused.value.code == "reason_required"
    assert JobApplication.objects.get(pk=application.pk).status == source


@pytest.mark.parametrize("kind", [*f.OTHER_KINDS, "inactive HR staff"])
def test_only_hr_staff_may_move(kind):
    account = f.other_account(kind)
    application = f.make_application(status=Status.RECEIVED)
    with pytest.raises(PermissionDenied):
        services.move(application, Status.SCREENING, account)
    assert PIPELINE.available(application, account) == []
    assert JobApplication.objects.get(pk=application.pk).status == Status.RECEIVED


def test_anonymous_and_no_user_are_refused():
    application = f.make_application()
    for account in (AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            services.move(application, Status.SCREENING, account)
    assert not audit.history(application).filter(action="moved").exists()


def test_hr_and_superusers_see_the_moves_of_the_current_state():
    application = f.make_application(status=Status.INTERVIEW)
    superuser = f.user(is_superuser=True)
    for account in (f.hr_user(), superuser):
        targets = {t.target for t in PIPELINE.available(application, account)}
        assert targets == {Status.OFFER, Status.REJECTED, Status.WITHDRAWN}
    f.hold_and_send(application, Status.OFFER, superuser, reason="offer agreed by the director")
    assert JobApplication.objects.get(pk=application.pk).status == Status.OFFER


def test_bulk_moves_only_those_that_can_and_logs_each():
    hr = f.hr_user()
    waiting = [f.make_application() for _ in range(3)]
    other = f.make_application(status=Status.OFFER)
    moved, skipped, notes = services.bulk_move(JobApplication.objects.all(), Status.SCREENING, hr, reason="batch")
    assert (moved, skipped, notes) == (3, 1, [])
    for application in waiting:
        assert audit.history(application).get(action="moved").reason == "batch"
    assert JobApplication.objects.get(pk=other.pk).status == Status.OFFER
    with pytest.raises(TransitionNotAllowed):  # hiring is never done in bulk
        services.bulk_move(JobApplication.objects.all(), Status.HIRED, hr)
    with pytest.raises(PermissionDenied):
        services.bulk_move(JobApplication.objects.all(), Status.INTERVIEW, f.user(None, GRANTS_OFFICE))


def test_a_bulk_rejection_needs_a_reason_for_each():
    hr = f.hr_user()
    [f.make_application(status=Status.SCREENING) for _ in range(2)]
    assert services.bulk_move(JobApplication.objects.all(), Status.REJECTED, hr, reason="") == (0, 2, [])
    everyone = JobApplication.objects.all()
    held, skipped, notes = services.bulk_move(everyone, Status.REJECTED, hr, reason="Position filled")
    assert (held, skipped) == (2, 0) and notes
    # Held, not sent: nobody is rejected until HR checks and sends the rejections.
    assert set(JobApplication.objects.values_list("status", flat=True)) == {Status.SCREENING}
    summary = services.send_summary()
    assert (summary["offers"], summary["rejections"]) == (0, 2)
    services.send_outcomes(hr, fingerprint=summary["fingerprint"])
    assert set(JobApplication.objects.values_list("status", flat=True)) == {Status.REJECTED}

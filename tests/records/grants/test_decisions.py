"""Panel decisions are held, then released: recorded as pending, changed or withdrawn, released per call after a
confirmation that shows the counts and the total award, each applicant emailed once; a decision that contradicts
itself is refused; moving to panel review with reviews missing asks for a confirmation and a reason."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from wagtail.users.models import UserProfile

from records import audit
from records.grants import services
from records.grants.models import Application, Assignment, Decision, DecisionRelease, Status
from records.statemachine import NeedsConfirmation, TransitionNotAllowed
from tests.factories import grants as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return f.make_call(budget=Decimal("2000000"), cap=Decimal("900000"))


@pytest.fixture
def officer(client):
    account = f.office_user("officer")
    profile = UserProfile.get_for_user(account)
    profile.preferred_language = "en"  # the messages are checked in English
    profile.save()
    client.force_login(account)
    return account


def panel_app(call, **fields):
    fields.setdefault("requested_budget", Decimal("800000"))
    return f.make_application(call, status=Status.PANEL_REVIEW, **fields)


def texts(response):
    """The messages this request added (those of earlier requests not yet shown are left out)."""
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def decide_url(application):
    return f"/admin/grants/applications/decide/{application.pk}/"


def test_do_not_fund_with_an_award_filled_in_is_refused_and_nothing_is_sent(
    client, call, officer, django_capture_on_commit_callbacks
):
    """The mistake seen: "Do not fund" chosen while an award of 750,000 was filled in."""
    application = panel_app(call)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(application), {"decision": "not_fund", "award_amount": "750000"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.PANEL_REVIEW
    assert not Decision.objects.exists()
    assert mail.outbox == []
    (message,) = texts(response)
    assert "Do not fund" in message and "750,000.00" in message
    # The service refuses it too, whoever calls it.
    with pytest.raises(TransitionNotAllowed) as error:
        services.decide(application, funded=False, user=officer, award_amount=Decimal("750000"))
    assert error.value.code == "contradiction"
    with pytest.raises(TransitionNotAllowed):
        services.decide(application, funded=True, user=officer, award_amount=None)


def test_a_refused_decision_comes_back_with_what_the_officer_typed(client, call, officer):
    """A refusal loses nothing: the panel row and the application page show the decision, award and reason typed."""
    application = panel_app(call)
    panel = f"/admin/grants/calls/panel/{call.pk}/"
    typed = {"decision": "not_fund", "award_amount": "750000", "reason": "Budget too high", "next": panel}
    response = client.post(decide_url(application), typed)
    assert response.status_code == 302 and response.url == panel
    page = client.get(panel).content.decode()
    row = page[page.index(f'action="{decide_url(application)}"') :]
    row = row[: row.index("</form>")]
    assert '<option value="not_fund" selected>' in row
    assert 'value="750000"' in row and 'value="Budget too high"' in row
    # Shown once: the next visit shows the form as the record stands (no decision).
    again = client.get(panel).content.decode()
    row = again[again.index(f'action="{decide_url(application)}"') :]
    assert "Budget too high" not in row[: row.index("</form>")]
    # The same on the application's own page.
    client.post(decide_url(application), {**typed, "next": ""})
    inspect = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    assert "Budget too high" in inspect and "750000" in inspect
    assert not Decision.objects.exists()


def test_a_decision_is_held_until_released_and_can_be_changed_or_withdrawn(
    client, call, officer, django_capture_on_commit_callbacks
):
    application = panel_app(call)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(application), {"decision": "not_fund", "reason": "排名靠后"})
    application.refresh_from_db()
    assert application.status == Status.PANEL_REVIEW and application.decided_at is None
    assert mail.outbox == []
    assert "held" in texts(response)[0]
    decision = Decision.objects.get(application=application)
    assert decision.is_pending and not decision.funded

    # Changed: fund after all.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url(application), {"decision": "fund", "award_amount": "600000", "reason": "复议"}
        )
    decision.refresh_from_db()
    assert decision.funded and decision.award_amount == Decimal("600000.00")
    assert "changed" in texts(response)[0] and "600,000.00" in texts(response)[0]
    assert mail.outbox == []

    # Withdrawn: the application waits for a new decision.
    response = client.post(f"/admin/grants/applications/withdraw-decision/{application.pk}/", {"reason": "重新讨论"})
    assert not Decision.objects.filter(application=application).exists()
    assert "withdrawn" in texts(response)[0]
    actions = list(audit.history(application).values_list("action", flat=True))
    assert actions == ["decision_recorded", "decision_changed", "decision_withdrawn"]
    page = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    assert "Pending decision withdrawn" in page and "Decision changed (pending release): fund" in page
    assert mail.outbox == []


def test_the_move_form_makes_no_decision(client, call, officer, django_capture_on_commit_callbacks):
    """Deciding goes through the held decision only: "not funded" is not a move of the inspect page."""
    application = panel_app(call)
    page = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    assert 'value="not_funded"' not in page.split("grants_application:decide")[0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/grants/applications/move/{application.pk}/", {"target": "not_funded", "reason": "x"})
    application.refresh_from_db()
    assert application.status == Status.PANEL_REVIEW and mail.outbox == []
    with pytest.raises(TransitionNotAllowed):
        services.move(application, Status.NOT_FUNDED, officer, reason="x")


def test_release_confirms_counts_and_total_then_emails_each_applicant_once(
    client, call, officer, django_capture_on_commit_callbacks
):
    chinese = panel_app(call, pi_email="zh@example.org", language="zh-hans")
    english = panel_app(call, pi_email="en@example.org", language="en", requested_budget=Decimal("500000"))
    refused = panel_app(call, pi_email="no@example.org", language="en")
    undecided = panel_app(call, pi_email="later@example.org")
    services.decide(chinese, funded=True, user=officer, award_amount=Decimal("750000"))
    services.decide(english, funded=True, user=officer, award_amount=Decimal("450000"))
    services.decide(refused, funded=False, user=officer)

    page = client.get(f"/admin/grants/calls/release/{call.pk}/").content.decode()
    assert 'data-figure="count">3<' in page
    assert 'data-figure="funded">2<' in page and 'data-figure="not-funded">1<' in page
    assert re.search(r'data-figure="total">1,?200,?000\.00<', page)  # separators: as the admin language has them
    fingerprint = services.release_summary(call)["fingerprint"]

    # Without the tick nothing happens.
    response = client.post(f"/admin/grants/calls/release/{call.pk}/", {"fingerprint": fingerprint})
    assert response.status_code == 400 and not DecisionRelease.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/grants/calls/release/{call.pk}/", {"fingerprint": fingerprint, "confirm": "on"})
    assert "3 decisions released" in texts(response)[0] and "1,200,000.00" in texts(response)[0]
    statuses = dict(Application.objects.values_list("pi_email", "status"))
    assert statuses == {
        "zh@example.org": Status.FUNDED,
        "en@example.org": Status.FUNDED,
        "no@example.org": Status.NOT_FUNDED,
        "later@example.org": Status.PANEL_REVIEW,
    }
    assert Application.objects.get(pk=chinese.pk).award_amount == Decimal("750000.00")
    by_recipient = {}
    for message in mail.outbox:
        by_recipient.setdefault(message.to[0], []).append(message)
    assert sorted(by_recipient) == ["en@example.org", "no@example.org", "zh@example.org"]
    assert all(len(messages) == 1 for messages in by_recipient.values())
    assert "750,000.00" in by_recipient["zh@example.org"][0].body and "资助" in by_recipient["zh@example.org"][0].body
    assert "is funded" in by_recipient["en@example.org"][0].subject.lower() or "funded" in (
        by_recipient["en@example.org"][0].subject.lower()
    )
    assert "could not be funded" in by_recipient["no@example.org"][0].body

    # A double click (the same confirmation posted again) sends nothing more.
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/grants/calls/release/{call.pk}/", {"fingerprint": fingerprint, "confirm": "on"})
    assert len(mail.outbox) == sent
    assert "released already" in texts(response)[0]
    assert DecisionRelease.objects.count() == 1
    entry = audit.history(chinese).get(action="moved")
    assert entry.to_state == Status.FUNDED and entry.data["release"] == DecisionRelease.objects.get().pk
    assert undecided.pk  # untouched, still waiting


def test_a_release_refuses_decisions_changed_after_the_confirmation(call, officer, django_capture_on_commit_callbacks):
    first, second = panel_app(call), panel_app(call)
    services.decide(first, funded=True, user=officer, award_amount=Decimal("500000"))
    fingerprint = services.release_summary(call)["fingerprint"]
    services.decide(second, funded=False, user=officer)  # a colleague adds a decision meanwhile
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionNotAllowed) as error:
        services.release_decisions(call, officer, fingerprint=fingerprint)
    assert error.value.code == "changed"
    assert mail.outbox == [] and Application.objects.filter(status=Status.PANEL_REVIEW).count() == 2
    services.decide(first, funded=True, user=officer, award_amount=Decimal("400000"))  # and a change
    with pytest.raises(TransitionNotAllowed):
        services.release_decisions(call, officer, fingerprint=services.release_summary(call)["fingerprint"] + "x")


def test_pending_decisions_count_against_the_budget(call, officer):
    first, second, third = panel_app(call), panel_app(call), panel_app(call)
    services.decide(first, funded=True, user=officer, award_amount=Decimal("800000"))
    services.decide(second, funded=True, user=officer, award_amount=Decimal("800000"))
    with pytest.raises(services.BudgetExceeded):
        services.decide(third, funded=True, user=officer, award_amount=Decimal("800000"))
    # Changing a decision does not count its own earlier amount twice.
    services.decide(second, funded=True, user=officer, award_amount=Decimal("700000"))
    decision = services.decide(
        third, funded=True, user=officer, award_amount=Decimal("600000"), override=True, reason="追加经费"
    )
    assert decision.budget_override
    summary = services.release_summary(call)
    assert summary["total_award"] == Decimal("2100000.00") and summary["remaining_after"] == Decimal("-100000.00")


def test_a_withdrawn_application_drops_its_pending_decision(call, officer, django_capture_on_commit_callbacks):
    application = panel_app(call)
    services.decide(application, funded=True, user=officer, award_amount=Decimal("500000"))
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(application, reason="申请人撤回", user=officer)
    assert not Decision.objects.exists()
    assert [m.subject for m in mail.outbox if "funded" in m.subject.lower()] == []
    with pytest.raises(TransitionNotAllowed):
        services.release_decisions(call, officer, fingerprint=services.release_summary(call)["fingerprint"])


def test_only_the_grants_office_records_and_releases(client, call):
    application = panel_app(call)
    reviewer = f.make_reviewer()
    client.force_login(reviewer.user)
    assert client.post(decide_url(application), {"decision": "not_fund"}).status_code in (302, 403)
    assert client.post(f"/admin/grants/calls/release/{call.pk}/", {"confirm": "on"}).status_code in (302, 403)
    assert not Decision.objects.exists()


# Moving to panel review with reviews missing ---------------------------------------------------------


def peer_review_app(call, submitted=0, open_=4):
    application = f.make_application(call, status=Status.PEER_REVIEW)
    for index in range(submitted + open_):
        reviewer = f.make_reviewer("oncology")
        Assignment.objects.create(
            application=application,
            reviewer=reviewer,
            state=Assignment.State.SUBMITTED if index < submitted else Assignment.State.ASSIGNED,
        )
    return application


def test_panel_review_with_reviews_missing_asks_for_a_confirmation_and_a_reason(client, call, officer):
    """The move seen: to panel review with 0 of 4 reviews done, and no warning."""
    application = peer_review_app(call, submitted=0, open_=4)
    url = f"/admin/grants/applications/move/{application.pk}/"
    response = client.post(url, {"target": Status.PANEL_REVIEW, "reason": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "0 of 4 reviews are in" in page and 'name="confirmed"' in page
    application.refresh_from_db()
    assert application.status == Status.PEER_REVIEW

    # Ticked but without a reason: still not moved.
    response = client.post(url, {"target": Status.PANEL_REVIEW, "step": "confirm", "confirmed": "on", "reason": ""})
    assert response.status_code == 200 and "0 of 4 reviews are in" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.PEER_REVIEW

    response = client.post(
        url, {"target": Status.PANEL_REVIEW, "step": "confirm", "confirmed": "on", "reason": "评审专家已口头反馈"}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == Status.PANEL_REVIEW
    assert "kept in its history" in texts(response)[0]
    entry = audit.history(application).get(action="moved")
    assert entry.reason == "评审专家已口头反馈"
    assert entry.data["overridden"] == [{"code": "missing_reviews", "params": {"done": 0, "expected": 4}}]
    history = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    assert "Confirmed despite a warning: 0 of 4 reviews are in" in history


def test_a_rejection_at_formal_review_is_confirmed_before_the_applicant_is_emailed(
    client, call, officer, django_capture_on_commit_callbacks
):
    """A mis-click on "Reject at formal review" emailed the applicant the same second; now it asks first."""
    application = f.make_application(call, status=Status.FORMAL_REVIEW)
    url = f"/admin/grants/applications/move/{application.pk}/"
    reason = "The host institution's seal is missing."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"target": Status.REJECTED_FORMAL, "reason": reason})
    assert response.status_code == 200
    page = response.content.decode()
    assert "emailed this rejection and your reason at once" in page and 'name="confirmed"' in page
    assert "Reason, sent to the applicant" in page  # not a note to colleagues: the applicant reads it
    assert reason.replace("'", "&#x27;") in page  # the reason typed is kept on the confirmation
    assert mail.outbox == [] and Application.objects.get(pk=application.pk).status == Status.FORMAL_REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"target": Status.REJECTED_FORMAL, "step": "confirm", "confirmed": "on", "reason": reason}
        )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == Status.REJECTED_FORMAL
    assert len(mail.outbox) == 1 and reason in mail.outbox[0].body


def test_panel_review_with_every_review_in_needs_no_confirmation(call, officer):
    application = peer_review_app(call, submitted=3, open_=0)
    services.move(application, Status.PANEL_REVIEW, officer)
    assert Application.objects.get(pk=application.pk).status == Status.PANEL_REVIEW
    short = peer_review_app(call, submitted=2, open_=0)  # the call wants 3
    with pytest.raises(NeedsConfirmation) as caution:
        services.move(short, Status.PANEL_REVIEW, officer)
    assert caution.value.cautions[0].params == {"done": 2, "expected": 3}


def test_a_bulk_move_to_panel_review_leaves_applications_with_reviews_missing(call, officer):
    ready = peer_review_app(call, submitted=3, open_=0)
    missing = peer_review_app(call, submitted=1, open_=2)
    moved, skipped, notes = services.bulk_move(Application.objects.all(), Status.PANEL_REVIEW, officer)
    assert (moved, skipped) == (1, 1)
    assert missing.reference in str(notes[0])
    assert Application.objects.get(pk=ready.pk).status == Status.PANEL_REVIEW
    assert Application.objects.get(pk=missing.pk).status == Status.PEER_REVIEW

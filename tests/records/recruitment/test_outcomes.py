"""Offers and rejections are held, confirmed, then sent: nothing reaches a candidate at the click of a move; an
offer before the interview or without an evaluation asks for a confirmation and a reason, kept in the history;
sending emails each candidate once, in their language, whatever is double-clicked."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone
from wagtail.users.models import UserProfile

from records import audit
from records.recruitment import services
from records.recruitment.models import Evaluation, Interview, JobApplication, Outcome, Status
from records.statemachine import NeedsConfirmation, TransitionNotAllowed
from tests.factories import recruitment as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(client):
    account = f.hr_user("hr-officer")
    profile = UserProfile.get_for_user(account)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(account)
    return account


def queued(response):
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def interviewed(*, evaluated=True, past=True, language="en"):
    """A candidate at the interview stage whose interview is over (or still to come), evaluated or not."""
    panel = f.panel_user()
    held_on = (timezone.localdate() - datetime.timedelta(days=3)) if past else datetime.date(2099, 3, 5)
    interview_round = f.make_round(held_on=held_on, panel=[panel])
    (slot,) = f.make_slots(interview_round, count=1)
    application = f.make_application(status=Status.INTERVIEW, language=language)
    interview = Interview.objects.create(slot=slot, round=interview_round, application=application)
    if evaluated:
        Evaluation.objects.create(interview=interview, panel_member=panel, score=8)
    return application


def move_url(application):
    return f"/admin/recruitment/applications/move/{application.pk}/"


def test_an_offer_is_held_and_nothing_is_sent(client, hr, django_capture_on_commit_callbacks):
    application = interviewed()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(move_url(application), {"target": Status.OFFER, "reason": ""})
    assert response.status_code == 302
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == Status.INTERVIEW and application.offered_at is None
    assert "held" in queued(response)[0]
    page = client.get(f"/admin/recruitment/applications/inspect/{application.pk}/").content.decode()
    assert "Offer held: not sent yet" in page


@pytest.mark.parametrize(
    ("evaluated", "past", "warning"),
    [
        (True, False, "this offer would come before it"),  # the interview is in two weeks
        (False, True, "No panel member has evaluated this candidate."),
    ],
)
def test_an_offer_before_the_interview_or_without_evaluation_needs_a_confirmation_and_a_reason(
    client, hr, evaluated, past, warning
):
    application = interviewed(evaluated=evaluated, past=past)
    response = client.post(move_url(application), {"target": Status.OFFER, "reason": ""})
    assert response.status_code == 200
    assert warning in response.content.decode()
    assert not Outcome.objects.exists()
    response = client.post(
        move_url(application), {"target": Status.OFFER, "step": "confirm", "confirmed": "on", "reason": ""}
    )
    assert response.status_code == 200 and not Outcome.objects.exists()
    response = client.post(
        move_url(application),
        {"target": Status.OFFER, "step": "confirm", "confirmed": "on", "reason": "Director interviewed him in person"},
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.kind == Outcome.Kind.OFFER and outcome.is_held and outcome.overridden
    entry = audit.history(application).get(action="outcome_held")
    assert entry.reason == "Director interviewed him in person" and entry.data["overridden"]
    history = client.get(f"/admin/recruitment/applications/inspect/{application.pk}/").content.decode()
    assert "Confirmed despite a warning" in history and warning in history


def test_an_offer_without_any_interview_is_warned_too(hr):
    application = f.make_application(status=Status.INTERVIEW)
    with pytest.raises(NeedsConfirmation) as caution:
        services.hold_outcome(application, Outcome.Kind.OFFER, hr)
    assert [c.code for c in caution.value.cautions] == ["no_interview", "no_evaluation"]
    # An interviewed and evaluated candidate needs no confirmation.
    services.hold_outcome(interviewed(), Outcome.Kind.OFFER, hr)


def test_held_outcomes_are_checked_then_sent_once_in_each_language(client, hr, django_capture_on_commit_callbacks):
    english = interviewed(language="en")
    chinese = interviewed(language="zh-hans")
    rejected = f.make_application(status=Status.SCREENING, language="zh-hans")
    services.hold_outcome(english, Outcome.Kind.OFFER, hr)
    services.hold_outcome(chinese, Outcome.Kind.OFFER, hr)
    services.hold_outcome(rejected, Outcome.Kind.REJECTION, hr, "INTERNAL: profile does not fit")

    page = client.get("/admin/recruitment/outcomes/").content.decode()
    assert 'data-figure="count">3<' in page and 'data-figure="offers">2<' in page
    assert 'data-figure="rejections">1<' in page
    assert "We are delighted to offer you" in page and "我们很高兴地通知您" in page  # each email, as it will be sent
    assert "INTERNAL" not in page.split("records-email")[1]
    fingerprint = services.send_summary()["fingerprint"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/recruitment/outcomes/", {"fingerprint": fingerprint, "confirm": "on"})
    assert "2 offer(s) and 1 rejection(s)" in queued(response)[0]
    assert dict(JobApplication.objects.values_list("pk", "status")) == {
        english.pk: Status.OFFER,
        chinese.pk: Status.OFFER,
        rejected.pk: Status.REJECTED,
    }
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([english.email, chinese.email, rejected.email])
    by = {m.to[0]: m for m in mail.outbox}
    assert by[english.email].subject.startswith("Offer: ") and by[chinese.email].subject.startswith("录用通知：")
    assert "INTERNAL" not in by[rejected.email].body

    # The same confirmation posted again (a double click) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/recruitment/outcomes/", {"fingerprint": fingerprint, "confirm": "on"})
    assert len(mail.outbox) == 3 and "sent already" in queued(response)[0]


def test_a_held_outcome_can_be_changed_or_withdrawn_before_it_is_sent(client, hr, django_capture_on_commit_callbacks):
    application = interviewed()
    services.hold_outcome(application, Outcome.Kind.OFFER, hr)
    fingerprint = services.send_summary()["fingerprint"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(move_url(application), {"target": Status.REJECTED, "reason": "Budget frozen"})
    assert "Rejection of" in queued(response)[0] and "changed" in queued(response)[0]
    assert Outcome.objects.get().kind == Outcome.Kind.REJECTION
    with pytest.raises(TransitionNotAllowed) as error:  # the confirmation showed an offer: nothing is sent
        services.send_outcomes(hr, fingerprint=fingerprint)
    assert error.value.code == "changed"
    response = client.post(f"/admin/recruitment/applications/withdraw-outcome/{application.pk}/")
    assert "withdrawn" in queued(response)[0]
    assert not Outcome.objects.exists() and mail.outbox == []
    assert JobApplication.objects.get(pk=application.pk).status == Status.INTERVIEW
    actions = list(audit.history(application).values_list("action", flat=True))
    assert actions[-3:] == ["outcome_held", "outcome_changed", "outcome_withdrawn"]


def test_a_candidate_who_withdraws_loses_the_held_outcome(hr, django_capture_on_commit_callbacks):
    application = interviewed()
    services.hold_outcome(application, Outcome.Kind.OFFER, hr)
    with django_capture_on_commit_callbacks(execute=True):
        services.move(application, Status.WITHDRAWN, hr, reason="Took another job")
    assert not Outcome.objects.filter(sent_at__isnull=True).exists() and mail.outbox == []


def test_a_bulk_rejection_is_held_and_sent_after_a_confirmation(client, hr, django_capture_on_commit_callbacks):
    candidates = [f.make_application(status=Status.SCREENING) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/recruitment/applications/bulk-move/?status=screening",
            {"target": Status.REJECTED, "reason": "Position filled", "confirm": "on"},
        )
    assert response.status_code == 302
    texts = queued(response)
    assert texts[0].startswith("3 rejection(s) held") and "Offers and rejections" in texts[1]
    assert mail.outbox == []
    assert set(JobApplication.objects.values_list("status", flat=True)) == {Status.SCREENING}
    assert Outcome.objects.filter(kind=Outcome.Kind.REJECTION, sent_at__isnull=True).count() == len(candidates)


def test_moves_to_offer_or_rejection_never_bypass_the_hold(hr):
    application = interviewed()
    for target in (Status.OFFER, Status.REJECTED):
        with pytest.raises(TransitionNotAllowed):
            services.move(application, target, hr, reason="x")
    assert JobApplication.objects.get(pk=application.pk).status == Status.INTERVIEW


def test_only_hr_holds_and_sends(client):
    application = interviewed()
    client.force_login(f.panel_user())
    client.post(move_url(application), {"target": Status.OFFER})
    assert client.post("/admin/recruitment/outcomes/", {"confirm": "on"}).status_code in (302, 403)
    assert not Outcome.objects.exists()

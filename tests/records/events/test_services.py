"""records.events.services.register_for_event: capacity, waiting list, refusals, double submit (single-threaded)."""

import datetime

import pytest
from django.utils import timezone

from records import audit
from records.events.models import EventCapacity, Registration
from records.events.services import (
    REGISTRATION_KIND,
    RegistrationRefused,
    register_for_event,
    registration_counts,
)
from records.intake import issue_token, read_token
from records.notifications import Notification
from tests.factories.events import NOW, register
from tests.factories.events import event_info as event
from tests.factories.events import registration_data as data


@pytest.mark.django_db
def test_capacity_is_enforced_then_the_waiting_list_takes_over():
    info = event()
    statuses = [register(info, f"p{n}@example.org")[0].status for n in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert registration_counts(info.key).confirmed == 2
    assert registration_counts(info.key).waitlisted == 2
    assert EventCapacity.objects.get(event_key=info.key).capacity == 2


@pytest.mark.django_db
def test_a_full_event_without_waiting_list_refuses():
    info = event(capacity=1, waiting_list=False)
    register(info, "first@example.org")
    with pytest.raises(RegistrationRefused) as refused:
        register(info, "second@example.org")
    assert refused.value.code == "full"
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_capacity_raised_by_the_editors_lets_more_in():
    info = event(capacity=1, waiting_list=False)
    register(info, "first@example.org")
    bigger = event(key=info.key, capacity=2, waiting_list=False)
    assert register(bigger, "second@example.org")[0].status == "confirmed"
    assert EventCapacity.objects.get(event_key=info.key).capacity == 2


@pytest.mark.django_db
def test_no_capacity_means_no_limit():
    info = event(capacity=None)
    assert {register(info, f"p{n}@example.org")[0].status for n in range(5)} == {"confirmed"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "now", "code"),
    [
        ({"registration_open": False}, NOW, "not_open"),
        ({}, NOW + datetime.timedelta(days=9, seconds=1), "deadline"),
        ({"deadline": None}, NOW + datetime.timedelta(days=11), "over"),
        ({"deadline": None}, NOW + datetime.timedelta(days=10, hours=1), "deadline"),  # started: closed
    ],
)
def test_closed_registration_is_refused(changes, now, code):
    with pytest.raises(RegistrationRefused) as refused:
        register(event(**changes), "late@example.org", now=now)
    assert refused.value.code == code
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_duplicate_email_is_refused_case_insensitively():
    info = event()
    register(info, "Same@Example.org")
    with pytest.raises(RegistrationRefused) as refused:
        register(info, "same@example.ORG")
    assert refused.value.code == "duplicate"
    # The same person may register for another event.
    assert register(event(), "same@example.org")[1] is True


@pytest.mark.django_db
def test_attendance_and_consent_are_checked():
    with pytest.raises(RegistrationRefused):
        register_for_event(
            event=event(attendance_modes=("in_person",)), data=data("a@example.org", attendance="online"), now=NOW
        )
    with pytest.raises(RegistrationRefused):
        register_for_event(event=event(), data=data("a@example.org", consent=False), now=NOW)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_repeated_token_returns_the_first_registration():
    info = event()
    token = read_token(issue_token(REGISTRATION_KIND), REGISTRATION_KIND)
    first, created = register(info, "once@example.org", token=token)
    again, created_again = register(info, "once@example.org", token=token)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_reference_audit_and_notification(django_capture_on_commit_callbacks, mailoutbox):
    info = event()
    with django_capture_on_commit_callbacks(execute=True):
        registration, _created = register(info, "zh@example.org", language="zh-hans")
    assert registration.reference == f"SMEV-{timezone.localtime(NOW).year}-000001"
    assert registration.event_key == info.key
    assert registration.event_title == "Sample symposium"
    (entry,) = audit.history(registration)
    assert (entry.action, entry.to_state, entry.actor_label) == ("registered", "confirmed", audit.APPLICANT)
    notification = Notification.objects.get()
    assert (notification.language, notification.template) == ("zh-hans", "events/registration_received")
    assert notification.context["reference"] == registration.reference
    assert len(mailoutbox) == 1
    assert registration.reference in mailoutbox[0].subject
    second, _ = register(info, "second@example.org")
    assert second.reference.endswith("000002")

"""Every staff action on donations and event registrations ends with a message that says what happened (issue 17,
point 8): what was done to which record, who was emailed, who moved up from the waiting list; and when nothing
was done, that nothing was and why."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time
from wagtail.users.models import UserProfile

from records.donations.models import Status as PledgeStatus
from records.events.models import EventCapacity, Registration
from tests.factories import donations as donation_factories
from tests.factories.events import NOW, event_info, events_staff, register

pytestmark = pytest.mark.django_db
SOON = NOW + datetime.timedelta(days=1)


def in_english(account):
    profile = UserProfile.get_for_user(account)
    profile.preferred_language = "en"
    profile.save()
    return account


def said(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


@pytest.fixture
def full_event():
    info = event_info(title="Organoid symposium", capacity=2)
    people = [register(info, f"p{n}@example.org", data={"name": f"Person {n}"})[0] for n in range(3)]
    return info, people


@freeze_time(SOON)
def test_cancelling_a_place_says_who_was_emailed_and_who_moved_up(client, full_event):
    _info, (first, _second, waiting) = full_event
    client.force_login(in_english(events_staff()))
    response = client.post(
        f"/admin/events/registrations/move/{first.pk}/",
        {"target": "cancelled", "reason": "Asked by phone"},
        follow=True,
    )
    [(level, text)] = said(response)
    assert level == "success"
    assert first.reference in text and "cancelled" in text
    assert "calendar cancellation" in text
    assert waiting.reference in text and "waiting list" in text
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED


@freeze_time(SOON)
def test_confirming_from_the_waiting_list_says_the_capacity_grew(client, full_event):
    info, (_first, _second, waiting) = full_event
    client.force_login(in_english(events_staff()))
    response = client.post(f"/admin/events/registrations/move/{waiting.pk}/", {"target": "confirmed"}, follow=True)
    [(level, text)] = said(response)
    assert level == "success" and waiting.reference in text and "confirmed" in text
    assert "capacity is now 3" in text
    assert EventCapacity.objects.get(event_key=info.key).capacity == 3


@freeze_time(SOON)
def test_saving_an_unchanged_capacity_says_nothing_changed(client, full_event):
    info, _people = full_event
    event = EventCapacity.objects.get(event_key=info.key)
    client.force_login(in_english(events_staff()))
    response = client.post(f"/admin/events/events/capacity/{event.pk}/", {"capacity": "2"}, follow=True)
    [(level, text)] = said(response)
    assert level == "info" and "already 2" in text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pledge_actions_say_what_happened(client, language):
    staff = donation_factories.staff_user()
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    client.force_login(staff)
    pledge = donation_factories.make_pledge(amount=Decimal("5000.00"))
    # A refused payment form names the field and records nothing.
    response = client.post(
        f"/admin/donations/pledges/payment/{pledge.pk}/",
        {"amount": "", "received_on": timezone.localdate().isoformat(), "method": "bank_transfer"},
        follow=True,
    )
    [(level, text)] = said(response)
    assert level == "error" and {"zh-hans": "金额", "en": "Amount"}[language] in text
    response = client.post(
        f"/admin/donations/pledges/move/{pledge.pk}/", {"target": "cancelled", "reason": "x"}, follow=True
    )
    [(level, text)] = said(response)
    assert level == "success" and pledge.reference in text
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.CANCELLED

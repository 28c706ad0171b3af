"""Emails that people can answer (issue 17, point 6): each office's emails carry its own Reply-To, set in the admin
(Settings → Office email addresses), never only the no-reply sender; without an address set, no email asks to be
answered."""

import pytest
from django.conf import settings
from django.core import mail
from wagtail.users.models import UserProfile

from records.donations.services import submit_pledge
from records.models import OfficeContacts
from records.notifications import deliver, notify
from tests.factories import donations as donation_factories
from tests.factories import grants as grant_factories

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "grants_reply_to": "grants@example.org",
    "hr_reply_to": "hr@example.org",
    "foundation_reply_to": "foundation@example.org",
    "events_reply_to": "events@example.org",
}


@pytest.fixture
def offices():
    contacts = OfficeContacts.load()
    for name, address in ADDRESSES.items():
        setattr(contacts, name, address)
    contacts.save()
    return contacts


def sent(template, context):
    notification = notify("person@example.org", template, context, language="en")
    mail.outbox.clear()
    deliver(notification.pk)
    [message] = mail.outbox
    return message


CONTEXTS = {
    "grants/institution_received": {"contact_name": "A", "name": "B", "reference": "SMHI-2026-000001"},
    "recruitment/offer": {"name": "A", "posting_title": "PI", "reference": "SMJA-2026-000001"},
    "donations/pledge_received": {"donor_name": "A", "reference": "SMDN-2026-000001", "amount": "1.00"},
    "events/registration_cancelled": {"name": "A", "event_title": "E", "reference": "SMEV-2026-000001"},
}


@pytest.mark.parametrize(
    ("template", "address"),
    [
        ("grants/institution_received", "grants@example.org"),
        ("recruitment/offer", "hr@example.org"),
        ("donations/pledge_received", "foundation@example.org"),
        ("events/registration_cancelled", "events@example.org"),
    ],
)
def test_each_office_answers_its_own_emails(offices, template, address):
    message = sent(template, CONTEXTS[template])
    assert message.reply_to == [address]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.message()["Reply-To"] == address


def test_without_an_address_nothing_asks_to_be_answered():
    message = sent("events/registration_cancelled", {**CONTEXTS["events/registration_cancelled"], "by_staff": True})
    assert message.reply_to == []
    assert "reply" not in message.body.lower()


def test_a_staff_cancellation_asks_to_reply_to_the_events_office(offices):
    message = sent("events/registration_cancelled", {**CONTEXTS["events/registration_cancelled"], "by_staff": True})
    assert "reply to this email" in message.body and "events@example.org" in message.body


def test_a_real_pledge_acknowledgement_goes_out_with_the_foundations_address(
    offices, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit_pledge(data=donation_factories.pledge_data(), language="en")
    [message] = mail.outbox
    assert message.reply_to == ["foundation@example.org"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_superusers_set_the_addresses_in_the_admin(client, language):
    admin = grant_factories.user("site-admin", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin)
    url = client.get("/admin/settings/records/officecontacts/")["Location"]
    assert client.get(url).status_code == 200
    response = client.post(url, {**ADDRESSES, "hr_reply_to": "not an address"})
    assert response.status_code == 200  # the form again, with the error
    assert OfficeContacts.load().hr_reply_to == ""
    response = client.post(url, ADDRESSES)
    assert response.status_code == 302
    assert OfficeContacts.load().hr_reply_to == "hr@example.org"

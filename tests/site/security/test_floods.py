"""Floods through the public forms: a refusal for too many submissions says when to come back (Retry-After), and
the acknowledgement emails to one address are capped per day whatever client address the forms come from."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from freezegun import freeze_time

from records.donations.models import Pledge
from records.notifications import Notification
from tests.site.security.test_logs import forms, pledge_data  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

STRANGER = "stranger.inbox@victim.example"
# 00:02 into a ten-minute window: eight minutes (480 seconds) are left of it.
TWO_MINUTES_IN = datetime.datetime(2030, 1, 1, 0, 2, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(RECORDS_RATE_LIMIT=2, RECORDS_RATE_PERIOD=600)
def test_a_public_form_refused_for_too_many_posts_says_when_to_retry(client, forms):  # noqa: F811
    with freeze_time(TWO_MINUTES_IN):
        for _ in range(2):
            assert client.post(forms["pledge"].url, pledge_data(forms), REMOTE_ADDR="192.0.2.5").status_code == 302
        response = client.post(forms["pledge"].url, pledge_data(forms), REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 429
    assert response["Retry-After"] == "480"
    assert Pledge.objects.count() == 2


@override_settings(RECORDS_ACKNOWLEDGEMENTS_PER_DAY=3)
def test_acknowledgements_to_one_address_are_capped_per_day(client, forms, django_capture_on_commit_callbacks):  # noqa: F811
    """Whatever the client address the forms come from."""
    start = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=datetime.UTC)

    def pledge(email, address, moment):
        with freeze_time(moment), django_capture_on_commit_callbacks(execute=True):
            data = pledge_data(forms, email=email)
            assert client.post(forms["pledge"].url, data, REMOTE_ADDR=address).status_code == 302

    for number in range(6):  # six pledges from six addresses, each well inside its own rate limit
        email = STRANGER if number % 2 else STRANGER.upper()  # the same inbox, however it is typed
        pledge(email, f"198.51.100.{number}", start + datetime.timedelta(minutes=number))
    assert Pledge.objects.count() == 6  # every submission is kept
    assert [message.to[0].lower() for message in mail.outbox] == [STRANGER] * 3
    # Another address is not affected.
    pledge("someone.else@example.org", "198.51.100.1", start + datetime.timedelta(minutes=10))
    assert len(mail.outbox) == 4
    # A day after the first, the stranger's address gets acknowledgements again.
    pledge(STRANGER, "203.0.113.9", start + datetime.timedelta(days=1, minutes=1))
    assert len(mail.outbox) == 5 and mail.outbox[-1].to == [STRANGER]
    assert Notification.objects.filter(recipient__iexact=STRANGER).count() == 4


def test_the_cap_is_on_by_default(settings):
    assert settings.RECORDS_ACKNOWLEDGEMENTS_PER_DAY == 10

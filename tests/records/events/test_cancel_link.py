"""The registrant's private cancellation link: confirmation step, cancellation, the waiting list moving up,
a double POST, forged and damaged tokens (a translated 404), never cached, in both languages."""

import datetime
import re

import pytest
from django.core import signing
from freezegun import freeze_time

from records import audit
from records.events.models import Registration
from records.events.services import cancel_token
from tests.factories.events import NOW, event_info, register

pytestmark = pytest.mark.django_db
Status = Registration.Status
LINK = re.compile(r"http://testserver(/(?:en|zh-hans)/registrations/cancel/[^/\s]+/)")


@pytest.fixture
def booked(mailoutbox, django_capture_on_commit_callbacks):
    """A full event (2 places): an English and a Chinese registrant confirmed, one more on the waiting list."""
    info = event_info()
    with django_capture_on_commit_callbacks(execute=True):
        english = register(info, "reader@example.org", language="en")[0]
        chinese = register(info, "duzhe@example.org", language="zh-hans")[0]
        waiting = register(info, "waiting@example.org", language="en")[0]
    links = {message.to[0]: LINK.search(message.body).group(1) for message in mailoutbox}
    mailoutbox.clear()
    return {"info": info, "en": english, "zh": chinese, "waiting": waiting, "links": links}


def assert_never_cached(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


@freeze_time(NOW + datetime.timedelta(days=1))
def test_the_link_in_the_email_asks_first_then_cancels_and_the_waiting_list_moves_up(
    client, booked, mailoutbox, django_capture_on_commit_callbacks
):
    url = booked["links"]["reader@example.org"]
    assert url.startswith("/en/registrations/cancel/")
    question = client.get(url)
    assert question.status_code == 200
    assert_never_cached(question)
    # The token stays on the site; the browser still sends its real Origin with the form (under "no-referrer" it
    # sends "Origin: null", which the CSRF check refuses: tests/browser/test_accessibility.py sends it for real).
    assert question["Referrer-Policy"] == "same-origin"
    html = question.content.decode()
    assert "Cancel your registration for Sample symposium?" in html and booked["en"].reference in html
    assert Registration.objects.get(pk=booked["en"].pk).status == Status.CONFIRMED  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url)
    assert done.status_code == 200
    assert_never_cached(done)
    assert "Your registration for Sample symposium is cancelled." in done.content.decode()
    assert Registration.objects.get(pk=booked["en"].pk).status == Status.CANCELLED
    assert Registration.objects.get(pk=booked["waiting"].pk).status == Status.CONFIRMED
    assert sorted(m.to[0] for m in mailoutbox) == ["reader@example.org", "waiting@example.org"]
    # The one who moved up gets their own link, which works too.
    promoted_mail = next(m for m in mailoutbox if m.to == ["waiting@example.org"])
    assert LINK.search(promoted_mail.body).group(1) == booked["links"]["waiting@example.org"]


@freeze_time(NOW + datetime.timedelta(days=1))
def test_a_double_post_cancels_once(client, booked, mailoutbox, django_capture_on_commit_callbacks):
    url = booked["links"]["reader@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
        second = client.post(url)
    assert first.status_code == second.status_code == 200
    assert "is cancelled" in second.content.decode()
    moves = [entry for entry in audit.history(booked["en"]) if entry.action == "moved"]
    assert len(moves) == 1
    assert len(mailoutbox) == 2  # one cancellation confirmation, one place given to the waiting list
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 2
    assert "is cancelled" in client.get(url).content.decode()


@freeze_time(NOW + datetime.timedelta(days=1))
def test_the_page_is_in_the_registrants_language(client, booked):
    url = booked["links"]["duzhe@example.org"]
    assert url.startswith("/zh-hans/registrations/cancel/")
    html = client.get(url).content.decode()
    assert "取消" in html and "Cancel your registration" not in html
    assert 'lang="zh-hans"' in html or 'lang="zh-Hans"' in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_forged_and_damaged_tokens_get_a_translated_404_and_change_nothing(client, booked, language):
    good = cancel_token(booked["en"])
    other_salt = signing.Signer(salt="something-else").sign_object([booked["en"].pk, booked["en"].reference])
    wrong_reference = signing.Signer(salt="records.events.cancel-registration").sign_object([booked["en"].pk, "X"])
    for token in ["forged", good[:-2] + ("AA" if not good.endswith("AA") else "BB"), other_salt, wrong_reference]:
        for method in (client.get, client.post):
            response = method(f"/{language}/registrations/cancel/{token}/")
            assert response.status_code == 404, token
            html = response.content.decode()
            if language == "en":
                assert "This cancellation link is not valid." in html
            else:
                assert "取消链接无效" in html
            assert booked["en"].reference not in html
    assert Registration.objects.filter(status=Status.CANCELLED).count() == 0


@freeze_time(NOW + datetime.timedelta(days=10, minutes=5))  # the event started five minutes ago
def test_once_the_event_has_started_the_link_cannot_cancel(client, booked):
    response = client.post(booked["links"]["reader@example.org"])
    assert response.status_code == 409
    assert "This event has already started" in response.content.decode()
    assert Registration.objects.get(pk=booked["en"].pk).status == Status.CONFIRMED


@freeze_time(NOW + datetime.timedelta(days=1))
@pytest.mark.parametrize(("email", "masked"), [("reader@example.org", "r***@example.org")])
def test_the_page_shows_the_event_and_a_masked_email_never_the_name(client, booked, email, masked):
    registration = booked["en"]
    assert registration.name == "Test Person"
    html = client.get(booked["links"][email]).content.decode()
    assert "Sample symposium" in html and masked in html
    assert "Test Person" not in html and email not in html and registration.organisation not in html


@pytest.mark.parametrize(
    ("email", "expected"),
    [("zhang@example.com", "z***@example.com"), ("a@b.cn", "a***@b.cn"), ("not-an-address", "***"), ("", "***")],
)
def test_masked_email(email, expected):
    from records.events.services import masked_email

    assert masked_email(email) == expected


@pytest.mark.parametrize(
    ("email", "language", "expected"),
    [("reader@example.org", "en", "Sample symposium is over"), ("duzhe@example.org", "zh-hans", "已经结束")],
)
def test_the_link_expires_when_the_event_ends(client, booked, email, language, expected):
    url = booked["links"][email]
    with freeze_time(NOW + datetime.timedelta(days=10, hours=7, minutes=59)):  # still on: the link answers
        assert client.get(url).status_code == 200
    with freeze_time(NOW + datetime.timedelta(days=10, hours=8)):  # the event has ended
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 410
            assert_never_cached(response)
            html = response.content.decode()
            assert expected in html and "Test Person" not in html and email not in html
            assert 'name="csrfmiddlewaretoken"' not in html
    assert Registration.objects.filter(status=Status.CANCELLED).count() == 0

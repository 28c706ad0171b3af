"""The admin sign-in: lockout after repeated failures (django-axes), a password reset that does not tell whether
an account exists, and no open redirect through ``next``."""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone, translation
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"
EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "\\\\evil.example"]


def t(message, language, **values):
    with translation.override(language):
        return translation.gettext(message) % values if values else translation.gettext(message)


def locked_message(language, minutes):
    with translation.override(language):
        return translation.ngettext(
            "Too many failed sign-in attempts for this account from your network. "
            "Please try again in %(minutes)s minute.",
            "Too many failed sign-in attempts for this account from your network. "
            "Please try again in %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD, is_superuser=True)


def sign_in(client, password, username="editor", address="192.0.2.10", language="en", **data):
    return client.post(
        LOGIN,
        {"username": username, "password": password, **data},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_the_lockout_is_configured_from_the_environment():
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.test", LOGIN_FAILURE_LIMIT="3")
    environment.update(LOGIN_LOCKOUT_MINUTES="7")
    code = "from django.conf import settings; print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME)"
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert result.stdout.splitlines()[-1].split() == ["3", "0:07:00"], result.stdout + result.stderr


def test_failures_lock_out_the_username_from_that_address_with_a_translated_message(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    for _attempt in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the sign-in form again, with its error
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert locked_message("en", 15) in response.content.decode()
    assert response["Retry-After"] == "900"

    # Locked: even the right password is refused, in Chinese for a Chinese browser.
    response = sign_in(client, PASSWORD, language="zh-hans")
    assert response.status_code == 429
    chinese = locked_message("zh-hans", 15)
    assert chinese != locked_message("en", 15)
    assert chinese in response.content.decode()
    assert "_auth_user_id" not in client.session

    # The lock is per username and address: the same user elsewhere, and another name here, may still try.
    assert sign_in(client, PASSWORD, address="198.51.100.7").status_code == 302
    client.logout()
    assert sign_in(client, "wrong", username="someone-else").status_code == 200


def test_the_lock_ends_after_the_cool_off_period(client, editor):
    start = timezone.now()
    with freeze_time(start):
        for _attempt in range(5):
            sign_in(client, "wrong")
        assert sign_in(client, PASSWORD).status_code == 429
    with freeze_time(start + datetime.timedelta(minutes=14)):
        assert sign_in(client, PASSWORD).status_code == 429  # a try during the lock restarts the period
    with freeze_time(start + datetime.timedelta(minutes=30)):
        response = sign_in(client, PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_success_clears_earlier_failures(client, editor):
    for _attempt in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert sign_in(client, "wrong").status_code == 200


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_password_reset_does_not_reveal_whether_an_account_exists(client, editor, language):
    page = client.get("/admin/password_reset/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    known = client.post("/admin/password_reset/", {"email": "editor@example.org"}, HTTP_ACCEPT_LANGUAGE=language)
    unknown = client.post("/admin/password_reset/", {"email": "nobody@example.org"}, HTTP_ACCEPT_LANGUAGE=language)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"
    assert known.content == unknown.content
    done = client.get(known["Location"], HTTP_ACCEPT_LANGUAGE=language)
    assert done.status_code == 200
    expected = t(
        "A link to reset your password has been emailed to you if an account exists for this address.", language
    )
    assert expected in done.content.decode()
    # Only the real account gets a message.
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


@pytest.mark.parametrize("target", EVIL)
def test_the_admin_login_does_not_follow_next_to_another_host(client, editor, target):
    response = sign_in(client, PASSWORD, next=target)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    # Already signed in, the login page with a foreign next goes nowhere foreign either.
    again = client.get(LOGIN, {"next": target})
    assert urlsplit(again.get("Location", "")).netloc in ("", "testserver")


def test_the_admin_login_follows_a_local_next(client, editor):
    response = sign_in(client, PASSWORD, next="/admin/pages/")
    assert response["Location"] == "/admin/pages/"


def test_a_double_slash_path_is_not_turned_into_a_foreign_redirect(client, site_tree):
    for path in ["//evil.example", "//evil.example/zh-hans", "/%2F%2Fevil.example"]:
        response = client.get(path)
        location = response.get("Location", "")
        assert not location.startswith("//") and "://evil.example" not in location, (path, location)


@pytest.mark.parametrize("path", ["/", "/zh-hans/", "/en/"])
def test_public_redirects_ignore_next(client, site_tree, path):
    response = client.get(path, {"next": "https://evil.example/"}, HTTP_ACCEPT_LANGUAGE="en")
    location = response.get("Location", "")
    assert urlsplit(location).netloc in ("", "testserver") and not location.startswith("//"), location

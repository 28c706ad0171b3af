"""The admin sign-in: lockout after repeated failures (django-axes), rate limits per client address on the sign-in
and the password reset, a password reset that does not tell whether an account exists (same answer, the email
sent by a background task), and no open redirect through ``next``."""

import datetime
import json
import logging
import os
import re
import smtplib
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time
from wagtail.users.models import UserProfile

from tests.site.background.test_task_retries import run_worker

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"
EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "\\\\evil.example"]
RESET = "/admin/password_reset/"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# 2030-01-01 00:02:00 UTC: two minutes into a rate-limit window (windows of 10 minutes and of an hour start at
# 00:00), so eight minutes, or 58, are left of it.
WINDOW_START = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
TWO_MINUTES_IN = WINDOW_START + datetime.timedelta(minutes=2)


def t(message, language, **values):
    with translation.override(language):
        return translation.gettext(message) % values if values else translation.gettext(message)


LIMITED = {
    "sign-in": (
        "Too many failed sign-in attempts from your network. Please try again in %(minutes)s minute.",
        "Too many failed sign-in attempts from your network. Please try again in %(minutes)s minutes.",
    ),
    "account": (
        "Too many failed sign-in attempts for this account. Please try again in %(minutes)s minute.",
        "Too many failed sign-in attempts for this account. Please try again in %(minutes)s minutes.",
    ),
    "reset": (
        "Too many password reset requests from your network. Please try again in %(minutes)s minute.",
        "Too many password reset requests from your network. Please try again in %(minutes)s minutes.",
    ),
}


def limited_message(language, minutes, form="sign-in"):
    """The rate-limit refusal of the sign-in or the password-reset ``form`` in ``language``."""
    with translation.override(language):
        return translation.ngettext(*LIMITED[form], minutes) % {"minutes": minutes}


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


def test_the_lockout_and_rate_limits_are_configured_from_the_environment():
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.test", LOGIN_FAILURE_LIMIT="3")
    environment.update(LOGIN_LOCKOUT_MINUTES="7", LOGIN_RATE_LIMIT="60", LOGIN_RATE_PERIOD="300")
    environment.update(LOGIN_ACCOUNT_RATE_LIMIT="12")
    environment.update(PASSWORD_RESET_RATE_LIMIT="2", PASSWORD_RESET_RATE_PERIOD="900", EMAIL_TIMEOUT="4")
    names = ["LOGIN_RATE_LIMIT", "LOGIN_RATE_PERIOD", "PASSWORD_RESET_RATE_LIMIT", "PASSWORD_RESET_RATE_PERIOD"]
    names.append("LOGIN_ACCOUNT_RATE_LIMIT")
    code = (
        "from django.conf import settings as s; "
        f"print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME, *[getattr(s, n) for n in {names!r}], s.EMAIL_TIMEOUT)"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    expected = ["3", "0:07:00", "60", "300", "2", "900", "12", "4"]
    assert result.stdout.splitlines()[-1].split() == expected, result.stdout + result.stderr


def test_the_defaults_suit_an_office_behind_one_address_and_mail_never_hangs(settings):
    assert (settings.LOGIN_RATE_LIMIT, settings.LOGIN_RATE_PERIOD) == (30, 600)
    assert settings.LOGIN_ACCOUNT_RATE_LIMIT == 20
    assert (settings.PASSWORD_RESET_RATE_LIMIT, settings.PASSWORD_RESET_RATE_PERIOD) == (5, 3600)
    assert settings.EMAIL_TIMEOUT == 10
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == 10


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


def reset(client, email, address="192.0.2.10", language="en"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)


def test_sign_ins_are_rate_limited_per_address_for_all_usernames_together(client, editor):
    with freeze_time(TWO_MINUTES_IN):
        # Password spraying: one wrong try on each of 30 usernames, none of them locked out on its own.
        for number in range(30):
            assert sign_in(client, "wrong", username=f"user{number}").status_code == 200
        response = sign_in(client, PASSWORD)  # even the right password of a real account
        assert response.status_code == 429
        assert response["Retry-After"] == "480"
        assert limited_message("en", 8) in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert "_auth_user_id" not in client.session
        response = sign_in(client, "wrong", username="user31", language="zh-hans")
        assert response.status_code == 429
        assert limited_message("zh-hans", 8) != limited_message("en", 8)
        assert limited_message("zh-hans", 8) in response.content.decode()
        # The sign-in page itself still shows; another address may still sign in.
        assert client.get(LOGIN, REMOTE_ADDR="192.0.2.10").status_code == 200
        assert sign_in(client, PASSWORD, address="198.51.100.7").status_code == 302
        client.logout()
    # The refused tries were not counted as failures of the account.
    with freeze_time(WINDOW_START + datetime.timedelta(minutes=10)):
        response = sign_in(client, PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_forty_colleagues_behind_one_address_all_sign_in_at_nine(client, editor):
    """Successful sign-ins are not counted: an office behind one NAT is never refused for signing in."""
    users = [get_user_model().objects.create_user(f"colleague{n}", password=PASSWORD) for n in range(40)]
    for user in users:
        user.user_permissions.add(*access_admin())
    with freeze_time(TWO_MINUTES_IN):
        for user in users:
            response = sign_in(client, PASSWORD, username=user.username)
            assert response.status_code == 302, user.username
            client.logout()
        # A few typos on the way do not stop the office either.
        for n in range(5):
            assert sign_in(client, "typo", username=f"colleague{n}").status_code == 200
        assert sign_in(client, PASSWORD, username="colleague39").status_code == 302


def test_failures_are_counted_for_a_visitor_already_signed_in(client, editor):
    """Spraying from inside a session of one's own account is counted like any other."""
    insider = get_user_model().objects.create_user("insider", password=PASSWORD)
    insider.user_permissions.add(*access_admin())
    client.force_login(insider)
    with freeze_time(TWO_MINUTES_IN):
        for number in range(30):
            sign_in(client, "wrong", username=f"user{number}")
        assert sign_in(client, PASSWORD).status_code == 429


def test_failed_sign_ins_are_limited_per_account_from_every_address(client, editor):
    """Many addresses trying passwords on one account (one try each, so no address is locked out on its own)."""
    with freeze_time(TWO_MINUTES_IN):
        for number in range(20):
            assert sign_in(client, "wrong", username="Editor ", address=f"203.0.113.{number}").status_code == 200
        response = sign_in(client, PASSWORD, address="198.51.100.99", language="zh-hans")
        assert response.status_code == 429
        assert response["Retry-After"] == "480"
        assert limited_message("zh-hans", 8, "account") in response.content.decode()
        assert limited_message("zh-hans", 8, "account") != limited_message("en", 8, "account")
        assert "_auth_user_id" not in client.session
        # Other accounts are not affected.
        get_user_model().objects.create_user("other", password=PASSWORD, is_superuser=True)
        assert sign_in(client, PASSWORD, username="other", address="198.51.100.99").status_code == 302
        client.logout()
    with freeze_time(WINDOW_START + datetime.timedelta(minutes=10)):
        assert sign_in(client, PASSWORD).status_code == 302


def access_admin():
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def test_password_reset_requests_are_rate_limited_per_address(client, editor):
    with freeze_time(TWO_MINUTES_IN):
        for email in ["editor@example.org", "nobody@example.org"] * 2 + ["someone@example.org"]:
            assert reset(client, email).status_code == 302
        assert len(mail.outbox) == 2
        response = reset(client, "editor@example.org", language="zh-hans")
        assert response.status_code == 429
        assert response["Retry-After"] == str(58 * 60)
        assert limited_message("zh-hans", 58, "reset") in response.content.decode()
        assert limited_message("zh-hans", 58, "reset") != limited_message("en", 58, "reset")
        assert len(mail.outbox) == 2  # refused: no email
        assert reset(client, "editor@example.org", language="en").status_code == 429
        assert reset(client, "editor@example.org", address="198.51.100.7").status_code == 302
        assert len(mail.outbox) == 3
    with freeze_time(WINDOW_START + datetime.timedelta(hours=1)):
        assert reset(client, "editor@example.org").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_reset_email_is_sent_by_a_background_task_after_the_request(client, editor, settings):
    settings.TASKS = QUEUE  # the database queue, as in production
    unknown = reset(client, "nobody@example.org")
    assert DBTaskResult.objects.count() == 0
    known = reset(client, "editor@example.org")
    # The same answer, and nothing was sent during the request: a task waits in the queue.
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"
    assert known.content == unknown.content
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "accounts.password_reset.send_password_reset_email"
    assert queued.status == "READY"
    stored = json.dumps(queued.args_kwargs)
    assert "example.org" not in stored and "editor" not in stored  # no address, no username

    run_worker()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    # The link works: it leads to the form that sets a new password.
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert b'name="new_password1"' in page.content


@pytest.mark.parametrize(
    ("preferred", "asked_in", "expected"),
    [("", "zh-hans", "zh-hans"), ("", "en", "en"), ("en", "zh-hans", "en"), ("zh-hans", "en", "zh-hans")],
)
def test_the_reset_email_is_in_the_account_holders_language(client, editor, preferred, asked_in, expected):
    if preferred:
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = preferred
        profile.save()
    assert reset(client, "editor@example.org", language=asked_in).status_code == 302
    (message,) = mail.outbox
    instruction = t("Please follow the link below to reset your password:", expected)
    other = t("Please follow the link below to reset your password:", "en" if expected == "zh-hans" else "zh-hans")
    assert instruction != other
    assert instruction in message.body and other not in message.body
    # Our subject, not Wagtail's "Password reset" (its Chinese, 密码已重置, says the password has been reset).
    assert message.subject == {"zh-hans": "重置您的密码", "en": "Reset your password"}[expected]


class RefusingMailServer(BaseEmailBackend):
    """A mail server that refuses the recipient and quotes the address back, as real ones do."""

    def send_messages(self, messages):
        refused = {address: (550, f"5.1.1 <{address}>: no such mailbox".encode()) for m in messages for address in m.to}
        raise smtplib.SMTPRecipientsRefused(refused)


def test_a_mail_server_failure_changes_no_answer_and_logs_no_address(client, editor, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    caplog.set_level(logging.DEBUG)
    unknown = reset(client, "nobody@example.org")
    known = reset(client, "editor@example.org")
    assert known.status_code == unknown.status_code == 302 and known.content == unknown.content
    assert "PasswordResetEmailNotSent" in caplog.text  # the failed task is reported (and retried on the queue)
    assert "example.org" not in caplog.text


@pytest.mark.parametrize("target", EVIL)
def test_the_admin_login_does_not_follow_next_to_another_host(client, editor, target):
    response = sign_in(client, PASSWORD, next=target)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    # Already signed in, the login page with a foreign next goes nowhere foreign either.
    again = client.get(LOGIN, {"next": target})
    assert again.status_code == 302
    assert again["Location"] == "/admin/"


def test_the_admin_login_follows_a_local_next(client, editor):
    response = sign_in(client, PASSWORD, next="/admin/pages/")
    assert response["Location"] == "/admin/pages/"


def test_a_double_slash_path_is_not_turned_into_a_foreign_redirect(client, site_tree):
    for path in ["//evil.example", "//evil.example/zh-hans", "/%2F%2Fevil.example"]:
        response = client.get(path)
        location = response.get("Location", "")
        assert not location.startswith("//") and "://evil.example" not in location, (path, location)


@pytest.mark.parametrize("target", EVIL)
@pytest.mark.parametrize("path", ["/", "/zh-hans/", "/en/"])
def test_public_redirects_ignore_next(client, site_tree, path, target):
    response = client.get(path, {"next": target}, HTTP_ACCEPT_LANGUAGE="en")
    if path == "/":  # to the browser's language, the query string kept as it was and nothing else
        assert response.status_code == 302
        assert response["Location"] == "/en/?" + urlencode({"next": target})
    else:  # the home page itself, no redirect at all
        assert response.status_code == 200
        assert "Location" not in response

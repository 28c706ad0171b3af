"""Rate limits on the admin sign-in and password-reset forms.

django-axes locks out one username from one address after repeated failures (``accounts.lockout``); on its own it
lets one address try a few passwords on every username (password spraying), many addresses try passwords on one
account, and anyone ask for any number of reset emails. The Django cache counts, in windows of a period from the
epoch (``delivery.throttling``; ``RECORDS_CLIENT_IP_HEADER`` behind a proxy):

- FAILED sign-ins per client address, all usernames together: ``LOGIN_RATE_LIMIT`` per ``LOGIN_RATE_PERIOD``
  seconds. Successful sign-ins are not counted, so forty colleagues behind one office address can all sign in at
  nine while password spraying from that address is still refused.
- FAILED sign-ins per account (the username typed, from every address together): ``LOGIN_ACCOUNT_RATE_LIMIT``
  per ``LOGIN_RATE_PERIOD`` seconds.
- every POST of the password-reset form per client address: ``PASSWORD_RESET_RATE_LIMIT`` per
  ``PASSWORD_RESET_RATE_PERIOD`` seconds.

A POST over an allowance is answered with a translated 429 page and ``Retry-After`` without running Wagtail's view:
no password is checked, no email is sent, nothing more is counted. A limit of 0 turns it off. ``config.urls``
mounts the views at Wagtail's own addresses, before Wagtail's URLs.
"""

import functools
import hashlib
import math

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views import account

from delivery.throttling import client_ip, rate_limited, seconds_left

LOGIN = "login"
LOGIN_ACCOUNT = "login_account"
PASSWORD_RESET = "password_reset"
SETTINGS = {
    LOGIN: ("LOGIN_RATE_LIMIT", "LOGIN_RATE_PERIOD"),
    LOGIN_ACCOUNT: ("LOGIN_ACCOUNT_RATE_LIMIT", "LOGIN_RATE_PERIOD"),
    PASSWORD_RESET: ("PASSWORD_RESET_RATE_LIMIT", "PASSWORD_RESET_RATE_PERIOD"),
}


def allowance(scope):
    """``(limit, period)`` of ``scope`` from the settings."""
    limit_name, period_name = SETTINGS[scope]
    return getattr(settings, limit_name), getattr(settings, period_name)


def refusal(request, scope, period):
    """HTTP 429 with the Wagtail sign-in look, saying in the visitor's language when to try again."""
    wait = seconds_left(period)
    context = {"scope": scope, "minutes": math.ceil(wait / 60)}
    response = TemplateResponse(request, "accounts/rate_limited.html", context, status=429)
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response


def failure_key(scope, value, period):
    """The cache key counting failures of ``value`` (an address or a username) in the current window."""
    window = int(timezone.now().timestamp() // period)
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]  # no address or username in the cache's keys
    return f"accounts:failures:{scope}:{digest}:{window}"


def failures(scope, value):
    """Failures of ``value`` counted in ``scope``'s current window."""
    _limit, period = allowance(scope)
    return cache.get(failure_key(scope, value, period), 0)


def count_failure(scope, value):
    _limit, period = allowance(scope)
    key = failure_key(scope, value, period)
    cache.add(key, 0, timeout=period + 5)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 5)


def sign_in_scopes(request):
    """``(scope, value)`` the sign-in POST ``request`` counts against: its client address and the account typed."""
    scopes = [(LOGIN, client_ip(request))]
    username = (request.POST.get("username") or "").strip().casefold()
    if username:
        scopes.append((LOGIN_ACCOUNT, username))
    return scopes


def mark_signed_in(sender, request=None, user=None, **kwargs):
    """``user_logged_in``: this request signed someone in (a session of an earlier sign-in does not count)."""
    if request is not None:
        request.signed_in_now = True


user_logged_in.connect(mark_signed_in, dispatch_uid="accounts-ratelimit-signed-in")


def limit_failed_sign_ins(view):
    """``view`` (the sign-in) refusing POSTs once the address or the account has its period's failures."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        scopes = [(scope, value) for scope, value in sign_in_scopes(request) if allowance(scope)[0] > 0]
        for scope, value in scopes:
            limit, period = allowance(scope)
            if failures(scope, value) >= limit:
                return refusal(request, scope, period)
        response = view(request, *args, **kwargs)
        if not getattr(request, "signed_in_now", False):  # a wrong password, an unknown account, a locked-out pair
            for scope, value in scopes:
                count_failure(scope, value)
        return response

    return limited


def limit_posts(view, scope):
    """``view`` with its POSTs counted per client address and refused over the allowance of ``scope``."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        if request.method == "POST":
            limit, period = allowance(scope)
            if limit > 0 and rate_limited(request, f"admin-{scope}", limit=limit, period=period):
                return refusal(request, scope, period)
        return view(request, *args, **kwargs)

    return limited


login = limit_failed_sign_ins(account.LoginView.as_view())
password_reset = limit_posts(account.PasswordResetView.as_view(), PASSWORD_RESET)

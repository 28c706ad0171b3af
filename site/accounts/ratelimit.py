"""Rate limits per client address on the admin sign-in and password-reset forms.

django-axes locks out one username from one address after repeated failures (``accounts.lockout``); on its own it
lets one address try a few passwords on every username (password spraying) and ask for any number of reset emails.
These views count every POST to Wagtail's sign-in and password-reset forms per client address, all usernames
together (``records.intake.rate_limited``: the Django cache, ``RECORDS_CLIENT_IP_HEADER`` behind a proxy):
``LOGIN_RATE_LIMIT`` per ``LOGIN_RATE_PERIOD`` seconds and ``PASSWORD_RESET_RATE_LIMIT`` per
``PASSWORD_RESET_RATE_PERIOD`` seconds. A POST over the allowance is answered with a translated 429 page and
``Retry-After`` without running Wagtail's view: no password is checked, no email is sent. A limit of 0 turns it off.
``config.urls`` mounts them at Wagtail's own addresses, before Wagtail's URLs.
"""

import functools
import math

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views import account

from records.intake import rate_limited

LOGIN = "login"
PASSWORD_RESET = "password_reset"
SETTINGS = {
    LOGIN: ("LOGIN_RATE_LIMIT", "LOGIN_RATE_PERIOD"),
    PASSWORD_RESET: ("PASSWORD_RESET_RATE_LIMIT", "PASSWORD_RESET_RATE_PERIOD"),
}


def allowance(scope):
    """``(limit, period)`` of ``scope`` from the settings."""
    limit_name, period_name = SETTINGS[scope]
    return getattr(settings, limit_name), getattr(settings, period_name)


def seconds_left(period):
    """Seconds until the counting window of ``rate_limited`` ends: windows of ``period`` seconds from the epoch."""
    return max(1, math.ceil(period - timezone.now().timestamp() % period))


def refusal(request, scope, period):
    """HTTP 429 with the Wagtail sign-in look, saying in the visitor's language when to try again."""
    wait = seconds_left(period)
    context = {"scope": scope, "minutes": math.ceil(wait / 60)}
    response = TemplateResponse(request, "accounts/rate_limited.html", context, status=429)
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response


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


login = limit_posts(account.LoginView.as_view(), LOGIN)
password_reset = limit_posts(account.PasswordResetView.as_view(), PASSWORD_RESET)

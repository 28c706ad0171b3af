"""The page shown when django-axes refuses an admin sign-in after too many failures (AXES_LOCKOUT_CALLABLE)."""

import math

from django.conf import settings
from django.template.response import TemplateResponse


def lockout_response(request, original_response=None, credentials=None):
    """HTTP 429 with the Wagtail sign-in look, saying in the visitor's language when to try again."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None
    response = TemplateResponse(request, "accounts/login_locked.html", {"minutes": minutes}, status=429)
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response.render()

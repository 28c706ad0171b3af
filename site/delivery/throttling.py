"""Request throttling: the client's address, and per-address allowances of requests counted in the Django cache.

Used by the public intake forms (``throttle_intake_submission``, answering a POST over its allowance before the
page's form sees it), the admin sign-in and password-reset forms (``accounts.ratelimit``), the headless API
(``headless.endpoints``) and django-axes (``AXES_CLIENT_IP_CALLABLE``). Behind a proxy,
``RECORDS_CLIENT_IP_HEADER`` names the header that carries the client's address.
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def client_ip(request):
    """The client's address: the first of ``RECORDS_CLIENT_IP_HEADER`` (set by a trusted proxy), else REMOTE_ADDR."""
    header = getattr(settings, "RECORDS_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def seconds_left(period=None):
    """Seconds until the current counting window of ``rate_limited`` ends (windows of ``period`` seconds from the
    epoch; default ``RECORDS_RATE_PERIOD``): the ``Retry-After`` of a refusal."""
    period = period or getattr(settings, "RECORDS_RATE_PERIOD", 600)
    return max(1, math.ceil(period - timezone.now().timestamp() % period))


def rate_limited(request, scope, limit=None, period=None):
    """Count this request against the client's allowance for ``scope``; True if it is over the limit.

    Defaults: ``settings.RECORDS_RATE_LIMIT`` requests per ``settings.RECORDS_RATE_PERIOD`` seconds per IP.
    """
    limit = limit or getattr(settings, "RECORDS_RATE_LIMIT", 30)
    period = period or getattr(settings, "RECORDS_RATE_PERIOD", 600)
    window = int(timezone.now().timestamp() // period)
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"records:rl:{scope}:{digest}:{window}"  # the key the counts had when this lived in records: kept
    cache.add(key, 0, timeout=period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 5)
        count = 1
    return count is not None and count > limit  # None: the cache is away, nothing can be counted


def throttle_intake_submission(page, request):
    """The ``before_intake_submission`` hook (``content.pages.intake``): a POST of a public form over the client's
    allowance for the page's ``rate_limit_scope`` is answered 429, the page shown with ``rate_limited`` and no form,
    with ``Retry-After``; None lets the page handle it."""
    if not rate_limited(request, page.rate_limit_scope):
        return None
    response = page.render_page(request, status=429, form=None, rate_limited=True)
    response["Retry-After"] = str(seconds_left())
    return response

"""Full-page cache for anonymous visitors, kept in Django's cache (Redis in production).

``PageCacheMiddleware`` sits just below WhiteNoise in ``MIDDLEWARE``. A hit is answered before sessions,
authentication, CSRF or any database query; the outer middleware (security headers, CSP) still runs.

What is cached (``PAGE_CACHE_ENABLED``, ``PAGE_CACHE_SECONDS``):

- only GET/HEAD requests for language-prefixed paths (``/zh-hans/...``, ``/en/...``) that carry no session
  cookie: a signed-in user (or a visitor with session state, such as a form's confirmation step) always
  gets a fresh page, and never a page cached for someone else;
- only responses with status 200 that set no cookie (a page that uses a CSRF token sets the CSRF cookie, so
  no form page and no CSRF token is ever cached), whose ``Cache-Control`` says neither ``private``,
  ``no-cache``, ``no-store`` nor ``max-age=0`` (the intake pages send never-cache headers), that vary on
  nothing but ``Cookie``, ``Accept-Language`` or ``Accept-Encoding``, and that were not rendered for a
  signed-in user.

``Vary: Cookie`` is safe to ignore for the requests above: the only cookie a page's content depends on is
the session (excluded) and the CSRF token (whose use always sets the cookie, so the response is not kept).

The key is the full URL (scheme, host, path and query) and the language. Each entry is kept with the one
generation of public content (``content.publishing``), which moves on whenever anything public changes (a page
published, unpublished, moved or deleted, a snippet, setting, image, document, view restriction, site or locale
saved or deleted), so every language's pages are rebuilt: listings, menus and language switchers of other pages
change when one page is published. ``purge()`` moves it on by hand.
Responses carry ``X-Cache: hit``, ``miss`` (rendered and stored) or ``skip`` (not cacheable).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path

from content import publishing

logger = logging.getLogger(__name__)

HEADER = "X-Cache"
# Vary values that do not change what an anonymous, cookie-less visitor of a language-prefixed URL gets.
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store", "max-age=0")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def purge():
    """Forget every cached page, in every language (a new generation; old entries expire by themselves)."""
    publishing.bump()


def page_key(request, language):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(f"{language}|{url}".encode()).hexdigest()
    return f"pagecache:page:{digest}"


def request_language(request):
    """The language of a cacheable request's URL prefix, or None when the request is not cacheable."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    return get_language_from_path(request.path_info)


def _signed_in(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def response_cacheable(request, response):
    """Whether a freshly rendered response may be kept for other anonymous visitors."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or _signed_in(request):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(token in cache_control for token in UNCACHEABLE_CONTROL):
        return False
    vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", "")) if value.strip()}
    return vary <= HARMLESS_VARY


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


class PageCacheMiddleware:
    """Serve anonymous page views from the cache; store the cacheable ones (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        language = request_language(request)
        if language is None:
            response = self.get_response(request)
            response[HEADER] = "skip"
            return response
        key = page_key(request, language)
        generation = publishing.current_generation()  # None while the cache is away: nothing is kept
        entry = None
        if generation is not None:
            try:
                entry = _cache().get(key)
            except Exception:
                logger.exception("Page cache: could not read.")
                generation = None
        if entry and generation is not None and entry["generation"] == generation:
            return self._rebuild(entry)
        response = self.get_response(request)
        if generation is None or request.method != "GET" or not response_cacheable(request, response):
            response[HEADER] = "skip"
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        entry = {
            "generation": generation,
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() != HEADER.lower()],
            "content": response.content,
        }
        try:
            _cache().set(key, entry, timeout=_timeout())
        except Exception:
            logger.exception("Page cache: could not store.")
        response[HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HEADER] = "hit"
        return response

"""The main content of a page, rendered once and kept in Django's cache until anything it shows changes.

A page type opts in by returning a tuple from ``fragment_cache_vary(request, context)`` (``BasePage`` returns
None: not cached). ``{% pagefragment %}`` in ``base.html`` wraps ``{% block content %}``: the HTML between the
header and the footer. The key holds the page's Wagtail ``cache_key`` (id, URL path, last publication), the
site, the language, the request path (a routable page's sub-views), the page type's vary values (such as a
listing's page number) and the one generation of public content (``content.publishing``), which moves on
whenever any page is published, unpublished, moved or deleted and whenever anything pages show (a snippet, a
setting, an image, a document, a view restriction, a site or a locale) changes: a listing or a link to another page
is never stale.

Everything else still runs on every request: routing, the page's own query and its view restrictions, the
head (title, alternates), the header, language switcher, footer and the Wagtail user bar. Never cached:
previews, requests other than GET and HEAD, pages with forms (they do not opt in), and page types whose
vary values are unbounded (a listing filtered by a tag no article has is rendered, not kept).
Each process also remembers its ``PAGE_FRAGMENT_MEMO_ITEMS`` most recently used fragments (default 500), so
that a popular page costs no cache round trip; the key's generation keeps them exact.
``PAGE_FRAGMENT_CACHE`` (default on) and ``PAGE_FRAGMENT_SECONDS`` (default 3600) are the settings.
"""

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from content import lookups, publishing

_recent = OrderedDict()
_lock = threading.Lock()


def _remember(key, html):
    with _lock:
        _recent[key] = html
        _recent.move_to_end(key)
        while len(_recent) > getattr(settings, "PAGE_FRAGMENT_MEMO_ITEMS", 500):
            _recent.popitem(last=False)


def forget_recent():
    """Forget the fragments this process remembers (the shared cache is left alone)."""
    with _lock:
        _recent.clear()


def enabled():
    return getattr(settings, "PAGE_FRAGMENT_CACHE", True)


def page_type_opts_in(model):
    """Can pages of ``model`` have their main content kept (the cache is on and the type defines its vary)?"""
    from content.pages.base import BasePage

    vary_for = getattr(model, "fragment_cache_vary", None)
    return enabled() and vary_for is not None and vary_for is not BasePage.fragment_cache_vary


def fragment_key(context):
    """The cache key of the page fragment being rendered in ``context``, or None when it must be rendered."""
    if not enabled():
        return None
    request = context.get("request")
    page = context.get("page")
    vary_for = getattr(page, "fragment_cache_vary", None)
    if request is None or vary_for is None or not getattr(page, "pk", None):
        return None
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    if getattr(request, "static_site", None) is not None:  # the static site's build renders each page once
        return None
    vary = vary_for(request, context)
    if vary is None:
        return None
    generation = publishing.current_generation()
    if generation is None:  # the shared cache is away: a kept fragment could never be forgotten
        return None
    site = lookups.site_for_request(request)
    parts = [page.cache_key, getattr(site, "pk", None), get_language(), request.path, generation, *vary]
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"content:fragment:{digest}"


def render(nodelist, context):
    """The nodelist's HTML, from the cache when this page's fragment was rendered before."""
    key = fragment_key(context)
    if key is None:
        return nodelist.render(context)
    html = _recent.get(key)
    if html is not None:
        return html
    html = cache.get(key)
    if html is None:
        html = nodelist.render(context)
        cache.set(key, html, getattr(settings, "PAGE_FRAGMENT_SECONDS", 3600))
    _remember(key, html)
    return html

"""The sub-URLs of routable pages that become files, and the typed files of the non-HTML ones.

A routable page's parameterless routes (``archive/``, ``feed/rss/``, ``calendar/``, ``ics/``, ...) are
written at their own path (``feed/rss/index.html``, so old links keep working). The non-HTML ones are
also written under a name whose extension makes any static server send the right content type
(``feed/rss.xml``, ``calendar.ics``, ``event.ics``), and every link to them is pointed at that file.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

# Route name -> file written next to the route, relative to the page URL.
TYPED_FILES = {
    "feed_rss": "feed/rss.xml",
    "feed_atom": "feed/atom.xml",
    "calendar": "calendar.ics",
    "ics": "event.ics",
    "bibtex": "cite/citation.bib",
}
# Route names whose value depends on the request (query strings) or that only answer POST: never written.
SKIPPED = {"index"}


@dataclass(frozen=True)
class Route:
    path: str  # relative to the page URL, with a trailing slash: "feed/rss/"
    alias: str | None  # the typed file, relative to the page URL, for non-HTML routes

    @property
    def components(self):
        return [part for part in self.path.split("/") if part]


def _patterns(page_class):
    for pattern in page_class.get_subpage_urls():
        if isinstance(pattern, URLPattern) and pattern.name:
            yield pattern


def page_routes(page):
    """The routes of a page that are written as files (none for a page that is not routable)."""
    if not isinstance(page, RoutablePageMixin):
        return []
    result = []
    for pattern in _patterns(type(page)):
        if pattern.name in SKIPPED:
            continue
        if pattern.pattern.converters:
            for kwargs in parametrised(page, pattern.name):
                result.append(Route(page.reverse_subpage(pattern.name, kwargs=kwargs).lstrip("/"), None))
            continue
        path = page.reverse_subpage(pattern.name).lstrip("/")
        result.append(Route(path, TYPED_FILES.get(pattern.name)))
    return result


def parametrised(page, name):
    """The values of a route with parameters worth writing: the digest archive of each year."""
    if name == "archive_year" and hasattr(page, "years"):
        return [{"year": year} for year, _count in page.years()]
    return []


def typed_aliases(url_of):
    """{route URL path: typed file URL path} for every routable live public page (url_of(page_id) -> URL)."""
    aliases = {}
    for model in _routable_models():
        routes = [(p.name, p) for p in _patterns(model) if p.name in TYPED_FILES and not p.pattern.converters]
        if not routes:
            continue
        for page in model.objects.live().public().only("id"):
            url = url_of(page.pk)
            if not url:
                continue
            for name, _pattern in routes:
                aliases[url + page.reverse_subpage(name).lstrip("/")] = url + TYPED_FILES[name]
    return aliases


def route_suffixes():
    """The route paths that have a typed file ("feed/rss/", "ics/", ...), as the routable models define them."""
    suffixes = set()
    for model in _routable_models():
        for pattern in _patterns(model):
            if pattern.name in TYPED_FILES and not pattern.pattern.converters:
                suffixes.add(str(pattern.pattern))
    return suffixes


def _routable_models():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if issubclass(model, RoutablePageMixin) and model is not Page]


class AliasRewriter:
    """Rewrites references to route URLs (root-relative, absolute or webcal://) into their typed files."""

    def __init__(self, aliases):
        self.aliases = {key.encode(): value.encode() for key, value in aliases.items()}
        suffixes = sorted(route_suffixes(), key=len, reverse=True)
        self.pattern = re.compile(
            rb"((?:https?|webcal)://[^/\"'\s<>]+)?(/(?!/)[^\"'\s<>?#]*?/(?:"
            + b"|".join(re.escape(s.encode()) for s in suffixes)
            + rb"))(?=[\"'<\s#?&])"
        )

    def __call__(self, body):
        if not self.aliases:
            return body

        def replace(match):
            target = self.aliases.get(match.group(2))
            if target is None:
                return match.group(0)
            return (match.group(1) or b"") + target

        return self.pattern.sub(replace, body)

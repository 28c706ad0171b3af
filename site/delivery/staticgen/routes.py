"""The sub-URLs of routable pages that become files, and the typed files of the non-HTML ones.

A routable page's parameterless HTML routes (``archive/``, ...) are written at their own path
(``archive/index.html``). The non-HTML ones (feeds, calendars, a citation) are written twice, each time under a
name whose extension gives its type, never as ``index.html`` (which a static server would send as text/html):

- at the address feed readers and calendar apps already use, as that folder's index file with the route's
  extension (``feed/rss/index.rss``, ``feed/atom/index.atom``, ``calendar/index.ics``, ``ics/index.ics``,
  ``cite/bibtex/index.bib``), as Django serves it (its self link is that address). A server serves it there with
  ``index index.html index.rss index.atom index.ics index.bib`` and the types of ``SERVED_TYPES``
  (``nginx_directives()`` writes both for nginx);
- next to the page under a plain file name (``feed/rss.xml``, ``feed/atom.xml``, ``calendar.ics``, ``event.ics``,
  ``cite/citation.bib``), which any static server finds without configuration; every link of the static site
  to a route (the pages' feed discovery links, .ics links) is pointed at that file, and so are the links inside
  it (a feed's self link).
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
# Route name -> the index file written in the route's own folder (its address), named for its type.
ROUTE_INDEX_FILES = {
    "feed_rss": "index.rss",
    "feed_atom": "index.atom",
    "calendar": "index.ics",
    "ics": "index.ics",
    "bibtex": "index.bib",
}
# The content type a server must send for each kind of file the routes become (as Django sends it): by file
# extension, and for the two plain feed files, whose ``.xml`` would otherwise be sent as text/xml.
SERVED_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".bib": "application/x-bibtex; charset=utf-8",
    "feed/rss.xml": "application/rss+xml; charset=utf-8",
    "feed/atom.xml": "application/atom+xml; charset=utf-8",
}
# Route names whose value depends on the request (query strings) or that only answer POST: never written.
SKIPPED = {"index"}


@dataclass(frozen=True)
class Route:
    path: str  # relative to the page URL, with a trailing slash: "feed/rss/"
    alias: str | None  # the typed file, relative to the page URL, for non-HTML routes
    index_name: str = "index.html"  # the file written at ``path``: "index.rss" for a feed

    @property
    def file(self):
        """The file written at the route's own address, relative to the page URL: "feed/rss/index.rss"."""
        return self.path + self.index_name

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
        result.append(Route(path, TYPED_FILES.get(pattern.name), ROUTE_INDEX_FILES.get(pattern.name, "index.html")))
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


def nginx_directives():
    """nginx directives (for a ``server`` or ``location`` block whose root is the static site) that serve the
    routes' files with their types: each route's address through its typed index file, the plain feed files as
    feeds. Keep ``include mime.types;`` beside them for everything else."""
    index_names = list(dict.fromkeys(ROUTE_INDEX_FILES.values()))
    lines = [
        "# Feeds, calendars and citations of the static site (delivery.staticgen.routes): at the addresses feed",
        "# readers and calendar apps use (their folder's typed index file) and as plain files, with their types.",
        f"index index.html {' '.join(index_names)};",
    ]
    for suffix, content_type in SERVED_TYPES.items():
        pattern = ("" if suffix.startswith(".") else "/") + re.escape(suffix) + "$"
        lines.append(f'location ~ {pattern} {{ types {{ }} default_type "{content_type}"; }}')
    return "\n".join(lines) + "\n"


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

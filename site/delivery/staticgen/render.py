"""Rendering pages to bytes as an anonymous visitor of the base URL: no HTTP, no middleware, no session.

A ``Renderer`` is made once per build (or per worker process). It holds what every page would otherwise
look up again: Wagtail's site root paths, the site, the URL and translations of every live public page
(for the language switcher and hreflang links), the typed aliases of non-HTML routes. Each page is
routed and served by its own ``route()`` / ``serve()``, so page types keep their own logic; the response
is rendered here with the precomputed alternates added to its context.

A ``front`` renderer makes the files of the front server (nginx in front of Django on the same origin,
``delivery.frontserver``): each page exactly as Django renders it for an anonymous visitor (no
``request.static_site``: search, forms and feeds stay Django's), and only when Django's answer could be kept for
every anonymous visitor (``front_file_allowed``): a page that uses a CSRF token or the session, sends
never-cache or any header of its own is not written, so nginx hands it to Django. Only HTML is written: feeds,
calendars, listing pages past the first (``?page=N``) and the site-wide files stay Django's.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import SimpleTemplateResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site

from content.i18n import Alternate
from content.navigation import Footer, MainMenu

from . import routes

# Root-relative or base-URL references to media and static files in a rendered file.
_ASSET_RE = re.compile(r"""(?<=["'\s,(=])(/(?:media|static)/[^"'\s,)<>?#\\]+)""")


@dataclass
class StaticSite:
    """What templates see as ``request.static_site`` while the static copy of a page is rendered."""

    language: str
    dynamic_origin: str  # where forms and the search are served ("" when there is none)
    base_url: str

    @property
    def search_action(self):
        return f"{self.dynamic_origin}/{self.language}/search/" if self.dynamic_origin else f"/{self.language}/search/"

    @property
    def suggest_url(self):
        return f"{self.dynamic_origin}/api/search/suggest/" if self.dynamic_origin else ""


@dataclass
class Rendered:
    """The files of one page: {relative path: bytes}, plus what they reference and their search entry."""

    page_id: int
    files: dict = field(default_factory=dict)
    assets: set = field(default_factory=set)
    search_entry: dict | None = None
    pagination: list | None = None  # a paginated listing: the page ids shown on each of its pages
    kept: set = field(default_factory=set)  # listing pages left as they are (same pages shown, none changed)


def file_for(url_path):
    """The file a plain static server serves for a URL path: /en/about/ -> en/about/index.html."""
    path = url_path.lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path


def front_file_for(url_path):
    """The file nginx looks for at a URL path (it decodes the path first): /en/%E6%96%B0/ -> en/新/index.html."""
    return unquote(file_for(url_path))


FRONT_VARY = {"cookie", "accept-language", "accept-encoding"}  # what an anonymous, cookie-less visitor varies on


def front_file_allowed(request, response):
    """Whether Django's answer to an anonymous visitor may be served as a file to every anonymous visitor: status
    200, HTML, no cookie, no CSRF token and no session used, and no header of its own but its content type and a
    ``Vary`` on cookies or language (so ``Cache-Control: no-cache`` of a form page, or any other header the file
    would not carry, keeps the page on Django)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request.session, "modified", False):
        return False
    for name, value in response.items():
        name = name.lower()
        if name == "content-type":
            if value.replace(" ", "").lower() != "text/html;charset=utf-8":
                return False
        elif name == "vary":
            if not {token.strip().lower() for token in cc_delim_re.split(value) if token.strip()} <= FRONT_VARY:
                return False
        else:
            return False
    return True


class Renderer:
    def __init__(self, base_url, dynamic_origin="", front=False):
        parts = urlsplit(base_url)
        self.front = front
        self.base_url = base_url.rstrip("/")
        self.host = parts.netloc
        self.secure = parts.scheme == "https"
        self.dynamic_origin = dynamic_origin.rstrip("/")
        self.factory = RequestFactory()
        self.site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        self.root_paths = Site.get_site_root_paths()
        self._prefixes = {}
        self.static_sites = {
            code: StaticSite(code, self.dynamic_origin, self.base_url) for code, _name in settings.LANGUAGES
        }
        self._load_page_index()
        self.aliases = routes.typed_aliases(self.url_of)
        self.alias_rewriter = routes.AliasRewriter(self.aliases)

    # -- the live public page tree, once per build ---------------------------------------------------------
    def _load_page_index(self):
        rows = (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .order_by("path")
            .values_list(
                "pk",
                "url_path",
                "path",
                "translation_key",
                "locale__language_code",
                "content_type__app_label",
                "content_type__model",
                "last_published_at",
            )
        )
        self.urls, self.languages, self.translations, self.info = {}, {}, {}, {}
        pks_by_path = dict(Page.objects.values_list("path", "pk"))
        zone = timezone.get_current_timezone()
        for pk, url_path, path, key, language, app_label, model, published in rows:
            if app_label.split(".")[0] == "records":
                continue
            url = self._url_for_path(url_path)
            if not url:
                continue
            self.urls[pk] = url
            self.languages[pk] = language
            self.translations.setdefault(str(key), {})[language] = pk
            self.info[pk] = {
                "url": url,
                "language": language,
                "key": str(key),
                "type": f"{app_label}.{model}",
                "parent": pks_by_path.get(path[: -Page.steplen]),
                "lastmod": published.astimezone(zone).date().isoformat() if published else None,
            }
        self.translation_keys = {pk: key for key, group in self.translations.items() for pk in group.values()}
        self.home_urls = {}
        for _site_id, _root_path, _root_url, language in self.root_paths:
            if language not in self.home_urls:
                self.home_urls[language] = self._url_for_path(_root_path) or f"/{language}/"

    def _url_for_path(self, url_path):
        """What Page.get_url_parts() gives (the first site root holding the page, its language prefix), fast."""
        for _site_id, root_path, _root_url, language in self.root_paths:
            if url_path.startswith(root_path):
                prefix = self._prefixes.get(language)
                if prefix is None:
                    with translation.override(language):
                        prefix = self._prefixes[language] = reverse("wagtail_serve", args=("",))
                return prefix + quote(url_path[len(root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
        return None

    def url_of(self, page_id):
        return self.urls.get(page_id)

    def alternates(self, page):
        """The same Alternates as content.i18n.page_alternates, from the preloaded index (no query)."""
        group = self.translations.get(self.translation_keys.get(page.pk), {})
        current = page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE
        result = []
        for code, _name in settings.LANGUAGES:
            info = get_language_info(code)
            other = group.get(code)
            if other is not None:
                url, available = self.urls[other], True
            else:
                url, available = self.home_urls.get(code, f"/{code}/"), False
            result.append(Alternate(code, info["name_local"], url, available, code == current))
        return result

    # -- requests --------------------------------------------------------------------------------------------
    def request(self, path, language, query=None):
        request = self.factory.get(path, query or {}, HTTP_HOST=self.host, secure=self.secure)
        request.user = AnonymousUser()
        request.session = SessionStore()
        request.LANGUAGE_CODE = language
        if not self.front:  # the front server's files are Django's own answers: no static variant
            request.static_site = self.static_sites.get(language) or StaticSite(
                language, self.dynamic_origin, self.base_url
            )
        request._wagtail_site = self.site
        request._wagtail_cached_site_root_paths = self.root_paths
        return request

    def serve(self, page, url, components=(), query=None, extra_context=None, front_check=False):
        """Route and serve ``page`` (or one of its routes) and return the response, rendered. With
        ``front_check``: None instead when the answer may not be a front server's file."""
        language = page.locale.language_code
        path = url + "".join(f"{c}/" for c in components)
        request = self.request(path, language, query)
        with translation.override(language):
            try:
                page_obj, args, kwargs = page.route(request, list(components))
                response = page_obj.serve(request, *args, **kwargs)
            except (Http404, PermissionDenied):
                if front_check:  # Django answers it (a 404, a login): never a file
                    return None
                raise
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                if response.context_data is not None and extra_context:
                    response.context_data.update(extra_context)
                response.render()
        if front_check:
            return response if front_file_allowed(request, response) else None
        if response.status_code != 200:
            raise RenderError(f"{path}: HTTP {response.status_code}")
        return response

    # -- one page and everything hanging off it -------------------------------------------------------------
    def render_page(self, page, previous_pagination=None, changed=()):
        """The files of a page: itself, its listing pages, its routes. With ``previous_pagination`` (what the
        listing showed before), only listing pages that show other pages or a ``changed`` page are rendered."""
        if self.front:
            return self.render_front_page(page)
        url = self.urls[page.pk]
        result = Rendered(page.pk)
        extra = {"_smart_alternates": self.alternates(page)}
        response = self.serve(page, url, extra_context=extra)
        self._add(result, file_for(url), response.content, html=True)
        self._render_pagination(page, url, response, extra, result, previous_pagination, set(changed))
        for route in routes.page_routes(page):
            response = self.serve(page, url, route.components, extra_context=extra)
            body = response.content
            if route.alias:
                # The typed file links to typed files; the copy at the route's address stays as Django serves it
                # there (a feed's self link is its address).
                self._add(result, file_for(url + route.alias), body, html=False)
                result.files[file_for(url + route.file)] = body
            else:
                self._add(result, file_for(url + route.path), body, html=True)
        result.search_entry = search_entry(page, url)
        return result

    def render_front_page(self, page):
        """The front server's files of a page: the page and its HTML routes (a digest's archive), each only when
        Django's answer may be a file (``front_file_allowed``); nothing else."""
        url = self.urls[page.pk]
        result = Rendered(page.pk)
        extra = {"_smart_alternates": self.alternates(page)}
        targets = [(url, ())] + [
            (url + route.path, route.components) for route in routes.page_routes(page) if route.alias is None
        ]
        for target, components in targets:
            response = self.serve(page, url, components, extra_context=extra, front_check=True)
            if response is not None:
                result.files[front_file_for(target)] = response.content
        result.search_entry = search_entry(page, url)
        return result

    def _render_pagination(self, page, url, response, extra, result, previous, changed):
        """A paginated listing (?page=N) also becomes <url>page/N/index.html, its page links rewritten."""
        paginator = (getattr(response, "context_data", None) or {}).get("paginator")
        if not isinstance(paginator, Paginator) or paginator.num_pages < 2:
            return
        first = file_for(url)
        result.files[first] = paginate_links(result.files[first], url)
        objects = paginator.object_list
        ids = list(objects.values_list("pk", flat=True)) if hasattr(objects, "values_list") else [o.pk for o in objects]
        shown = []
        for number in paginator.page_range:
            listed = paginator.page(number)
            shown.append(ids[listed.start_index() - 1 : listed.end_index()])
        result.pagination = shown
        for number in range(2, paginator.num_pages + 1):
            path = file_for(f"{url}page/{number}/")
            same = previous is not None and len(previous) >= number and previous[number - 1] == shown[number - 1]
            if same and not changed.intersection(shown[number - 1]):
                result.kept.add(path)
                continue
            response = self.serve(page, url, query={"page": str(number)}, extra_context=extra)
            body = paginate_links(self.finish(response.content, html=True), url)
            result.files[path] = body
            result.assets.update(self.assets_in(body))

    def _add(self, result, path, body, html):
        body = self.finish(body, html=html)
        result.files[path] = body
        result.assets.update(self.assets_in(body))

    def finish(self, body, html=True):
        """Point links to non-HTML routes at their typed files (feed/rss.xml, calendar.ics, ...)."""
        return self.alias_rewriter(body)

    def assets_in(self, body):
        """The /media/ and /static/ paths a file references (root-relative or on the base URL)."""
        if b"/media/" not in body and b"/static/" not in body:
            return set()
        text = body.decode("utf-8", "replace").replace(self.base_url + "/", " /")
        return set(_ASSET_RE.findall(text))


@contextmanager
def build_caches():
    """For the length of a build, remember what every page looks up again: each language's menu and footer.

    Both are edited as snippets and read through ``for_locale``; a build sees one state of them anyway.
    """
    originals = {model: model.__dict__["for_locale"] for model in (MainMenu, Footer)}

    def memoised(model, original):
        found = {}

        def for_locale(cls, locale=None):
            key = locale.pk if locale is not None else translation.get_language()
            if key not in found:
                found[key] = original.__get__(None, cls)(locale)
            return found[key]

        return classmethod(for_locale)

    for model, original in originals.items():
        model.for_locale = memoised(model, original)
    try:
        yield
    finally:
        for model, original in originals.items():
            model.for_locale = original


def attach_locales(pages):
    """Give pages their Locale and their parent (treebeard's cached ``get_parent()``) without queries each."""
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    steplen = Page.steplen
    parent_paths = {page.path[:-steplen] for page in pages if len(page.path) > steplen}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
    for page in pages:
        if page.locale_id in locales:
            page.locale = locales[page.locale_id]
        parent = parents.get(page.path[:-steplen])
        if parent is not None:
            page._cached_parent_obj = parent
    return pages


class RenderError(Exception):
    """A page could not be rendered (an exception or a status other than 200)."""


_PAGE_LINK_RE = re.compile(rb"""href="\?page=(\d+)\"""")


def paginate_links(body, url):
    """href="?page=N" (a plain page link, no other filter) -> the static listing page of that number."""

    def replace(match):
        number = int(match.group(1))
        target = url if number <= 1 else f"{url}page/{number}/"
        return b'href="' + target.encode() + b'"'

    return _PAGE_LINK_RE.sub(replace, body)


def search_entry(page, url):
    """The client-side search index entry of a page: its search document's title, summary, date and type
    (``search.extract.page_document``, the same as the index's), with its URL. No personal data."""
    from search.extract import page_document

    document = page_document(page, url=url, body=False)
    with translation.override(document.locale):
        kind = str(page.specific_class._meta.verbose_name) if page.specific_class else ""
    entry = {"t": document.title, "u": url, "k": kind, "s": " ".join(document.summary.split())[:300]}
    if document.date:
        entry["d"] = document.date.isoformat()
    return entry

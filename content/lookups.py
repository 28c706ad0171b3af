"""Lookups that nearly every public page needs, cached so that a page view costs few SQL queries.

- ``menu_links(language)``: the main menu of a language as plain data (label, URL, path), live pages only;
- ``restricted_paths()``: the tree paths of pages with view restrictions, and whether any page is an alias,
  so that a page can be told public without querying the restrictions;
- ``locale_ids()``: locale ids by language code.

Each is kept in Django's cache (Redis in production) with the current *generation* of public content
(``content.publishing``), which moves on whenever a page is published, unpublished, moved or deleted, and whenever
anything pages show (a snippet, a setting, an image, a document, a view restriction, a site or a locale) is saved
or deleted.
A request reads the generation once; values are then kept in the process's memory (see ``cached``).
"""

from django.core.cache import cache

from .publishing import bump, current_generation, forget_generation  # noqa: F401 (the lookups' generation)

TIMEOUT = 24 * 3600

# Within a process, values are also kept in memory, tagged with the generation they belong to (the one of
# ``content.publishing``, read from the shared cache once per request and at least every second outside requests).
_memo = {}
_MEMO_MAX = 5000


def invalidate(sender=None, **kwargs):
    """Forget every cached lookup, and every other kept public output (``content.publishing.bump``)."""
    bump()


def forget_cached():
    """Forget what this process remembers (the shared cache is left alone)."""
    _memo.clear()
    forget_generation()


def cached(name, build, keep=lambda value: True):
    """The value of ``build()``, kept under ``name`` until the next ``invalidate()`` (only if ``keep(value)``).
    While the shared cache is away nothing is kept: every call builds."""
    generation = current_generation()
    if generation is None:
        return build()
    remembered = _memo.get(name)
    if remembered is not None and remembered[0] == generation:
        return remembered[1]
    key = f"content:lookups:{name}"
    entry = cache.get(key)
    if entry is not None and entry[0] == generation:
        value = entry[1]
    else:
        value = build()
        if not keep(value):
            return value
        cache.set(key, (generation, value), timeout=TIMEOUT)
    if len(_memo) >= _MEMO_MAX:
        _memo.clear()
    _memo[name] = (generation, value)
    return value


def locale_ids():
    """``{language_code: locale id}`` of every locale."""
    from wagtail.models import Locale

    return cached("locales", lambda: dict(Locale.objects.values_list("language_code", "id")))


def language_of(page):
    """The language code of a page's locale, without a query (None for anything without a locale)."""
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return None
    return next((code for code, pk in locale_ids().items() if pk == locale_id), None)


def site_for_request(request):
    """Wagtail's ``Site.find_for_request``, kept per host and port (sites change rarely; saves invalidate)."""
    from wagtail.models import Site

    if not hasattr(request, "_wagtail_site"):
        host, port = request._get_raw_host(), request.get_port()
        request._wagtail_site = cached(f"site:{host}:{port}", lambda: Site._find_for_request(request))
    return request._wagtail_site


def site_root_paths():
    """Wagtail's ``Site.get_site_root_paths()`` (kept by Wagtail in the shared cache), remembered in the process.

    Wagtail reads it from the cache for every page URL it builds without a request; pages use this instead
    (``BasePage._get_site_root_paths``). Sites, locales and page moves or publications move the generation on."""
    from wagtail.models import Site

    return cached("site-root-paths", Site.get_site_root_paths)


def page_route(url_path):
    """``(page id, content type id)`` of the live page at ``url_path``, or None."""
    from wagtail.models import Page

    def build():
        return Page.objects.filter(url_path=url_path, live=True).values_list("pk", "content_type_id").first()

    return cached(f"route:{url_path}", build, keep=lambda found: found is not None)  # misses are not kept


def parent_id(page):
    """The id of a page's parent in the tree (None at the root)."""
    from wagtail.models import Page

    def build():
        return Page.objects.filter(path=page.path[: -page.steplen]).values_list("pk", flat=True).first()

    return cached(f"parent-id:{page.pk}", build)


def breadcrumbs(page, request=None):
    """``[(title, url), ...]`` of the ancestors shown in a page's breadcrumb trail (below the tree root)."""

    def build():
        return [(ancestor.title, ancestor.get_url(request)) for ancestor in page.get_ancestors()[1:].specific()]

    return cached(f"breadcrumbs:{page.pk}", build)


def terms_in_locale(model, locale_id):
    """``{translation_key: term}`` of a small translatable taxonomy (topics, event series) in one locale."""
    return cached(
        f"terms:{model._meta.label}:{locale_id}",
        lambda: {term.translation_key: term for term in model.objects.filter(locale_id=locale_id)},
    )


def rows_in_locale(rows, locale, queryset=None):
    """The rows of a translatable model (people, topics, series) in ``locale`` where a translation exists (one
    query, on ``queryset`` when given), the others as they are; order kept."""
    locale_id = getattr(locale, "pk", locale)
    rows = list(rows)
    keys = {row.translation_key for row in rows if row.locale_id != locale_id}
    translated = {}
    if keys:
        queryset = type(rows[0])._default_manager.all() if queryset is None else queryset
        translated = {
            row.translation_key: row for row in queryset.filter(translation_key__in=keys, locale_id=locale_id)
        }
    return [row if row.locale_id == locale_id else translated.get(row.translation_key, row) for row in rows]


def page_translations(page, request=None):
    """``{locale id: URL}`` of the live, public translations of ``page`` (itself included)."""
    site = site_for_request(request) if request is not None else None

    def build():
        from wagtail.models import Page

        translations = Page.objects.filter(translation_key=page.translation_key).live()
        translations = translations.only("url_path", "path", "locale_id", "translation_key")
        return {p.locale_id: p.get_url(request=request) for p in translations if is_public(p)}

    return cached(f"translations:{page.translation_key}:{getattr(site, 'pk', None)}", build)


def page_urls(page_ids, request=None):
    """``{page id: URL}`` of pages by id, each through its live translation in the active language when it has
    one (as Wagtail's ``page.localized``); a missing page is left out. For links to pages in rich text
    (``content.rich_links``): two queries on a miss, none afterwards."""
    from django.utils.translation import get_language
    from wagtail.models import Page

    language = get_language()
    site = site_for_request(request) if request is not None else None
    ids = sorted(set(page_ids))
    fields = ("url_path", "path", "locale_id", "translation_key", "live")

    def build():
        active = locale_ids().get(language)
        pages = list(Page.objects.filter(pk__in=ids).only(*fields))
        others = {page.translation_key for page in pages if active is not None and page.locale_id != active}
        translated = {}
        if others:
            for page in Page.objects.filter(translation_key__in=others, locale_id=active, live=True).only(*fields):
                translated[page.translation_key] = page
        return {page.pk: translated.get(page.translation_key, page).get_url(request=request) for page in pages}

    return cached(f"page-urls:{language}:{getattr(site, 'pk', None)}:{','.join(map(str, ids))}", build)


def restricted_paths():
    """``(paths, aliases)``: tree paths of pages carrying a view restriction; whether any alias page exists."""
    from wagtail.models import Page, PageViewRestriction

    def build():
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())
        return paths, Page.objects.filter(alias_of__isnull=False).exists()

    return cached("restrictions", build)


def is_public(page):
    """Whether no view restriction applies to ``page`` (answered from the cache; exact, aliases included)."""
    paths, aliases = restricted_paths()
    if not paths:
        return True
    if aliases:
        return not page.get_view_restrictions().exists()
    return not any(page.path.startswith(path) for path in paths)


def public_q():
    """A ``Q`` equal to Wagtail's ``PageQuerySet.public()`` filter, built from the cached restrictions (no query)."""
    from django.db.models import Q

    paths, _aliases = restricted_paths()
    q = Q()
    for path in paths:
        q &= ~Q(path__startswith=path)
    return q


def public(queryset):
    """``queryset.public()`` without its query of the restrictions (see ``public_q``)."""
    return queryset.filter(public_q())


def menu_links(language_code, request=None):
    """The live links of the main menu of ``language_code``: dicts with label, url, url_path, pk, depth."""
    from .navigation import MainMenu

    def build():
        locale_id = locale_ids().get(language_code)
        menu = MainMenu.objects.filter(locale_id=locale_id).first() if locale_id else None
        return stream_links(menu.items, request) if menu else None

    return cached(f"menu:{language_code}", build)


def stream_links(stream, request=None):
    """Plain data for a stream of menu items: live pages only, in order."""
    links = []
    for block in stream:
        page = block.value["page"]
        if page is None or not page.live:
            continue
        page = page.specific_deferred if hasattr(page, "specific_deferred") else page
        links.append(
            {
                "label": block.value.get("label") or page.title,
                "url": page.get_url(request=request),
                "url_path": page.url_path,
                "pk": page.pk,
                "depth": page.depth,
            }
        )
    return links

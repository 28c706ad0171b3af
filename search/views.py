"""The search page (/zh-hans/search/, /en/search/) and the JSON endpoints (/api/search/, /api/search/suggest/).

The page takes whatever it is given and cleans it. The JSON endpoints refuse a malformed ``locale``, ``type``,
``year``, ``page`` or ``other`` with a 400, and answer an unknown URL or another method than GET with a 404 or
405, each as ``{"message": ...}`` in the request's language (LocaleMiddleware: Accept-Language, zh-hans
otherwise); ``locale`` chooses what is searched, never the language of a message."""

import functools
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from content.i18n import absolute_url

from . import query, refusals
from .refusals import Refused, shown

TEMPLATE = "search/search_page.html"
# A longer query string is answered with a redirect to its cleaned form (the page links to itself many times).
MAX_QUERY_STRING = 4000
API_CACHE_SECONDS = 60
FLAG_VALUES = {"1": True, "true": True, "on": True, "yes": True, "0": False, "false": False, "off": False, "no": False}


def _flag(value):
    return FLAG_VALUES.get(value, False)


def _params(request):
    get = request.GET
    return {
        "q": get.get("q", "")[: query.MAX_QUERY_CHARS_READ],
        "include_other": _flag(get.get("other", "")),
        "content_type": get.get("type", ""),
        "year": get.get("year", ""),
        "page": get.get("page", "1"),
    }


def _link(results, **changes):
    """The query string of this search with some parameters changed (facets and pagination links)."""
    params = {
        "q": results.query,
        "other": "1" if results.include_other else "",
        "type": results.content_type or "",
        "year": results.year or "",
        "page": "",
    }
    params.update({k: ("" if v is None else v) for k, v in changes.items()})
    return "?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 1) or k == "q"})


@require_GET
def search_page(request):
    params = _params(request)
    results = query.search(params["q"], get_language(), **{k: v for k, v in params.items() if k != "q"})
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return redirect(request.path + _link(results, page=results.page))
    for facet in results.content_types:
        facet.url = _link(results, type="" if facet.selected else facet.value)
    for facet in results.years:
        facet.url = _link(results, year="" if facet.selected else facet.value)
    pages = []
    if results.num_pages > 1:
        for number in range(1, results.num_pages + 1):
            if number in (1, results.num_pages) or abs(number - results.page) <= 2:
                pages.append({"number": number, "url": _link(results, page=number)})
            elif pages and pages[-1] is not None:
                pages.append(None)
    context = {
        "results": results,
        "query": results.query,
        "pages": pages,
        "previous_url": _link(results, page=results.page - 1) if results.has_previous else "",
        "next_url": _link(results, page=results.page + 1) if results.has_next else "",
        "clear_filters_url": _link(results, type="", year=""),
        "other_language_url": _link(results, other="1"),
        "this_language_url": _link(results, other=""),
    }
    response = render(request, TEMPLATE, context)
    response["X-Robots-Tag"] = "noindex"
    return response


# -- the JSON endpoints ------------------------------------------------------------------------------------------


def _api_locale(get):
    value = get.get("locale", "")
    if value and value not in query.language_codes():
        codes = ", ".join(query.language_codes())
        raise Refused(_("unknown locale '%(value)s': use one of %(codes)s") % {"value": shown(value), "codes": codes})
    return query.clean_locale(value)


def _api_number(get, name, minimum, maximum):
    value = get.get(name, "").strip()
    return refusals.integer(name, value, minimum, maximum) if value else None


SEARCH_PARAMETERS = ("q", "locale", "other", "type", "year", "page")
SUGGEST_PARAMETERS = ("q", "locale")


def _api_params(get):
    """The search parameters of a JSON request, refused (``Refused``) when malformed or unknown rather than
    cleaned."""
    refusals.check_parameters(get, SEARCH_PARAMETERS)
    other = get.get("other", "")
    if other and other not in FLAG_VALUES:
        raise Refused(_("%(name)s must be true or false, not '%(value)s'") % {"name": "other", "value": shown(other)})
    content_type = get.get("type", "").strip().lower()
    if content_type and content_type not in query.content_types():
        types = ", ".join(query.content_types())
        raise Refused(
            _("unknown type '%(value)s': use one of %(types)s") % {"value": shown(content_type), "types": types}
        )
    return {
        "locale": _api_locale(get),
        "include_other": _flag(other),
        "content_type": content_type,
        "year": _api_number(get, "year", query.MIN_YEAR, query.MAX_YEAR),
        "page": _api_number(get, "page", 1, query.MAX_PAGE) or 1,
    }


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 200:
        patch_cache_control(response, public=True, max_age=API_CACHE_SECONDS)
    else:
        patch_cache_control(response, no_store=True)
    return response


def _json_endpoint(view):
    """GET only (CSRF exempt, so that another method gets the JSON 405, not the CSRF page); a refusal is
    ``{"message": ...}`` with a 400 (or 405), never stored by a cache."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET":
            response = _json({"message": refusals.method_not_allowed(request.method)}, status=405)
            response["Allow"] = "GET"
            return response
        try:
            return _json(view(request, *args, **kwargs))
        except Refused as refusal:
            return _json({"message": str(refusal)}, status=400)

    return wrapped


@_json_endpoint
def api_search(request):
    """JSON search for headless clients: ?q=&locale=&other=1&type=&year=&page="""
    params = _api_params(request.GET)
    results = query.search(request.GET.get("q", "")[: query.MAX_QUERY_CHARS_READ], **params)
    data = results.as_dict()
    for item in data["results"]:
        item["full_url"] = absolute_url(item["url"])
    return data


@_json_endpoint
def api_suggest(request):
    """Autocomplete: ?q=<what was typed>&locale= -> {"query", "suggestions": [{"title", "url", "locale"}]}"""
    refusals.check_parameters(request.GET, SUGGEST_PARAMETERS)
    typed = request.GET.get("q", "")[: query.MAX_QUERY_CHARS_READ]
    locale = _api_locale(request.GET)
    return {"query": typed[:100], "locale": locale, "suggestions": query.suggest(typed, locale)}


@csrf_exempt
def api_not_found(request, rest=""):
    """Any other URL under /api/search/: a JSON 404 (never the site's HTML page or a redirect to a language)."""
    request.urlconf = "search.api_urls"  # no language prefixes here: LocaleMiddleware keeps the 404
    return _json({"message": refusals.not_found(slash_missing=not request.path.endswith("/"))}, status=404)

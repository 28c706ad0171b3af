"""The search page (/zh-hans/search/, /en/search/) and the JSON endpoints (/api/search/, /api/search/suggest/)."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from content.i18n import absolute_url

from . import query

TEMPLATE = "search/search_page.html"
# A longer query string is answered with a redirect to its cleaned form (the page links to itself many times).
MAX_QUERY_STRING = 4000


def _flag(value):
    return value in ("1", "true", "on", "yes")


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


@require_GET
@cache_control(max_age=60, public=True)
def api_search(request):
    """JSON search for headless clients: ?q=&locale=&other=1&type=&year=&page="""
    params = _params(request)
    locale = query.clean_locale(request.GET.get("locale", ""))
    results = query.search(params["q"], locale, **{k: v for k, v in params.items() if k != "q"})
    data = results.as_dict()
    for item in data["results"]:
        item["full_url"] = absolute_url(item["url"])
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
@cache_control(max_age=60, public=True)
def api_suggest(request):
    """Autocomplete: ?q=<what was typed>&locale= -> {"query", "suggestions": [{"title", "url", "locale"}]}"""
    typed = request.GET.get("q", "")[: query.MAX_QUERY_CHARS_READ]
    locale = query.clean_locale(request.GET.get("locale", ""))
    suggestions = query.suggest(typed, locale)
    return JsonResponse(
        {"query": typed[:100], "locale": locale, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )

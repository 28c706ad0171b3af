"""Page serving with fewer queries: Wagtail's URL patterns, with its ``serve`` view given a shortcut.

Wagtail finds a page by walking the tree from the site's root, two queries per level of the URL (child by
slug, then its specific model). ``serve`` first looks the page up by its full ``url_path`` under the
localized site root, taken from Wagtail's cached site root paths: the site and the page's id and type come
from ``content.lookups`` (cached, invalidated on publish, move, delete), the page itself is one query. Anything
the shortcut does not find exactly (a routable page's sub-path such as ``digest/archive/2025/``, a page not
live, a language without its own root) goes through Wagtail's own routing, unchanged. A page found this way
is still routed by its own ``route()`` (a routable page serves its index view).

Wagtail's ``check_view_restrictions`` (an ``on_serve_page`` hook) costs two queries on every page view; when
``content.lookups.is_public`` (cached restrictions) says no restriction applies, it is skipped, otherwise it
runs as usual (password form or login redirect).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.urls import re_path
from django.utils.translation import get_language
from wagtail import hooks
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail import wagtail_hooks as wagtail_core_hooks
from wagtail.models import Page

from content import fragments, lookups
from content.lookups import is_public


def _root_path(site, language):
    for root in lookups.site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return None


def _related_fields(model, main_content_kept):
    """The page type's foreign keys loaded with the page: to images (listing and social images, used in the
    page's head as well), and, when its main content is rendered rather than taken from the fragment cache,
    to documents and pages too (a digest's PDF edition, a hero link)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    related = {get_image_model()} if main_content_kept else {get_image_model(), get_document_model(), Page}
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.many_to_one and field.related_model in related and field.model is not Page
    ]


def find_route(request, path):
    """Wagtail's RouteResult for ``path`` by a direct lookup, or None when Wagtail's own routing must decide."""
    site = lookups.site_for_request(request)
    if site is None:
        return None
    root_path = _root_path(site, get_language())
    if root_path is None:
        return None
    url_path = root_path + "".join(f"{component}/" for component in path.split("/") if component)
    found = lookups.page_route(url_path)
    if found is None:
        return None
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    # No ORDER BY (the page manager's default): one row by primary key. A page type whose main content is
    # kept by the fragment cache leaves its StreamFields out (a render that needs them loads them).
    kept = fragments.page_type_opts_in(model)
    found = model.objects.filter(pk=page_id, live=True).select_related(*_related_fields(model, kept))
    if kept:
        found = found.defer_streamfields()
    found = found.order_by()[:1]
    page = next(iter(found), None)
    if page is None:
        return None
    try:
        return page.route(request, [])
    except Http404:
        return None


def serve(request, path):
    """Wagtail's ``serve`` view (``wagtail.views.serve``), with the route found by ``find_route`` when it can and
    Wagtail's restriction check left out of the ``on_serve_page`` chain for a page that no restriction covers."""
    request._wagtail_cached_site_root_paths = lookups.site_root_paths()  # for every URL built with the request
    if not hasattr(request, "_wagtail_route_for_request"):
        route = find_route(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
    route = Page.route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is wagtail_core_hooks.check_view_restrictions and is_public(page):
            continue
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def _serve_pattern():
    for pattern in wagtail_urls.urlpatterns:
        if getattr(pattern, "name", None) == "wagtail_serve":
            return pattern.pattern.regex.pattern
    raise LookupError("Wagtail's wagtail_serve URL pattern is missing.")


urlpatterns = [pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"]
urlpatterns.append(re_path(_serve_pattern(), serve, name="wagtail_serve"))

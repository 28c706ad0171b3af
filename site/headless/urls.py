"""/api/v2/: the router of the headless API, its OpenAPI document, and the HTTP caching of every response."""

import functools

from django.conf import settings
from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.csrf import csrf_exempt
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import openapi, refusals
from .endpoints import HeadlessDocumentsEndpoint, HeadlessImagesEndpoint, HeadlessPagesEndpoint

router = WagtailAPIRouter("headless")
router.register_endpoint("pages", HeadlessPagesEndpoint)
router.register_endpoint("images", HeadlessImagesEndpoint)
router.register_endpoint("documents", HeadlessDocumentsEndpoint)


def http_caching(view):
    """Cache-Control and a content ETag on successful responses (304 on a matching If-None-Match); errors are
    not stored. The API stays JSON on a 404: this URL map has no language prefix, so LocaleMiddleware does not
    turn an API 404 into a redirect to /zh-hans/api/…."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        request.urlconf = __name__

        def finish(response):
            if request.method not in ("GET", "HEAD"):
                return response
            if response.status_code == 200:
                patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
                set_response_etag(response)
                return get_conditional_response(request, etag=response["ETag"], response=response)
            if response.status_code in (301, 302):
                patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
            else:
                patch_cache_control(response, no_store=True)
            return response

        if hasattr(response, "add_post_render_callback") and not response.is_rendered:
            response.add_post_render_callback(finish)
            return response
        return finish(response)

    return wrapped


@csrf_exempt  # any method gets the JSON 404, not the CSRF page
def not_found(request, rest=""):
    """Any other URL under /api/v2/: a JSON 404 (never the site's HTML page or a redirect to a language)."""
    message = refusals.not_found(slash_missing=not request.path.endswith("/"))
    return JsonResponse({"message": message}, status=404)


urlpatterns = decorate_urlpatterns(
    router.get_urlpatterns()
    + [
        path("openapi.json", openapi.openapi_view, name="headless_openapi"),
        re_path(r"^(?P<rest>.*)$", not_found),
    ],
    http_caching,
)
app_name = "headless"

"""A clean, translated "503 Service unavailable" page when the database or the file storage cannot be reached.

``DatabaseUnavailableMiddleware`` turns an ``OperationalError`` or ``InterfaceError`` raised while a view runs
(the database server is down, restarting, or refused the connection) into the theme's ``503.html``, in the
language of the URL (``/zh-hans/…``, ``/en/…``; otherwise the visitor's browser language), with
``Retry-After`` and never-cache headers. The page is rendered without a request context, so it needs
nothing from the database. Under ``/api/`` the answer is the APIs' JSON ``{"message": …}`` instead (the
headless API's OpenAPI document lists it). Nothing is lost by it: a form's data is saved in one transaction,
so a visitor whose submission met this page has not had it accepted and can send it again.

The same page, saying that files cannot be stored just now, answers a storage that cannot be reached: the private
storage of uploads (``records.files.StorageUnavailable``) or an object storage bucket (botocore's errors, e.g. a
document or image uploaded in the admin while the bucket is away). The form's transaction was rolled back, so
nothing of it was kept, and what was stored before is untouched.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


def visitor_language(request):
    language = translation.get_language_from_path(request.path_info)
    if language:
        return language
    try:
        return translation.get_language_from_request(request)
    except Exception:  # a language cookie or header that does not parse
        return settings.LANGUAGE_CODE


def storage_errors():
    """The exceptions that mean the file storage cannot be reached."""
    from records.files import StorageUnavailable

    errors = [StorageUnavailable]
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # object storage not installed: only the private storage's own error
        return tuple(errors)
    return (*errors, BotoCoreError, ClientError)


def unavailable_response(request, reason="database"):
    language = visitor_language(request)
    context = {"LANGUAGE_CODE": language, "retry_after": RETRY_AFTER_SECONDS, "reason": reason}
    with translation.override(language):
        if request.path_info.startswith("/api/"):
            message = gettext("The service is unavailable for a moment. Try again in %(seconds)s seconds.") % {
                "seconds": RETRY_AFTER_SECONDS
            }
            response = JsonResponse({"message": message}, status=503)
        else:
            html = render_to_string("503.html", context)
            response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, storage_errors()):
            logger.error("File storage unavailable (%s): answered 503.", type(exception).__name__)
            return unavailable_response(request, reason="storage")
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable (%s): answered 503.", type(exception).__name__)
        return unavailable_response(request)

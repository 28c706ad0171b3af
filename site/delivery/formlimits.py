"""Bounded public form posts: a POST to the public site (anything outside the Wagtail admin) may carry at most
``PUBLIC_FORM_MAX_FIELDS`` fields and ``PUBLIC_FORM_MAX_FILES`` files. More is refused with 400 before any view
runs, so nothing of it is kept. The admin keeps Django's own, larger limits (``DATA_UPLOAD_MAX_NUMBER_FIELDS``,
``DATA_UPLOAD_MAX_NUMBER_FILES``): a long page in the editor posts thousands of fields.

No public form has more than a few dozen fields (a grant application with its team lines: about 30) and a few files.
"""

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent, TooManyFilesSent

from .security import is_admin_path

FORM_CONTENT_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def max_fields():
    return getattr(settings, "PUBLIC_FORM_MAX_FIELDS", 300)


def max_files():
    return getattr(settings, "PUBLIC_FORM_MAX_FILES", 20)


def check(request):
    """Raise ``TooManyFieldsSent`` / ``TooManyFilesSent`` (answered 400) if a public form POST is over the limits."""
    if request.method != "POST" or is_admin_path(request.path_info):
        return
    if not request.content_type.startswith(FORM_CONTENT_TYPES):
        return  # a JSON body (the API) is no form
    fields = sum(len(values) for _name, values in request.POST.lists())
    if fields > max_fields():
        raise TooManyFieldsSent(f"A public form POST with {fields} fields (limit {max_fields()}).")
    files = sum(len(values) for _name, values in request.FILES.lists())
    if files > max_files():
        raise TooManyFilesSent(f"A public form POST with {files} files (limit {max_files()}).")


class PublicFormLimitsMiddleware:
    """Refuses (400) a public form POST with more fields or files than a public form has."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check(request)
        return self.get_response(request)

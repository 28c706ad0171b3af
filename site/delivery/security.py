"""Safety of what the site sends: the Content-Security-Policy of each area, private caching for signed-in
users, and error reports that keep no form values.

- ``ContentSecurityPolicyMiddleware``: django-csp's middleware. Public pages get ``CONTENT_SECURITY_POLICY``
  (scripts only from our own origin, no inline script, no framing); the Wagtail admin (``/admin/``) gets
  ``CONTENT_SECURITY_POLICY_ADMIN``, which allows the inline scripts and styles Wagtail's admin still uses.
  A page preview is rendered by Wagtail through a simulated request for the page's public address (inside the
  admin's preview view), so it would get the public policy and its ``frame-ancestors 'none'``, which blanks the
  editor's preview panel: previews get ``CONTENT_SECURITY_POLICY_PREVIEW`` instead, the public policy framed by
  our own origin only. A real request for a public address is never a preview, so public pages stay unframeable.
- ``PrivateCacheMiddleware``: every response to a signed-in user is ``Cache-Control: private, no-store``, so
  no shared cache (page cache, proxy, CDN) keeps it. Anonymous responses are left alone and stay cacheable. It
  must sit below a page cache's ``UpdateCacheMiddleware`` in ``MIDDLEWARE`` (Django never caches ``private``).
- ``PrivateExceptionReporterFilter`` and ``PrivateExceptionReporter``: when ``DEBUG`` is off, error reports
  (the emails to ``ADMINS``) show no form values, query values, uploaded file names or local variables: the
  public forms carry applicants' names, emails and phone numbers.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, empty
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter


def is_admin_path(path):
    """True for the Wagtail admin's URLs (and what is mounted under them, such as private file downloads)."""
    return path.startswith(reverse("wagtailadmin_home"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the admin's own policy under the admin's URL prefix."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            if getattr(request, "is_preview", False) and getattr(request, "is_dummy", False):
                parts.config = settings.CONTENT_SECURITY_POLICY_PREVIEW["DIRECTIVES"]
            elif is_admin_path(request.path_info):
                parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


def _signed_in(request):
    """Whether the request comes from a signed-in user, without loading a session that the request has none of.
    When its session cannot be read (the database is down: the response is the 503 page), it may be: yes."""
    user = getattr(request, "user", None)
    if user is None:
        return False
    lazy = isinstance(user, SimpleLazyObject) and user._wrapped is empty
    if lazy and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # no session: anonymous (a login in this request replaces request.user)
    try:
        return bool(user.is_authenticated)
    except DatabaseError:
        return True


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _signed_in(request):
            cache_control = response.get("Cache-Control", "")
            if "public" in cache_control or "s-maxage" in cache_control:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response


# Request headers that can carry personal data (addresses, query strings with form values).
PRIVATE_META = ("QUERY_STRING", "REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_REFERER")


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Hides every POST value, every local variable and client addresses of an error report while DEBUG is off."""

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        if self.is_active(request):
            for name in PRIVATE_META:
                if name in meta:
                    meta[name] = self.cleansed_substitute
        return meta

    def get_post_parameters(self, request):
        if request is None:
            return {}
        if not self.is_active(request):
            return super().get_post_parameters(request)
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class PrivateExceptionReporter(ExceptionReporter):
    """Error reports without query values, uploaded file names or cookies while DEBUG is off."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None and self.filter.is_active(self.request):
            hidden = self.filter.cleansed_substitute
            for key in ("request_GET_items", "request_FILES_items", "request_COOKIES_items"):
                if key in data:
                    data[key] = [(name, hidden) for name, _value in data[key]]
            if "request_insecure_uri" in data:
                data["request_insecure_uri"] = self.request.path
        return data

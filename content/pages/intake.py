"""Serving of pages that carry a public intake form (grant application, registration, job application, pledge).

The pages hand the valid form over to its ``records`` app (``form.submit(...)``); this mixin does what
every such page shares: the page is never cached (the form carries a one-time token and a CSRF token), a POST
is first offered to the ``before_intake_submission`` hooks (``site/delivery``'s per-IP rate limit answers one
over its allowance with a 429 and Retry-After: content does not import site), and a valid submission redirects
to a confirmation step whose details (the reference number) are kept in the session, never in the URL.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail import hooks


class IntakePageMixin:
    """Mix into a page model; the page implements ``serve_form(request)`` (GET) and ``serve_submission(request)``."""

    rate_limit_scope = "intake"  # the per-IP allowance this page's POSTs count against (``before_intake_submission``)
    confirmation_template = None
    confirmation_param = "done"  # ?done=1 shows the confirmation step
    confirmation_session_key = "intake_confirmation"

    def render_page(self, request, status=200, **extra):
        """The page's own template with ``extra`` in the context, never cached."""
        context = self.get_context(request)
        context.update(extra)
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        add_never_cache_headers(response)
        return response

    def serve_intake(self, request):
        """Dispatch: a POST (unless a ``before_intake_submission`` hook answers it: the rate limit), the confirmation
        step, or the form."""
        if request.method == "POST":
            for hook in hooks.get_hooks("before_intake_submission"):
                response = hook(self, request)
                if response is not None:
                    return response
            return self.serve_submission(request)
        if request.GET.get(self.confirmation_param):
            return self.serve_confirmation(request)
        return self.serve_form(request)

    def confirm(self, request, reference, **details):
        """Remember a successful submission for the confirmation step and redirect to it."""
        request.session[self.confirmation_session_key] = {"page": self.pk, "reference": reference, **details}
        return redirect(self.get_url(request) + f"?{self.confirmation_param}=1")

    def confirmation_context(self, confirmation):
        """Extra context for the confirmation template."""
        return {}

    def serve_confirmation(self, request):
        confirmation = request.session.get(self.confirmation_session_key)
        if not confirmation or confirmation.get("page") != self.pk:
            return redirect(self.get_url(request))
        context = self.get_context(request)
        context.update(confirmation=confirmation, **self.confirmation_context(confirmation))
        response = TemplateResponse(request, self.confirmation_template, context)
        add_never_cache_headers(response)
        return response

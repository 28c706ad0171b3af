"""The registrant's private cancellation link: /<language>/registrations/cancel/<token>/.

GET asks "cancel your registration for X?", POST cancels (again: nothing more happens). A forged or damaged
token gets a translated 404 page; a link whose event has ended gets a translated 410 page and changes nothing. The
page shows the event, the reference and the email address masked (z***@example.com), never the registrant's name:
whoever holds the link (a forwarded email) learns no more than that. Never cached: the page is one person's.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from records.statemachine import TransitionNotAllowed

from .. import services
from ..models import Registration

TEMPLATE = "records/events/cancel_registration.html"


def _page(request, registration, state, status=200, error=""):
    context = {"registration": registration, "state": state, "error": error}
    if registration is not None:
        context["masked_email"] = services.masked_email(registration.email)
    response = render(request, TEMPLATE, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    # The token never leaves the site in a Referer header. Not "no-referrer": under it a browser sends the
    # confirmation form with "Origin: null", which Django's CSRF check refuses (403).
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def cancel_registration(request, token):
    registration = services.registration_for_token(token)
    if registration is None:
        return _page(request, None, "invalid", status=404)
    if services.link_expired(registration):
        return _page(request, registration, "expired", status=410)
    if registration.status == Registration.Status.CANCELLED:
        return _page(request, registration, "cancelled")
    if request.method == "POST":
        try:
            services.cancel(registration)
        except TransitionNotAllowed as error:
            return _page(request, registration, "confirm", status=409, error=str(error))
        return _page(request, registration, "cancelled")
    return _page(request, registration, "confirm")

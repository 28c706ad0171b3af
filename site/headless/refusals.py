"""The words of the headless API's refusals (400, 404, 405, 429), each a JSON ``{"message": ...}``: those it
shares with the search API come from ``search.refusals`` (which says how the language is chosen), the headless
API's own are here."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from search.refusals import Refused, check_parameters, listed, listed_names, method_not_allowed, not_found, shown

__all__ = [
    "Refused",
    "check_parameters",
    "listed",
    "listed_names",
    "method_not_allowed",
    "not_found",
    "rate",
    "refused",
    "shown",
    "too_many_requests",
]


def refused(detail):
    """A refusal worded by Wagtail or Django REST framework (English), kept whole inside a translated sentence."""
    return _("the request was refused: %(detail)s") % {"detail": detail}


def rate(count, seconds):
    """A throttle rate (``count`` requests per ``seconds``: 1, 60, 3600 or 86400) in words."""
    if seconds == 1:
        text = ngettext("%(count)s request per second", "%(count)s requests per second", count)
    elif seconds == 60:
        text = ngettext("%(count)s request per minute", "%(count)s requests per minute", count)
    elif seconds == 3600:
        text = ngettext("%(count)s request per hour", "%(count)s requests per hour", count)
    else:
        text = ngettext("%(count)s request per day", "%(count)s requests per day", count)
    return text % {"count": count}


def too_many_requests(count, seconds, wait):
    return ngettext(
        "Too many requests: this API allows %(rate)s from each client. Try again in %(seconds)s second.",
        "Too many requests: this API allows %(rate)s from each client. Try again in %(seconds)s seconds.",
        wait,
    ) % {"rate": rate(count, seconds), "seconds": wait}

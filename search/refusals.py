"""The words of the JSON APIs' refusals, shared by the search API (``search.views``) and the headless API
(``site/headless``, which imports them: imports point from ``site`` to ``search``).

Every message is translated (``gettext`` with named placeholders) into the language of the request, which
LocaleMiddleware picks for the unprefixed ``/api/`` URLs from Django's language cookie if a client sends one,
else from ``Accept-Language``, else ``zh-hans``. A ``locale`` parameter chooses content, never the language of a
message. Each refusal is answered as ``{"message": ...}``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.api.v2.utils import BadRequestError

SHOWN_CHARACTERS = 60  # of a refused value, quoted back in a message
SHOWN_NAMES = 10  # of the refused names, listed in a message


class Refused(BadRequestError):
    """A 400 whose message is already worded for the client, in the request's language (a ``BadRequestError``,
    so that Wagtail's API views treat it as one)."""


def shown(value):
    """A refused value as quoted back to the client: at most ``SHOWN_CHARACTERS`` characters."""
    value = str(value)
    return value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS] + "…"


def listed(values):
    return ", ".join(str(value) for value in values)


def listed_names(names):
    """Refused names (sorted), each shortened, at most ``SHOWN_NAMES`` of them."""
    names = sorted(names)
    more = "…" if len(names) > SHOWN_NAMES else ""
    return listed(shown(name) for name in names[:SHOWN_NAMES]) + more


def integer(name, value, minimum, maximum):
    """``value`` as an int from ``minimum`` to ``maximum``, or ``Refused`` saying why not."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Refused(_("%(name)s must be an integer") % {"name": name}) from None
    if not minimum <= number <= maximum:
        raise Refused(
            _("%(name)s must be between %(minimum)s and %(maximum)s")
            % {"name": name, "minimum": minimum, "maximum": maximum}
        )
    return number


def check_parameters(given, accepted):
    """Refuse (``Refused``) any query parameter name in ``given`` that is not ``accepted``: a misspelt filter
    is told, never silently ignored."""
    unknown = set(given) - set(accepted)
    if unknown:
        message = ngettext(
            "unknown query parameter: %(names)s (accepted here: %(accepted)s)",
            "unknown query parameters: %(names)s (accepted here: %(accepted)s)",
            len(unknown),
        )
        raise Refused(message % {"names": listed_names(unknown), "accepted": listed(sorted(accepted))})


def not_found(slash_missing=False):
    if slash_missing:
        return _("not found (API URLs end with a slash)")
    return _("not found")


def method_not_allowed(method):
    return _("method %(method)s is not allowed: this API only reads (GET)") % {"method": shown(method)}

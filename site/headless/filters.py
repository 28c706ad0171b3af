"""Query parameters of the listings: each declared once (name, schema, what it does), so that unknown or
malformed parameters are refused with a 400 and the OpenAPI document lists exactly what is accepted."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from content.models import EventPage, JobPostingPage, NewsArticlePage, WhitePaperPage
from content.pages.jobs import JobCategory
from search import refusals

from .page_types import date_field, order_keys, page_type_name
from .refusals import Refused, listed, shown

MAX_ID = 2**31 - 1
MAX_OFFSET = 100_000
COMMON_ORDER_KEYS = ["id", "title", "slug", "first_published_at", "last_published_at"]
# Free text (a slug, a tag, a path): anything but the null character, which ``text()`` refuses.
TEXT_PATTERN = "^[^\\u0000]*$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ISO_DATE = re.compile(DATE_PATTERN)
FIELD_NAME = re.compile(r"\w+")


@dataclass(frozen=True)
class Param:
    name: str
    schema: dict
    description: str
    models: tuple = ()  # page types it applies to (with ``type=``); empty: every listing


def integer(name, value, minimum=0, maximum=MAX_ID):
    return refusals.integer(name, value, minimum, maximum)


def boolean(name, value):
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise Refused(_("%(name)s must be true or false, not '%(value)s'") % {"name": name, "value": shown(value)})


def iso_date(name, value):
    """A day written YYYY-MM-DD (RFC 3339's full-date, as the document says), nothing else ISO 8601 allows."""
    try:
        if not ISO_DATE.match(value or ""):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Refused(
            _("%(name)s must be a date such as 2024-05-20, not '%(value)s'") % {"name": name, "value": shown(value)}
        ) from None


def text(name, value, max_length=200):
    if "\x00" in value or len(value) > max_length:
        raise Refused(
            _("%(name)s must be at most %(max_length)s characters, without null characters")
            % {"name": name, "max_length": max_length}
        )
    return value


def _dated_models():
    from content.models import DigestIssuePage

    return (NewsArticlePage, DigestIssuePage, WhitePaperPage, EventPage, JobPostingPage)


def page_params():
    dated = _dated_models()
    dated_names = ", ".join(f"{page_type_name(model)} ({date_field(model)})" for model in dated)
    return [
        Param(
            "locale",
            {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
            "Pages in this language.",
        ),
        Param("slug", {"type": "string", "maxLength": 255, "pattern": TEXT_PATTERN}, "Pages with this slug."),
        Param("child_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "Children of this page."),
        Param("descendant_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "Descendants of this page."),
        Param("ancestor_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "Ancestors of this page."),
        Param(
            "translation_of",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            "Translations of this page (in the other languages).",
        ),
        Param(
            "year",
            {"type": "integer", "minimum": 1900, "maximum": 2999},
            f"Dated pages of this year: {dated_names}.",
            dated,
        ),
        Param(
            "date_from",
            {"type": "string", "format": "date", "pattern": DATE_PATTERN},
            "Dated pages on or after this day.",
            dated,
        ),
        Param(
            "date_to",
            {"type": "string", "format": "date", "pattern": DATE_PATTERN},
            "Dated pages on or before this day.",
            dated,
        ),
        Param("upcoming", {"type": "boolean"}, "true: events not yet over; false: past events.", (EventPage,)),
        Param(
            "series",
            {"type": "string", "maxLength": 80, "pattern": TEXT_PATTERN},
            "Events of the series with this slug.",
            (EventPage,),
        ),
        Param(
            "open",
            {"type": "boolean"},
            "true: postings still accepting applications; false: closed.",
            (JobPostingPage,),
        ),
        Param(
            "category",
            {"type": "string", "enum": list(JobCategory.values)},
            "Postings of this category.",
            (JobPostingPage,),
        ),
        Param(
            "topic",
            {"type": "string", "maxLength": 80, "pattern": TEXT_PATTERN},
            "White papers on the topic with this slug.",
            (WhitePaperPage,),
        ),
        Param(
            "tag",
            {"type": "string", "maxLength": 100, "pattern": TEXT_PATTERN},
            "News articles with this tag.",
            (NewsArticlePage,),
        ),
    ]


def apply_page_filters(request, queryset, model, view):
    """Apply every page filter present in the query string to ``queryset`` (of ``model``, one type or Page)."""
    params = {param.name: param for param in page_params()}
    get = request.GET
    for name, param in params.items():
        if name not in get:
            continue
        if param.models and model not in param.models:
            types = listed(page_type_name(m) for m in param.models)
            raise Refused(_("the %(name)s filter needs type= one of: %(types)s") % {"name": name, "types": types})
        queryset = FILTERS[name](queryset, get[name], model, view)
    return queryset


def _locale(queryset, value, model, view):
    if value not in dict(settings.LANGUAGES) or not Locale.objects.filter(language_code=value).exists():
        codes = listed(code for code, _name in settings.LANGUAGES)
        raise Refused(_("unknown locale '%(value)s': use one of %(codes)s") % {"value": shown(value), "codes": codes})
    return queryset.filter(locale__language_code=value)


def _page(view, name, value):
    pk = integer(name, value, minimum=1)
    page = view.get_base_queryset().filter(pk=pk).first()
    if page is None:
        raise Refused(_("%(name)s: no public page has the id %(id)s") % {"name": name, "id": pk})
    return page


def _date_range(queryset, model, start=None, end=None):
    name = date_field(model)
    if name == "start":  # a moment: compare its day in Beijing time
        name = "start__date"
    if start is not None:
        queryset = queryset.filter(**{f"{name}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{name}__lte": end})
    return queryset


def _year(queryset, value, model, view):
    year = integer("year", value, 1900, 2999)
    return _date_range(queryset, model, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _upcoming(queryset, value, model, view):
    now = timezone.now()
    return queryset.filter(end__gte=now) if boolean("upcoming", value) else queryset.filter(end__lt=now)


def _open(queryset, value, model, view):
    today = timezone.localdate()
    is_open = Q(closes_on__isnull=True) | Q(closes_on__gte=today)
    return queryset.filter(is_open) if boolean("open", value) else queryset.exclude(is_open)


def _category(queryset, value, model, view):
    if value not in JobCategory.values:
        raise Refused(
            _("unknown category '%(value)s': use one of %(categories)s")
            % {"value": shown(value), "categories": listed(JobCategory.values)}
        )
    return queryset.filter(category=value)


FILTERS = {
    "locale": _locale,
    "slug": lambda queryset, value, model, view: queryset.filter(slug=text("slug", value, 255)),
    "child_of": lambda queryset, value, model, view: queryset.child_of(_page(view, "child_of", value)),
    "descendant_of": lambda queryset, value, model, view: queryset.descendant_of(_page(view, "descendant_of", value)),
    "ancestor_of": lambda queryset, value, model, view: queryset.ancestor_of(_page(view, "ancestor_of", value)),
    "translation_of": lambda queryset, value, model, view: queryset.translation_of(
        _page(view, "translation_of", value)
    ),
    "year": _year,
    "date_from": lambda queryset, value, model, view: _date_range(queryset, model, start=iso_date("date_from", value)),
    "date_to": lambda queryset, value, model, view: _date_range(queryset, model, end=iso_date("date_to", value)),
    "upcoming": _upcoming,
    "series": lambda queryset, value, model, view: queryset.filter(series__slug=text("series", value, 80)),
    "open": _open,
    "category": _category,
    "topic": lambda queryset, value, model, view: queryset.filter(topics__slug=text("topic", value, 80)).distinct(),
    "tag": lambda queryset, value, model, view: queryset.filter(tags__name=text("tag", value, 100)).distinct(),
}


def apply_order(request, queryset, allowed):
    """``order=key,-key``: only declared keys; ties broken by id so pages never repeat across offsets."""
    value = request.GET.get("order")
    if value is None:
        return queryset
    keys = value.split(",")
    for key in keys:
        if key.lstrip("-") not in allowed:
            raise Refused(
                _("cannot order by '%(key)s': use one of %(keys)s (prefix - to reverse)")
                % {"key": shown(key), "keys": listed(allowed)}
            )
    if "id" not in [key.lstrip("-") for key in keys]:
        keys.append("id")
    return queryset.order_by(*keys)


def page_order_keys(model):
    return COMMON_ORDER_KEYS + [key for key in order_keys(model) if key not in COMMON_ORDER_KEYS]


def pagination(request):
    """(offset, limit) from the query string, refused with a 400 when out of range."""
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    offset = integer("offset", request.GET.get("offset", 0), 0, MAX_OFFSET)
    limit = integer("limit", request.GET.get("limit", min(20, limit_max)), 0, limit_max)
    return offset, limit


def parse_fields(raw):
    """``fields=`` as Wagtail's ``(name, negated, None)`` triples: a comma-separated list of names, ``-name`` to
    remove one, ``*`` or ``_`` first. Refused (with the position, counted from 0) wherever Wagtail's own parser
    would refuse it, and for a nested selection (``name(...)``), which this API does not offer."""
    if raw == "":
        return []
    config = []
    start = 0
    for token in raw.split(","):
        negated = token.startswith("-")
        name = token[1:] if negated else token
        _check_field_name(name, start + negated)
        first = config[0][0] if config else None
        if name in ("*", "_"):
            if config:
                raise Refused(_("fields error: '%(name)s' must come first") % {"name": name})
            if negated:
                raise Refused(_("fields error: '%(name)s' cannot be negated") % {"name": name})
        elif first == "_" and negated:
            raise Refused(_("fields error: after '_' (no fields), removing a field with - makes no sense"))
        elif first == "*" and not negated:
            raise Refused(_("fields error: after '*' (all fields), adding a field makes no sense"))
        config.append((name, negated, None))
        start += len(token) + 1
    return config


def _check_field_name(name, position):
    if not name:
        raise Refused(_("fields error: a field name is missing at position %(position)s") % {"position": position})
    for index, char in enumerate(name):
        if char == "(" and index and name[:index] != "_" and FIELD_NAME.fullmatch(name[:index]):
            raise Refused(_("'%(name)s' does not support nested fields") % {"name": shown(name[:index])})
        if char.isspace():
            raise Refused(
                _("fields error: unexpected whitespace at position %(position)s") % {"position": position + index}
            )
        if (char == "*" and index == 0) or (FIELD_NAME.fullmatch(char) and not name.startswith("*")):
            continue
        raise Refused(
            _("fields error: unexpected character '%(char)s' at position %(position)s")
            % {"char": char, "position": position + index}
        )

"""schema.org JSON-LD for pages, and the pieces the page types share (the organisation, people, places).

The data is serialised with ``json.dumps`` into ``<script type="application/ld+json">``: it is data, not
script, so it needs no ``unsafe-inline`` in a Content Security Policy. ``<``, ``>`` and ``&`` are written
as ``\\u`` escapes so that no text an editor typed can close the element.
"""

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override

from content.i18n import absolute_url, hreflang

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return format(o.normalize(), "f")
        return super().default(o)


def dumps(data):
    return json.dumps(data, ensure_ascii=False, cls=_Encoder, separators=(",", ":")).translate(_ESCAPES)


def script(data):
    """The ``<script type="application/ld+json">`` element for ``data`` (empty when there is no data)."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(dumps(data)))


def compact(data):
    """``data`` without empty values (None, "", [], {}), recursively."""
    if isinstance(data, dict):
        result = {key: compact(value) for key, value in data.items()}
        return {key: value for key, value in result.items() if value not in (None, "", [], {})}
    if isinstance(data, list):
        return [item for item in (compact(value) for value in data) if item not in (None, "", [], {})]
    return data


def iso(value):
    """An aware datetime in ISO 8601 with the Beijing offset, or a date as YYYY-MM-DD."""
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def language_tag(language_code):
    return hreflang(language_code)


def organisation(language_code):
    """SMART as a schema.org Organization, named in ``language_code``."""
    with override(language_code):
        name = gettext("Shenzhen Medical Academy of Research and Translation")
    return {
        "@type": "Organization",
        "name": name,
        "alternateName": "SMART",
        "url": absolute_url(f"/{language_code}/"),
    }


def image_url(image, spec="fill-1200x630"):
    if image is None:
        return None
    try:
        return absolute_url(image.get_rendition(spec).url)
    except Exception:  # a missing or unreadable source file must not break the page
        return None


def person(person):
    """A people snippet as a schema.org Person."""
    return compact(
        {
            "@type": "Person",
            "name": person.name,
            "familyName": person.family_name,
            "givenName": person.given_names,
            "jobTitle": person.title,
            "affiliation": {"@type": "Organization", "name": person.affiliation} if person.affiliation else None,
            "award": person.honours,
            "image": image_url(person.photo, "fill-400x400") if person.photo_id else None,
            "sameAs": person.website,
            "description": person.bio,
        }
    )

"""schema.org JSON-LD for pages, and the pieces the page types share (the organisation, people, places).

Every page's head carries one graph (``page_graph``, written by ``{% page_structured_data %}`` in base.html):
the page as a ``WebPage`` (or the kind its type names in ``schema_page_type``), its ``BreadcrumbList``, the
``WebSite`` with its ``SearchAction`` and the ``Organization`` on the home page, and the main thing the page
shows where its type says what that is (``main_entity_ld()``: a ``NewsArticle``, a digest issue's
``PublicationIssue``, the digest's ``Periodical``). Events, job postings and white papers write their own
``Event``, ``JobPosting`` and ``Report`` beside it (their ``json_ld()``). Only schema.org's vocabulary is used:
tests/site/test_valid_output.py checks every page type against it.

The data is serialised with ``json.dumps`` into ``<script type="application/ld+json">``: it is data, not
script, so it needs no ``unsafe-inline`` in a Content Security Policy. ``<``, ``>`` and ``&`` are written
as ``\\u`` escapes so that no text an editor typed can close the element.
"""

import inspect
import json
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, override

from content.i18n import absolute_url, hreflang
from content.renditions import NOT_FOUND, renditions

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
# SMART's logo as a raster image (search engines and apps want one; the site's favicon is an SVG), and the
# picture shown when a page without a listing image of its own is shared.
LOGO = ("smart/img/logo.png", 512, 512)
SHARE_IMAGE = ("smart/img/share-card.png", 1200, 630)
SHARE_RENDITION = "fill-1200x630"
SEARCH_TERM = "search_term_string"


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


def organisation_name(language_code):
    with override(language_code):
        return gettext("Shenzhen Medical Academy of Research and Translation")


def organisation_id():
    """The one ``@id`` of SMART in every language's data (the same organisation, named in each language)."""
    return absolute_url("/") + "#organization"


def logo():
    path, width, height = LOGO
    return {"@type": "ImageObject", "url": absolute_url(static(path)), "width": width, "height": height}


def organisation(language_code):
    """SMART as a schema.org Organization, named in ``language_code``, with its logo."""
    return {
        "@type": "Organization",
        "@id": organisation_id(),
        "name": organisation_name(language_code),
        "alternateName": "SMART",
        "url": absolute_url(f"/{language_code}/"),
        "logo": logo(),
    }


def website_id(language_code):
    return absolute_url(f"/{language_code}/") + "#website"


def website(language_code):
    """The site in one language, with the search a search engine may offer in its results (SearchAction)."""
    with override(language_code):
        search = absolute_url(reverse("search"))
    return {
        "@type": "WebSite",
        "@id": website_id(language_code),
        "url": absolute_url(f"/{language_code}/"),
        "name": organisation_name(language_code),
        "alternateName": "SMART",
        "inLanguage": language_tag(language_code),
        "publisher": {"@id": organisation_id()},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{{SEARCH_TERM}}}"},
            "query-input": f"required name={SEARCH_TERM}",
        },
    }


def page_url(page):
    """The page's canonical absolute URL ("" when it has none)."""
    url = page.get_url()
    return absolute_url(url) if url else ""


def plain_description(page):
    """The page's description as plain text of at most 300 characters: its ``description`` (the search
    description or listing summary; a digest issue's summary), unless a page type's own ``description`` field (a
    job posting's rich text) hides it, then its search description or listing summary."""
    if isinstance(inspect.getattr_static(type(page), "description", None), property):
        value = page.description
    else:
        value = page.search_description or getattr(page, "listing_summary", "")
    return Truncator(" ".join(strip_tags(value or "").split())).chars(300)


def page_title(page):
    """The title a page goes by when shared: its SEO title, else its title; the home page: SMART's name."""
    if page.seo_title:
        return page.seo_title
    return organisation_name(page.locale.language_code) if page.depth <= 2 else page.title


def breadcrumb_list(page, trail):
    """The page's BreadcrumbList: ``trail`` (``[(title, url)]`` of its ancestors, as the breadcrumbs show them)
    then the page itself."""
    url = page_url(page)
    entries = [(title, absolute_url(link)) for title, link in trail if link] + [(page.title, url)]
    return {
        "@type": "BreadcrumbList",
        "@id": url + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": title, "item": link}
            for position, (title, link) in enumerate(entries, start=1)
        ],
    }


def web_page(page, trail=None):
    """The page as a schema.org WebPage, or the kind of WebPage its type names (``schema_page_type``)."""
    language = page.locale.language_code
    url = page_url(page)
    return compact(
        {
            "@type": getattr(page, "schema_page_type", "WebPage"),
            "@id": url + "#webpage",
            "url": url,
            "name": page_title(page),
            "description": plain_description(page) or None,
            "inLanguage": language_tag(language),
            "isPartOf": {"@id": website_id(language)},
            "datePublished": iso(page.first_published_at),
            "dateModified": iso(page.last_published_at),
            "breadcrumb": {"@id": url + "#breadcrumb"} if trail is not None else None,
            "primaryImageOfPage": share_image(page, with_id=False) if getattr(page, "listing_image_id", None) else None,
        }
    )


def page_graph(page, trail):
    """The JSON-LD graph of a page's head (see the module docstring); ``trail`` is its breadcrumb trail, None on
    the home page."""
    language = page.locale.language_code
    nodes = [web_page(page, trail)]
    if trail is not None:
        nodes.append(breadcrumb_list(page, trail))
    else:
        nodes += [website(language), organisation(language)]
    main = page.main_entity_ld() if hasattr(page, "main_entity_ld") else None
    if main:
        nodes.append(main)
    return {"@context": "https://schema.org", "@graph": nodes}


def share_image(page, with_id=True):
    """The picture shown when the page is shared: its listing image (1200×630), else SMART's card, as an
    ImageObject with its size and description."""
    image = getattr(page, "listing_image", None) if getattr(page, "listing_image_id", None) else None
    if image is not None:
        rendition = rendition_for(image, SHARE_RENDITION)
        if rendition is not None:
            alt = getattr(page, "listing_image_alt", "") or image.default_alt_text
            return {
                "@type": "ImageObject",
                "url": absolute_url(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "caption": alt or None,
            }
    path, width, height = SHARE_IMAGE
    return {
        "@type": "ImageObject",
        "url": absolute_url(static(path)),
        "width": width,
        "height": height,
        "caption": organisation_name(page.locale.language_code if page is not None else settings.LANGUAGE_CODE),
    }


def rendition_for(image, spec):
    """One rendition of ``image`` (remembered in the process, content.renditions), or None when its source file
    is missing or unreadable: a page never breaks for a picture."""
    try:
        rendition = renditions(image, [spec])[spec]
    except Exception:
        return None
    return None if rendition.file.name == NOT_FOUND else rendition


def image_url(image, spec=SHARE_RENDITION):
    if image is None:
        return None
    rendition = rendition_for(image, spec)
    return absolute_url(rendition.url) if rendition is not None else None


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

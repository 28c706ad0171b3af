"""What a page's head tells machines about it: its schema.org graph (``{% page_structured_data %}``) and the
OpenGraph and Twitter card tags that WeChat and other apps read when a link is shared (``{% social_meta %}``).

Both read only what the page view already has (the page and its images, loaded with it; the breadcrumb trail and
the language alternates, from ``content.lookups``), so they add no query to a page view.
"""

from django import template
from django.conf import settings
from django.utils import translation

from content import i18n, lookups
from content import structured_data as ld

register = template.Library()
OPEN_GRAPH_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}


def _page(context):
    page = context.get("page")
    return page if page is not None and i18n.is_page(page) and page.id and page.url else None


@register.filter
def plain_description(page):
    """The page's description as plain text (content.structured_data.plain_description)."""
    return ld.plain_description(page) if page is not None and i18n.is_page(page) else ""


@register.simple_tag(takes_context=True)
def page_structured_data(context):
    """The page's JSON-LD graph (content.structured_data.page_graph); nothing for a view that is not a page."""
    page = _page(context)
    if page is None:
        return ""
    trail = lookups.breadcrumbs(page, context.get("request")) if page.depth > 2 else None
    return ld.script(ld.page_graph(page, trail))


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    """OpenGraph and Twitter card values of the page (or, for another view, of the site at this address)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    page = _page(context)
    request = context.get("request")
    site_name = ld.organisation_name(language)
    if page is not None:
        title = ld.page_title(page)
        url = ld.page_url(page)
        description = ld.plain_description(page)
        kind = getattr(page, "open_graph_type", "website")
    else:
        title = site_name
        url = i18n.absolute_url(request.path) if request is not None else i18n.absolute_url(f"/{language}/")
        description = ""
        kind = "website"
    image = ld.share_image(page) if page is not None else ld.share_image(None)
    alternates = context.get("_smart_alternates") or []
    return {
        "title": title,
        "description": description,
        "url": url,
        "type": kind,
        "site_name": site_name,
        "locale": OPEN_GRAPH_LOCALES.get(language, language),
        "locale_alternates": [
            OPEN_GRAPH_LOCALES.get(alternate.code, alternate.code)
            for alternate in alternates
            if alternate.available and alternate.code != language
        ],
        "image": image,
        "image_alt": image.get("caption") or site_name,
        "published": ld.iso(page.first_published_at) if page is not None and kind == "article" else None,
        "modified": ld.iso(page.last_published_at) if page is not None and kind == "article" else None,
    }

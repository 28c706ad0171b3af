"""Template tags of the SMART theme: language switcher, hreflang, menu and footer."""

from django import template
from django.utils.translation import get_language

from content import i18n
from content.navigation import Footer, MainMenu

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Alternates of the page being rendered (cached in the context for the switcher and the head)."""
    if "_smart_alternates" in context:
        return context["_smart_alternates"]
    request = context.get("request")
    page = context.get("page")
    if page is not None and i18n.is_page(page) and page.id:
        alternates = i18n.page_alternates(page, request)
    elif request is not None:
        alternates = i18n.path_alternates(request)
    else:
        alternates = []
    context.dicts[0]["_smart_alternates"] = alternates
    return alternates


@register.simple_tag
def default_alternate(alternates):
    return i18n.default_alternate(alternates)


@register.filter
def hreflang(language_code):
    return i18n.hreflang(language_code or get_language())


@register.filter
def absolute(path):
    return i18n.absolute_url(str(path))


@register.simple_tag
def main_menu():
    return MainMenu.for_locale()


@register.simple_tag
def site_footer():
    return Footer.for_locale()


@register.simple_tag(takes_context=True)
def menu_links(context, stream):
    """Resolve a stream of menu items to (label, url, active) for live pages only."""
    request = context.get("request")
    current = context.get("page")
    current_path = getattr(current, "url_path", "") or ""
    links = []
    for block in stream:
        page = block.value["page"]
        if page is None or not page.live:
            continue
        page = page.specific_deferred if hasattr(page, "specific_deferred") else page
        label = block.value.get("label") or page.title
        active = bool(current_path) and current_path.startswith(page.url_path) and page.depth > 2
        links.append(
            {
                "label": label,
                "url": page.get_url(request=request),
                "active": active,
                "current": current is not None and current.pk == page.pk,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def latest_news(context, count):
    """The newest live, public news articles in the language of the page being shown."""
    from content.models import NewsArticlePage

    page = context.get("page")
    articles = NewsArticlePage.objects.live().public().defer_streamfields().select_related("listing_image")
    if page is not None and getattr(page, "locale_id", None):
        articles = articles.filter(locale_id=page.locale_id)
    return list(articles.order_by("-date", "-pk")[: int(count)])

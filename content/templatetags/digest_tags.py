"""Template tags of the digest: feed discovery links for every page head, clean rich text, archive URLs."""

from django import template
from django.db import DatabaseError
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from wagtail.rich_text import expand_db_html

from content import lookups
from content.html_clean import clean_html
from content.pages.digest.feed_links import feed_link_tags

register = template.Library()


def _series_id(page):
    from content.pages.digest import DigestIndexPage, DigestIssuePage

    if isinstance(page, DigestIndexPage):
        return page.pk
    if isinstance(page, DigestIssuePage):
        return lookups.parent_id(page) if page.path else None
    return None


@register.simple_tag(takes_context=True)
def digest_feed_links(context):
    """<link rel="alternate"> to the RSS and Atom feeds of every live digest series.

    The series of the page being shown comes first, then the feeds in the page's language, then the others,
    so a feed reader given any page (the home page included) finds the digest in each language.
    """
    page = context.get("page")
    language = lookups.language_of(page) or get_language()
    try:
        links = feed_link_tags(_series_id(page), language)
    except DatabaseError:  # an error page rendered while the database is unavailable
        return ""
    if not links:
        return ""
    return format_html_join(
        "\n",
        '<link rel="alternate" type="{}" title="{}" href="{}" hreflang="{}">',
        ((link["type"], link["title"], link["href"], link["hreflang"]) for link in links),
    ) + mark_safe("\n")


@register.filter
def digest_clean(value):
    """Rich text (database format or HTML) expanded and sanitised: no script, handler or javascript: URL."""
    if not value:
        return ""
    source = getattr(value, "source", value)
    return mark_safe(clean_html(expand_db_html(str(source))))  # noqa: S308 - cleaned by nh3 just above


@register.simple_tag
def digest_source_line(item, link=True):
    """ "Source: <outlet>, <date>" in the active language, the outlet linked when it has a safe URL."""
    if link and item.source_url:
        source = format_html('<a href="{}" rel="external noopener">{}</a>', item.source_url, item.source_name)
    else:
        source = conditional_escape(item.source_name)
    if item.source_date:
        pattern = pgettext("digest item", "Source: %(source)s, %(date)s")
        values = {"source": source, "date": conditional_escape(date_format(item.source_date, "DATE_FORMAT"))}
    else:
        pattern = pgettext("digest item", "Source: %(source)s")
        values = {"source": source}
    return mark_safe(conditional_escape(pattern) % values)  # noqa: S308 - every part escaped above


@register.simple_tag
def digest_archive_url(index, year=None):
    """URL of the archive of a digest index (all years, or one year)."""
    return index.archive_url(year)

"""RSS 2.0 and Atom 1.0 feeds of the digest, built with feedgen (the links to them in every page's head:
``feed_links``).

Plain functions: ``build_rss(index)`` / ``build_atom(index)`` return the feed bytes (the static-site
generator calls them too); ``feed_response(index, request, kind)`` serves a cached feed with ETag,
Last-Modified and 304 answers. Cached feeds are kept under the one generation of public content
(``content.publishing``): they are built again after anything public changes (a digest page published, unpublished,
moved, deleted or made private, a field of medicine, a PDF edition, ...); ``invalidate_feeds()`` moves it on.
"""

import datetime
import hashlib
import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

from content import publishing
from content.html_clean import clean_html, xml_text
from content.i18n import absolute_url, hreflang, page_absolute_url
from content.taxonomy import FieldOfMedicine

CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
FEED_LABELS = {"rss": "RSS 2.0", "atom": "Atom"}
# The tag: URI authority of every feed and entry id. Fixed forever: ids must not change when the site moves.
ID_AUTHORITY = getattr(settings, "DIGEST_FEED_ID_AUTHORITY", "smart.org.cn,2023")
CACHE_TIMEOUT = 24 * 60 * 60
# How long browsers and proxies may keep a feed before asking again (seconds).
CLIENT_MAX_AGE = 300
FEED_IMAGE = "smart/img/digest-feed.png"
FEED_CONTENT_TEMPLATE = "content/digest_feed_entry.html"
# When nothing else dates a feed (an index never published): SMART's founding day.
_FALLBACK_DATE = datetime.datetime(2023, 11, 21, 10, 0, tzinfo=datetime.UTC)


class DigestFeedEntry(FeedEntry):
    """feedgen's entry, with Atom entry links written in full.

    feedgen 1.0.0 drops rel, type, hreflang and length from an Atom entry's links (the loop variable is
    shadowed), which would turn the PDF enclosure into a second "alternate" link. Rewrite them here.
    """

    def atom_entry(self, extensions=True):
        entry = super().atom_entry(extensions=extensions)
        for element in entry.findall("link"):
            entry.remove(element)
        for data in self.link() or []:
            element = etree.SubElement(entry, "link", href=data["href"])
            for attribute in ("rel", "type", "hreflang", "title", "length"):
                if data.get(attribute):
                    element.set(attribute, str(data[attribute]))
        return entry


def issue_guid(issue):
    """tag:smart.org.cn,2023:digest/<translation key>/<locale>: same for every revision, title and place."""
    return f"tag:{ID_AUTHORITY}:digest/{issue.translation_key}/{issue.locale.language_code}"


def series_id(index):
    return f"tag:{ID_AUTHORITY}:digest-series/{index.translation_key}/{index.locale.language_code}"


def local(value):
    """A datetime in the site's time zone (Asia/Shanghai, +08:00)."""
    return timezone.localtime(value).replace(microsecond=0) if value is not None else None


def _publisher_name():
    return gettext("Shenzhen Medical Academy of Research and Translation")


def _feed_image_url(index):
    if index.feed_image_id:
        rendition = index.feed_image.get_rendition("fill-144x144|format-png")
        return absolute_url(rendition.url)
    return absolute_url(static(FEED_IMAGE))


def _home_url(index):
    home = index.get_parent()
    return page_absolute_url(home) if home is not None and home.depth > 1 else absolute_url("/")


def _entry_content(issue, issue_url, items):
    html = render_to_string(FEED_CONTENT_TEMPLATE, {"issue": issue, "issue_url": issue_url, "items": items})
    return clean_html(html, base_url=issue_url)


def _enclosure(document):
    """(absolute URL, length in bytes, MIME type) of a Wagtail document, or None if its file is missing."""
    try:
        length = document.get_file_size()
    except OSError:
        return None
    if not length:
        return None
    mime = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    return absolute_url(document.url), length, mime


def _generator(index, kind):
    """A FeedGenerator for the index's newest live, public issues (as the ``kind`` feed: its self link), and the
    feed's modification time."""

    language = index.locale.language_code
    with translation.override(language):
        index_url = page_absolute_url(index)
        issues = list(index.feed_issues())
        fields_by_key = FieldOfMedicine.for_locale(index.locale_id)
        dates = [issue.last_published_at or issue.first_published_at for issue in issues]
        dates.append(index.last_published_at or index.first_published_at)
        updated = local(max((d for d in dates if d is not None), default=None) or _FALLBACK_DATE)

        fg = FeedGenerator()
        fg.load_extension("dc", atom=False, rss=True)
        fg.id(series_id(index))
        fg.title(xml_text(index.title))
        description = (
            index.search_description
            or index.listing_summary
            or gettext("The monthly digest of global medical science and technology news from SMART.")
        )
        fg.description(xml_text(description))
        fg.subtitle(xml_text(description))
        # The self link first: feedgen writes the last link it was given as the RSS channel's <link>, which must
        # be the website (the digest's page), not the feed (RSS 2.0; the W3C feed validator checks it).
        fg.link(href=index.feed_url(kind), rel="self", type=CONTENT_TYPES[kind].split(";")[0])
        fg.link(href=index_url, rel="alternate", type="text/html")
        fg.language(hreflang(language))
        fg.author({"name": _publisher_name(), "uri": _home_url(index)})
        fg.dc.dc_publisher(_publisher_name())
        fg.rights(
            xml_text(
                gettext("© %(year)s Shenzhen Medical Academy of Research and Translation") % {"year": updated.year}
            )
        )
        image_url = _feed_image_url(index)
        fg.image(url=image_url, title=xml_text(index.title), link=index_url, width="144", height="144")
        fg.icon(image_url)
        fg.generator("SMART website (python-feedgen)")
        fg.ttl(720)
        fg.updated(updated)
        if issues:
            fg.pubDate(local(issues[0].first_published_at or issues[0].last_published_at))

        for issue in issues:
            issue_url = page_absolute_url(issue)
            items = issue.digest_items(fields_by_key)
            entry = fg.add_entry(DigestFeedEntry(), order="append")
            entry.id(issue_guid(issue))
            entry.title(xml_text(issue.title))
            entry.link(href=issue_url, rel="alternate", type="text/html", hreflang=hreflang(language))
            entry.summary(xml_text(issue.summary_text or issue.title))
            entry.content(_entry_content(issue, issue_url, items), type="html")
            published = local(issue.first_published_at or issue.last_published_at or updated)
            entry.published(published)
            entry.updated(local(issue.last_published_at) or published)
            entry.dc.dc_creator(_publisher_name())
            seen = set()
            for item in items:
                if item.field is not None and item.field.translation_key not in seen:
                    seen.add(item.field.translation_key)
                    name = xml_text(item.field.name)
                    entry.category(term=name, label=name, scheme=f"{index_url}?field={item.field.slug}")
            if issue.pdf_edition_id and issue.pdf_edition is not None:
                enclosure = _enclosure(issue.pdf_edition)
                if enclosure:
                    url, length, mime = enclosure
                    entry.enclosure(url=url, length=length, type=mime)
    return fg, updated


def build_rss(index, request=None):
    """The RSS 2.0 feed of a digest index, as UTF-8 bytes. ``request`` is unused: URLs use SITE_BASE_URL."""
    fg, _updated = _generator(index, "rss")
    return fg.rss_str(pretty=False)


def build_atom(index, request=None):
    """The Atom 1.0 feed of a digest index, as UTF-8 bytes."""
    fg, _updated = _generator(index, "atom")
    return fg.atom_str(pretty=False)


BUILDERS = {"rss": build_rss, "atom": build_atom}


# Caching and HTTP
@dataclass
class CachedFeed:
    body: bytes
    etag: str
    last_modified: int


def invalidate_feeds():
    """Forget every cached feed and feed link list: the one generation of public content moves on."""
    publishing.bump()


def cache_key(index, kind):
    return f"digest-feeds:{publishing.current_generation()}:{index.pk}:{kind}"


def get_feed(index, kind):
    """The feed bytes with their ETag and Last-Modified time, from the cache or freshly built."""
    key = cache_key(index, kind)
    cached = cache.get(key)
    if cached is not None:
        return cached
    fg, updated = _generator(index, kind)
    body = fg.rss_str(pretty=False) if kind == "rss" else fg.atom_str(pretty=False)
    last_modified = max(int(updated.timestamp()), publishing.changed_at())
    feed = CachedFeed(body=body, etag=f'"{hashlib.sha256(body).hexdigest()[:40]}"', last_modified=last_modified)
    cache.set(key, feed, CACHE_TIMEOUT)
    return feed


def feed_response(index, request, kind):
    """Serve a feed: content type with charset, ETag, Last-Modified, and 304 Not Modified when unchanged."""
    feed = get_feed(index, kind)
    response = HttpResponse(feed.body, content_type=CONTENT_TYPES[kind])
    response["ETag"] = feed.etag
    response["Last-Modified"] = http_date(feed.last_modified)
    response["Content-Length"] = str(len(feed.body))
    patch_cache_control(response, public=True, max_age=CLIENT_MAX_AGE)
    return get_conditional_response(request, etag=feed.etag, last_modified=feed.last_modified, response=response)

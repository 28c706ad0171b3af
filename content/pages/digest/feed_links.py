"""The digest's feeds as every page's head links to them (``<link rel="alternate">``): each live, public series in
each language, with its RSS and Atom addresses."""

from content import lookups
from content.i18n import hreflang

from .feeds import CONTENT_TYPES, FEED_LABELS
from .models import DigestIndexPage


def feed_links():
    """Every live, public digest series: [{index_id, language, title, rss, atom}], for every page's head.

    Kept with ``content.lookups`` (remembered in each process until a page is published, unpublished, moved or
    deleted, or a view restriction changes), so that a page view costs no cache round trip for it."""
    return lookups.cached("digest-feed-links", _build_feed_links)


def _build_feed_links():
    links = []
    for index in DigestIndexPage.objects.live().public().select_related("locale").order_by("path"):
        if index.get_url_parts() is None:
            continue
        links.append(
            {
                "index_id": index.pk,
                "language": index.locale.language_code,
                "hreflang": hreflang(index.locale.language_code),
                "title": index.title,
                "rss": index.feed_url("rss"),
                "atom": index.feed_url("atom"),
            }
        )
    return links


def feed_link_tags(current_index_id=None, language=None):
    """The <link rel="alternate"> data for a page head: the page's own series first, then its language."""
    links = feed_links()

    def order(link):
        return (link["index_id"] != current_index_id, link["language"] != language)

    result = []
    for link in sorted(links, key=order):
        for kind in ("rss", "atom"):
            result.append(
                {
                    "type": CONTENT_TYPES[kind].split(";")[0],
                    "title": f"{link['title']} ({FEED_LABELS[kind]})",
                    "href": link[kind],
                    "hreflang": link["hreflang"],
                }
            )
    return result

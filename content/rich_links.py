"""Rich text page links resolved from a cached lookup instead of two queries per rich text field.

Wagtail's ``PageLinkHandler`` loads the linked pages (two queries: the pages, then their specific types) and
writes each link to the page's translation in the active language through ``page.localized`` (one more query
per link). This handler asks ``content.lookups.page_urls`` for the same URLs: the linked page's live
translation in the active language, or the page itself; kept until the next publish, move or deletion.
Registered for the ``page`` link type in ``content.wagtail_hooks`` (after Wagtail's own).
"""

from django.utils.html import format_html
from wagtail.rich_text.pages import PageLinkHandler

from content import lookups


def _page_id(attrs):
    try:
        return int(attrs.get("id"))
    except (TypeError, ValueError):
        return None


class LocalizedPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = [_page_id(attrs) for attrs in attrs_list]
        urls = lookups.page_urls([pk for pk in ids if pk is not None])
        tags = []
        for pk in ids:
            url = urls.get(pk)
            tags.append(format_html('<a href="{}">', url) if url else "<a>")
        return tags

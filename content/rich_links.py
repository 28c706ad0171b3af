"""Rich text page links resolved without a locale query per link.

Wagtail's ``PageLinkHandler`` writes each link to the page's translation in the active language through
``page.localized``, which looks the active locale up in the database once per link. This handler takes the
active locale from ``content.lookups`` (cached) and asks for a translation only when the linked page is in
another language. Registered for the ``page`` link type in ``content.wagtail_hooks`` (after Wagtail's own).
"""

from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.rich_text.pages import PageLinkHandler

from content import lookups


class LocalizedPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        active = lookups.locale_ids().get(get_language())
        tags = []
        for page in cls.get_many(attrs_list):
            if page is None:
                tags.append("<a>")
                continue
            target = page if active is None or page.locale_id == active else page.localized
            tags.append(format_html('<a href="{}">', target.url))
        return tags

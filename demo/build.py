"""Small builders for demo content: StreamField blocks in their stored (JSON) form, and rich-text HTML.

Text modules describe pages as functions of a `Blocks` object bound to one language, so that links,
images and documents resolve to the objects of that language (the English body links English pages).
"""

from dataclasses import dataclass, field

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _html(*parts):
    """Join text and HTML: plain strings are escaped, strings from format_html/mark_safe are kept."""
    return "".join(str(conditional_escape(part)) for part in parts)


def p(*parts):
    return mark_safe(f"<p>{_html(*parts)}</p>")


def b(*parts):
    return mark_safe(f"<b>{_html(*parts)}</b>")


def ul(*items):
    return mark_safe("<ul>" + "".join(f"<li>{_html(*_as_parts(item))}</li>" for item in items) + "</ul>")


def ol(*items):
    return mark_safe("<ol>" + "".join(f"<li>{_html(*_as_parts(item))}</li>" for item in items) + "</ol>")


def h3(text):
    return mark_safe(f"<h3>{_html(text)}</h3>")


def _as_parts(item):
    return item if isinstance(item, tuple) else (item,)


@dataclass
class Blocks:
    """Block builders bound to one language's pages, plus the shared images and documents."""

    lang: str
    pages: dict = field(default_factory=dict)  # key -> page in this language
    images: dict = field(default_factory=dict)  # key -> wagtail image
    documents: dict = field(default_factory=dict)  # (key, lang) -> wagtail document

    # -- references -------------------------------------------------------------------------
    def page(self, key):
        try:
            return self.pages[key]
        except KeyError:
            raise KeyError(f"Demo content refers to an unknown page {key!r} ({self.lang})") from None

    def link(self, key, text=None):
        """A rich-text link to a page of this language (Wagtail's stored form)."""
        page = self.page(key)
        return format_html('<a linktype="page" id="{}">{}</a>', page.pk, text or page.title)

    def document_link(self, key, text):
        document = self.documents[(key, self.lang)]
        return format_html('<a linktype="document" id="{}">{}</a>', document.pk, text)

    # -- body blocks ----------------------------------------------------------------------------
    @staticmethod
    def heading(text):
        return {"type": "heading", "value": str(text)}

    @staticmethod
    def rich(*html):
        for part in html:
            if not isinstance(part, SafeString):
                raise TypeError("rich() takes HTML built with p(), ul(), ol() or h3()")
        return {"type": "paragraph", "value": "".join(html)}

    def image(self, key, alt, caption=""):
        return {
            "type": "image",
            "value": {
                "image": {"image": self.images[key].pk, "decorative": False, "alt_text": alt},
                "caption": caption,
            },
        }

    @staticmethod
    def table(rows, caption, header_column=False):
        """A table whose first row holds the column headings."""
        rows = [[str(cell) for cell in row] for row in rows]
        return {
            "type": "table",
            "value": {
                "data": rows,
                "table_caption": caption,
                "first_row_is_table_header": True,
                "first_col_is_header": header_column,
                "table_header_choice": "both" if header_column else "row",
                "cell": [],
                "mergeCells": [],
            },
        }

    def cta(self, title, text, button, page=None, url=None):
        return {
            "type": "call_to_action",
            "value": {
                "title": title,
                "text": text,
                "button_label": button,
                "link": {"page": self.page(page).pk if page else None, "url": url or ""},
            },
        }

    def document(self, key, label):
        return {"type": "document", "value": {"document": self.documents[(key, self.lang)].pk, "label": label}}

    # -- home page blocks ------------------------------------------------------------------------
    def highlights(self, heading, items):
        """items: (title, text, page key or None)."""
        return {
            "type": "highlights",
            "value": {
                "heading": heading,
                "items": [
                    {"title": title, "text": text, "page": self.page(key).pk if key else None}
                    for title, text, key in items
                ],
            },
        }

    @staticmethod
    def key_figures(heading, figures, note=""):
        """figures: (value, label)."""
        return {
            "type": "key_figures",
            "value": {
                "heading": heading,
                "figures": [{"value": value, "label": label} for value, label in figures],
                "note": note,
            },
        }

    @staticmethod
    def latest_news(heading, count=3):
        return {"type": "latest_news", "value": {"heading": heading, "count": count}}

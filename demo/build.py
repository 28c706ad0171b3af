"""The one builder of demo page content: the blocks of a page body as the data files write them
(``demo/data/pages/*.json``), turned into StreamField blocks in their stored (JSON) form, and references by key
turned into the objects of one language (the English body links English pages).

The format of a body: a list of blocks, each an object with a ``type`` and that type's fields::

    {"type": "heading", "text": "…"}
    {"type": "paragraph", "html": "<p>…</p>"}            # or a list of top-level elements, joined
    {"type": "image", "image": "news", "alt": "…", "caption": "…"}   # caption optional
    {"type": "table", "caption": "…", "rows": [["heading", …], [cell, …], …], "header_column": true}
    {"type": "call_to_action", "title": "…", "text": "…", "button": "…", "page": "careers"}   # or "url"
    {"type": "document", "document": "work-report", "label": "…"}
    {"type": "highlights", "heading": "…", "items": [{"title": "…", "text": "…", "page": "about"}, …]}
    {"type": "key_figures", "heading": "…", "figures": [{"value": "…", "label": "…"}, …], "note": "…"}
    {"type": "latest_news", "heading": "…", "count": 3}
    {"type": "report", "report": "report_2023", "sections": [0, 2]}   # sections 0 and 1 of a report, see below

Rich text links a page or a document by key: ``<a page="funding/smart-investigator">SMART Investigator</a>``
(an empty link shows the page's title), ``<a document="work-report">…</a>``. Page keys are slug paths below the
home page ("about/mission"; "home" for the home page), image keys those of ``demo/data/images.json``, document
keys those of ``demo.documents``. An apostrophe in rich text is stored escaped (``&#x27;``), as Django escapes
it; the data files write it plainly. A field value (outside a body) may be a reference too: ``{"page": key}``,
``{"image": key}``, ``{"document": key}``, ``{"call": code}`` (a call of the grants demo, None when the grants
demo is not loaded) or ``{"report_intro": name}`` (a report's introduction).

A report (``demo/data/reports.json``, which also makes its PDF summary: ``demo.documents``) is written once there:
a ``report`` block stands for the given range of its sections, each a heading and its items (a numbered list, each
item's lead in bold, or paragraphs when no item has a lead), or a numbered heading and its text.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html

from .documents import REPORTS

LINK = re.compile(r'<a (page|document)="([^"]+)">(</a>)?')
REPORT_LEAD_END = {"zh": "。", "en": ". "}  # after an item's lead, inside the bold


@dataclass
class Blocks:
    """The builder bound to one language's pages, plus the shared images and documents."""

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

    def document(self, key):
        return self.documents[(key, self.lang)]

    def reference(self, value):
        """The object a field value names: {"page": key}, {"image": key}, {"document": key} or {"call": code}."""
        ((kind, key),) = value.items()
        if kind == "page":
            return self.page(key)
        if kind == "image":
            return self.images[key]
        if kind == "document":
            return self.document(key)
        if kind == "call":
            from records.grants.models import Call

            return Call.objects.filter(code=key).first()
        if kind == "report_intro":
            return REPORTS[f"{key}_intro"][self.lang]
        raise ValueError(f"Unknown reference {value!r}")

    def html(self, html):
        """Rich text in Wagtail's stored form: links by key become links to this language's objects."""
        if isinstance(html, list):
            html = "".join(html)

        def link(match):
            kind, key, empty = match.groups()
            if kind == "page":
                page = self.page(key)
                if empty:
                    return format_html('<a linktype="page" id="{}">{}</a>', page.pk, page.title)
                return f'<a linktype="page" id="{page.pk}">'
            return f'<a linktype="document" id="{self.document(key).pk}">' + (empty or "")

        return LINK.sub(link, html.replace("'", "&#x27;"))

    # -- blocks -----------------------------------------------------------------------------------
    def body(self, blocks):
        """The stored StreamField data of a body written as data."""
        return [self.block(block) for data in blocks for block in self.expand(data)]

    def expand(self, data):
        """The blocks a block of the data stands for: itself, or a report's sections."""
        if data["type"] != "report":
            return [data]
        first, end = data["sections"]
        blocks = []
        for number, section in enumerate(REPORTS[data["report"]][self.lang][first:end], start=first + 1):
            if "text" in section:  # a numbered task: its heading and its text
                blocks.append({"type": "heading", "text": f"{number}. {section['heading']}"})
                blocks.append({"type": "paragraph", "html": f"<p>{escape(section['text'])}</p>"})
                continue
            blocks.append({"type": "heading", "text": section["heading"]})
            items = section["items"]
            if any(item["lead"] for item in items):
                end_of_lead = REPORT_LEAD_END[self.lang]
                html = "".join(
                    f"<li><b>{escape(item['lead'])}{end_of_lead}</b>{escape(item['text'])}</li>" for item in items
                )
                blocks.append({"type": "paragraph", "html": f"<ol>{html}</ol>"})
            else:
                blocks.append({"type": "paragraph", "html": [f"<p>{escape(item['text'])}</p>" for item in items]})
        return blocks

    def block(self, data):
        kind = data["type"]
        if kind == "heading":
            value = data["text"]
        elif kind == "paragraph":
            value = self.html(data["html"])
        elif kind == "image":
            value = {
                "image": {"image": self.images[data["image"]].pk, "decorative": False, "alt_text": data["alt"]},
                "caption": data.get("caption", ""),
            }
        elif kind == "table":
            header_column = data.get("header_column", False)
            value = {
                "data": data["rows"],
                "table_caption": data["caption"],
                "first_row_is_table_header": True,
                "first_col_is_header": header_column,
                "table_header_choice": "both" if header_column else "row",
                "cell": [],
                "mergeCells": [],
            }
        elif kind == "call_to_action":
            value = {
                "title": data["title"],
                "text": data["text"],
                "button_label": data["button"],
                "link": {"page": self.page(data["page"]).pk if "page" in data else None, "url": data.get("url", "")},
            }
        elif kind == "document":
            value = {"document": self.document(data["document"]).pk, "label": data["label"]}
        elif kind == "highlights":
            value = {
                "heading": data["heading"],
                "items": [
                    {
                        "title": item["title"],
                        "text": item["text"],
                        "page": self.page(item["page"]).pk if "page" in item else None,
                    }
                    for item in data["items"]
                ],
            }
        elif kind == "key_figures":
            value = {"heading": data["heading"], "figures": data["figures"], "note": data.get("note", "")}
        elif kind == "latest_news":
            value = {"heading": data["heading"], "count": data["count"]}
        else:
            raise ValueError(f"Unknown demo block type {kind!r}")
        return {"type": kind, "value": value}

"""What a page contributes to the index, read generically so that page types added later need no change here.

A page gives: its title; its summary (search_description or listing_summary, then intro); its body (every
StreamField through the blocks' get_searchable_content, every rich-text field, every field the model lists
in search_fields, the text of PDF documents it links to through a foreign key); its tags; a date and year;
a section; and its content type. Optional hooks on a page model: search_extra_text() (a string or a list of
strings added to the body), search_section (attribute or method), search_date (attribute or method),
search_exclude = True (never indexed).
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index as wagtail_index

logger = logging.getLogger(__name__)

# Text fields that are never content (image alternative texts are kept: they describe content).
_SKIPPED_FIELDS = {"title", "draft_title", "slug", "url_path", "seo_title", "search_description", "listing_summary"}
# Two texts this alike (difflib's ratio) say the same thing: a summary and an intro, two sentences of a snippet.
SIMILAR = 0.75
# Cap on the text taken from one page (PDF text included), in characters.
MAX_BODY_CHARS = 200_000
# Date attributes looked for, in order, before first_published_at.
_DATE_ATTRIBUTES = (
    "search_date",
    "date",
    "publication_date",
    "published_on",
    "issue_month",
    "issue_date",
    "start_date",
    "starts_at",
    "start",
    "posted_on",
)


@dataclass
class DocumentData:
    """One index document: a live public page in its own locale."""

    page_id: int
    locale: str
    url: str
    title: str
    summary: str
    body: str
    content_type: str  # the model label, e.g. "content.newsarticlepage"
    section: str = ""
    date: datetime.date | None = None
    tags: list = field(default_factory=list)

    @property
    def year(self):
        return self.date.year if self.date else None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    source = getattr(value, "source", None)  # RichText
    if isinstance(source, str):
        return get_text_for_indexing(source)
    return str(value)


def _plain_field(page, name):
    """The text of a page's field, markup removed when it is a rich-text field."""
    value = getattr(page, name, "")
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, RichTextField) and isinstance(value, str):
        return get_text_for_indexing(value)
    return _text(value)


def _repeats(text, other):
    """Whether ``text`` says again what ``other`` says (the same words, or nearly: an intro restating the
    summary)."""
    a, b = " ".join(text.split()), " ".join((other or "").split())
    if not a or not b:
        return False
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= SIMILAR


def _call(value):
    return value() if callable(value) else value


def content_type_label(page):
    return page.specific_class._meta.label_lower if page.specific_class else page._meta.label_lower


def page_date(page):
    """The date a page's content is of (a news article's date, a white paper's publication, an event's start):
    its year is the one the search's year filter counts. Pages with no date of their own (general pages,
    listings) have none: when they were published in the site (a demo's load date) says nothing of their
    content."""
    for name in _DATE_ATTRIBUTES:
        value = _call(getattr(page, name, None))
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, datetime.date):
            return value
    return None


def page_section(page):
    section = _call(getattr(page, "search_section", None))
    if section:
        return str(section)
    # The child of the locale's home page that this page sits under (its own title at that depth).
    if page.depth <= 2:
        return ""
    if page.depth == 3:
        return page.title
    ancestor = Page.objects.ancestor_of(page).filter(depth=3).only("title").first()
    return ancestor.title if ancestor else ""


def page_tags(page):
    manager = getattr(page, "tags", None)
    if manager is None or not hasattr(manager, "all"):
        return []
    try:
        return sorted({str(tag.name) for tag in manager.all()})
    except (AttributeError, ValueError):
        return []


def pdf_text(document):
    """The text of a PDF document (cached by file name and size); empty if it cannot be read."""
    file = getattr(document, "file", None)
    name = getattr(file, "name", "") or ""
    if not name.lower().endswith(".pdf"):
        return ""
    try:
        size = file.size
    except (OSError, ValueError):
        return ""
    key = "search:pdf:" + hashlib.sha256(f"{name}:{size}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    parts = []
    total = 0
    try:
        with file.open("rb") as handle:
            reader = PdfReader(handle)
            for pdf_page in reader.pages:
                text = pdf_page.extract_text() or ""
                parts.append(text)
                total += len(text)
                if total > MAX_BODY_CHARS:
                    break
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("search: could not read the text of %s: %s", name, error)
        return ""
    text = "\n".join(parts)[:MAX_BODY_CHARS]
    cache.set(key, text, 24 * 3600)
    return text


def _is_document_fk(model_field):
    from wagtail.documents.models import AbstractDocument

    related = getattr(model_field, "related_model", None)
    return (
        isinstance(model_field, models.ForeignKey)
        and isinstance(related, type)
        and issubclass(related, AbstractDocument)
    )


def body_parts(page):
    """Body texts of a page, from its fields, its hooks and its PDFs."""
    parts = []
    names = set()
    for model_field in page._meta.get_fields():
        if not getattr(model_field, "concrete", False) or model_field.name in _SKIPPED_FIELDS:
            continue
        if isinstance(model_field, StreamField):
            value = getattr(page, model_field.name)
            parts.extend(model_field.stream_block.get_searchable_content(value))
            names.add(model_field.name)
        elif isinstance(model_field, RichTextField):
            parts.append(get_text_for_indexing(getattr(page, model_field.name) or ""))
            names.add(model_field.name)
        elif model_field.name == "intro":
            names.add("intro")  # part of the summary
        elif _is_document_fk(model_field):
            document = getattr(page, model_field.name)
            if document is not None:
                parts.append(getattr(document, "title", ""))
                parts.append(pdf_text(document))
    for search_field in getattr(page, "search_fields", []):
        if isinstance(search_field, wagtail_index.SearchField):
            name = search_field.field_name
            if name in names or name in _SKIPPED_FIELDS or name == "intro":
                continue
            names.add(name)
            value = getattr(page, name, None)
            if value is None or isinstance(value, models.Model) or hasattr(value, "all"):
                continue
            parts.append(_text(_call(value)))
    extra = getattr(page, "search_extra_text", None)
    if callable(extra):
        value = extra()
        if isinstance(value, (list, tuple)):
            parts.extend(_text(v) for v in value)
        else:
            parts.append(_text(value))
    return [p for p in parts if p and p.strip()]


def page_summary(page):
    """A page's summary: its search description (else its listing summary), then its intro unless it says the
    same."""
    summary_parts = [page.search_description or getattr(page, "listing_summary", "") or ""]
    intro = _plain_field(page, "intro")
    if intro and not _repeats(intro, summary_parts[0]):
        summary_parts.append(intro)
    return "\n".join(p for p in summary_parts if p).strip()


def page_document(page, url=None, body=True):
    """The DocumentData of a (specific) page: the one definition of a page's search document, for the index and
    for the static site's search data (``body=False``: title, summary, date and type only, the body, section and
    tags left empty). The caller checks that the page may be indexed."""
    page = page.specific
    return DocumentData(
        page_id=page.pk,
        locale=page.locale.language_code,
        url=url if url is not None else (page.get_url() or ""),
        title=page.title,
        summary=page_summary(page),
        body="\n".join(body_parts(page))[:MAX_BODY_CHARS] if body else "",
        content_type=content_type_label(page),
        section=page_section(page) if body else "",
        date=page_date(page),
        tags=page_tags(page) if body else [],
    )

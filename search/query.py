"""search.query: searching and suggesting, the same for every engine.

search(q, locale, include_other=False, content_type=None, year=None, page=1) -> Results
suggest(prefix, locale) -> list of {"title", "url", "locale"}
"""

import logging
import math
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.translation import override
from wagtail.models import Page, get_page_models

from .engines import RawResults, get_engine
from .index import indexable_model
from .text import MAX_QUERY_CHARS, highlight, parse_query, snippet

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_QUERY_CHARS_READ = 1000  # characters read from a request parameter (the parser keeps fewer)
MAX_PAGE = 50  # deeper pages are not offered: refine the query instead
MIN_YEAR, MAX_YEAR = 1900, 2200
SUGGESTIONS = 8
_LABEL = re.compile(r"^[a-z0-9_]{1,50}\.[a-z0-9_]{1,50}$")


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def clean_locale(value):
    return value if value in language_codes() else settings.LANGUAGE_CODE


def clean_content_type(value):
    value = (value or "").strip().lower()
    return value if _LABEL.match(value) else None


def clean_year(value):
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def clean_page(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def content_types():
    """The labels a search can be narrowed to (``content_type``): every page type that may be in the index."""
    return sorted(
        model._meta.label_lower for model in get_page_models() if model is not Page and indexable_model(model)
    )


def content_type_name(label):
    """What visitors call a page model's pages ("content.newsarticlepage" -> 新闻), translated: the model's
    ``search_type_label`` if it has one, else its verbose name."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    return str(getattr(model, "search_type_label", None) or model._meta.verbose_name)


@dataclass
class Hit:
    page_id: int
    url: str
    locale: str
    title: str
    title_html: str
    snippet_html: str
    content_type: str
    content_type_name: str
    section: str = ""
    date: object = None
    tags: list = field(default_factory=list)
    other_language: bool = False


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool = False


@dataclass
class Results:
    query: str
    locale: str
    include_other: bool = False
    content_type: str | None = None
    year: int | None = None
    page: int = 1
    per_page: int = PER_PAGE
    total: int = 0
    hits: list = field(default_factory=list)
    content_types: list = field(default_factory=list)
    years: list = field(default_factory=list)
    searched: bool = False  # False when the query had no searchable term
    error: bool = False  # the engine failed; the page says so instead of showing an error

    @property
    def num_pages(self):
        return min(MAX_PAGE, max(1, math.ceil(self.total / self.per_page)))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def start_index(self):
        return (self.page - 1) * self.per_page + 1 if self.hits else 0

    @property
    def end_index(self):
        return self.start_index + len(self.hits) - 1 if self.hits else 0

    def as_dict(self):
        return {
            "query": self.query,
            "locale": self.locale,
            "include_other": self.include_other,
            "content_type": self.content_type,
            "year": self.year,
            "page": self.page,
            "per_page": self.per_page,
            "num_pages": self.num_pages,
            "total": self.total,
            "results": [
                {
                    "page_id": hit.page_id,
                    "title": hit.title,
                    "url": hit.url,
                    "locale": hit.locale,
                    "content_type": hit.content_type,
                    "content_type_name": hit.content_type_name,
                    "section": hit.section,
                    "date": hit.date.isoformat() if hit.date else None,
                    "tags": hit.tags,
                    "title_html": str(hit.title_html),
                    "snippet_html": str(hit.snippet_html),
                }
                for hit in self.hits
            ],
            "facets": {
                "content_types": [
                    {"value": f.value, "label": f.label, "count": f.count, "selected": f.selected}
                    for f in self.content_types
                ],
                "years": [{"value": f.value, "count": f.count, "selected": f.selected} for f in self.years],
            },
        }


def search(q, locale, include_other=False, content_type=None, year=None, page=1, per_page=PER_PAGE):
    """Search the public index in the visitor's language (and the other languages with include_other)."""
    locale = clean_locale(locale)
    content_type = clean_content_type(content_type)
    year = clean_year(year)
    page = clean_page(page)
    parsed = parse_query(q or "")
    results = Results(
        query=" ".join((q or "")[:MAX_QUERY_CHARS].split()),
        locale=locale,
        include_other=bool(include_other),
        content_type=content_type,
        year=year,
        page=page,
        per_page=per_page,
    )
    if not parsed:
        return results
    results.searched = True
    locales = language_codes() if include_other else [locale]
    try:
        raw = get_engine().search(
            parsed, locales, locale, content_type=content_type, year=year, offset=(page - 1) * per_page, limit=per_page
        )
    except Exception:  # the engine is down or refused the query: say so, never show a server error
        logger.exception("search: the engine failed for a query")
        results.error = True
        raw = RawResults()
    results.total = raw.total
    if results.page > results.num_pages:
        results.page = results.num_pages
    with override(locale):
        results.content_types = sorted(
            (
                FacetValue(label, content_type_name(label), count, label == content_type)
                for label, count in raw.content_types.items()
            ),
            key=lambda f: (-f.count, f.label),
        )
        results.years = [
            FacetValue(value, str(value), count, value == year)
            for value, count in sorted(raw.years.items(), reverse=True)
        ]
        for item in raw.hits:
            results.hits.append(
                Hit(
                    page_id=item.page_id,
                    url=item.url,
                    locale=item.locale,
                    title=item.title,
                    title_html=highlight(item.title, parsed.terms),
                    snippet_html=snippet([item.summary, item.body], parsed.terms),
                    content_type=item.content_type,
                    content_type_name=content_type_name(item.content_type),
                    section=item.section,
                    date=item.date,
                    tags=item.tags,
                    other_language=item.locale != locale,
                )
            )
    return results


def suggest(prefix, locale, limit=SUGGESTIONS):
    """Titles in the visitor's language that match what was typed so far (the last word as a prefix)."""
    parsed = parse_query(prefix or "", prefix_last=True)
    if not parsed:
        return []
    try:
        rows = get_engine().suggest(parsed, [clean_locale(locale)], limit=limit)
    except Exception:
        logger.exception("search: the engine failed for a suggestion")
        return []
    seen = set()
    suggestions = []
    for title, url, row_locale in rows:
        if title in seen:
            continue
        seen.add(title)
        suggestions.append({"title": title, "url": url, "locale": row_locale})
    return suggestions

"""What each page type shows in the API: one declaration per field, used by the serializers and by the OpenAPI
document alike, so the two cannot drift apart.

A field is either a plain model field (its serializer and schema follow from the model field) or a computed
one (``value`` and ``schema`` given). Declarations are inherited along the model's MRO (``BasePage`` fields
apply to every SMART page type). ``order`` marks fields that may be used as an ``order`` key, ``date``
names the field that the ``year`` / ``date_from`` / ``date_to`` filters use for that type.

Kept here rather than as ``api_fields`` on the models: how a field is represented (absolute rich text,
renditions, privacy checks on choosers) belongs to the API, and ``content`` does not import ``site``.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField

from content.models import (
    DigestIndexPage,
    DigestIssuePage,
    EventIndexPage,
    EventPage,
    HomePage,
    JobIndexPage,
    JobPostingPage,
    NewsArticlePage,
    NewsIndexPage,
    SectionIndexPage,
    StandardPage,
    WhitePaperIndexPage,
    WhitePaperPage,
)
from content.pages.base import BasePage
from content.pages.foundation import DonorListPage, PledgePage
from content.pages.funding import ApplicationStatusPage, FundCallPage, InstitutionRegistrationPage

from . import representation as rep
from .representation import DATE, DATETIME, DECIMAL, STRING, URL, nullable, ref


@dataclass(frozen=True)
class Exposed:
    name: str
    value: Any = None  # callable(page, visibility) -> JSON value; None: the model field as it is
    schema: dict | None = None  # None: derived from the model field
    description: str = ""
    order: bool = False


@dataclass(frozen=True)
class PageType:
    model: type
    fields: list = field(default_factory=list)
    date: str = ""  # the field the year/date filters use


def image(attr, alt_attr=None):
    def value(page, visibility):
        alt = getattr(page, alt_attr) if alt_attr else None
        return rep.image_data(getattr(page, attr), visibility, alt=alt)

    return value


def document(attr):
    return lambda page, visibility: rep.document_data(getattr(page, attr), visibility)


def rich_text(attr):
    return lambda page, visibility: rep.rich_text_html(getattr(page, attr))


def stream(attr):
    def value(page, visibility):
        stream_value = getattr(page, attr)
        return rep.block_value(stream_value.stream_block, stream_value, page, visibility)

    return value


def absolute(method):
    def value(page, visibility):
        url = method(page)
        return rep.absolute_url(url) if url else None

    return value


def speakers(page, visibility):
    entries = list(page.speakers.select_related("person", "person__photo"))
    return [
        {"person": rep.person_data(entry.person, page.locale_id, visibility), "role": entry.role} for entry in entries
    ]


def authors(page, visibility):
    return [
        rep.person_data(author.person, page.locale_id, visibility)
        for author in page.authors.select_related("person", "person__photo")
    ]


def digest_years(page, visibility):
    return [{"year": year, "count": count} for year, count in page.years()]


def registration_state(page, visibility):
    if page.registration == "none":
        return "none"
    return str(page.registration_state())


def subpage_url(name):
    def value(page, visibility):
        parts = page.get_url_parts()
        return rep.absolute_url(parts[2] + page.reverse_subpage(name)) if parts else None

    return value


RICH = {"type": "string", "description": "HTML with absolute URLs."}
IMAGE = ref("Image", nullable=True)
DOCUMENT = ref("Document", nullable=True)

BASE_FIELDS = [
    Exposed("listing_image", image("listing_image", "listing_image_alt"), IMAGE, "Image for cards and sharing."),
    Exposed("listing_summary", description="One or two sentences for listings."),
]
INTRO_BODY = [Exposed("intro"), Exposed("body")]

PAGE_TYPES = [
    PageType(BasePage, BASE_FIELDS),
    PageType(
        HomePage,
        [
            Exposed("hero_heading"),
            Exposed("hero_text"),
            Exposed("hero_image", image("hero_image", "hero_image_alt"), IMAGE),
            Exposed(
                "hero_link",
                lambda page, visibility: rep.page_link(page.hero_link, visibility),
                ref("PageLink", nullable=True),
            ),
            Exposed("hero_link_label"),
            Exposed("body"),
        ],
    ),
    PageType(StandardPage, INTRO_BODY),
    PageType(SectionIndexPage, INTRO_BODY),
    PageType(NewsIndexPage, [Exposed("intro")]),
    PageType(
        NewsArticlePage,
        [
            Exposed("date", order=True),
            Exposed("author"),
            Exposed(
                "tags",
                lambda page, visibility: sorted(tag.name for tag in page.tags.all()),
                {"type": "array", "items": STRING},
            ),
            *INTRO_BODY,
        ],
        date="date",
    ),
    PageType(
        DigestIndexPage,
        [
            Exposed("intro"),
            Exposed(
                "feed_urls",
                lambda page, visibility: page.feed_urls,
                {"type": "object", "required": ["rss", "atom"], "properties": {"rss": URL, "atom": URL}},
                "RSS 2.0 and Atom feeds of this series.",
            ),
            Exposed(
                "years",
                digest_years,
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["year", "count"],
                        "properties": {"year": {"type": "integer"}, "count": {"type": "integer"}},
                    },
                },
                "Years with issues, newest first, and how many issues each has.",
            ),
        ],
    ),
    PageType(
        DigestIssuePage,
        [
            Exposed("volume", order=True),
            Exposed("number", order=True),
            Exposed("issue_month", order=True, description="First day of the month the issue covers."),
            Exposed("issue_label", lambda page, visibility: page.issue_label, STRING, "For example “Vol. 1, No. 4”."),
            Exposed("guid", lambda page, visibility: page.guid, STRING, "The issue's permanent feed id."),
            Exposed("editors_note"),
            Exposed("lead_image", image("lead_image", "lead_image_alt"), IMAGE),
            Exposed("items", description="The news items; `field` is the field of medicine in the page's language."),
            Exposed("pdf_edition", document("pdf_edition"), DOCUMENT),
        ],
        date="issue_month",
    ),
    PageType(
        EventIndexPage,
        [
            *INTRO_BODY,
            Exposed(
                "calendar_url",
                lambda page, visibility: page.calendar_url() or None,
                nullable(URL),
                "iCalendar feed of the upcoming events.",
            ),
        ],
    ),
    PageType(
        EventPage,
        [
            Exposed(
                "series",
                lambda page, visibility: rep.term_data(page.series, page.locale_id),
                ref("Term", nullable=True),
            ),
            Exposed("start", order=True),
            Exposed("end", order=True),
            Exposed("status"),
            Exposed("event_language"),
            *INTRO_BODY,
            Exposed("venue_name"),
            Exposed("venue_address"),
            Exposed("latitude"),
            Exposed("longitude"),
            Exposed("map_url", lambda page, visibility: page.map_url() or None, nullable(URL), "Amap link."),
            Exposed("online_url"),
            Exposed(
                "speakers",
                speakers,
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["person", "role"],
                        "properties": {"person": ref("Person"), "role": STRING},
                    },
                },
            ),
            Exposed("agenda_note"),
            Exposed("agenda"),
            Exposed("registration", description="How registration is set up."),
            Exposed(
                "registration_state",
                registration_state,
                {"type": "string", "enum": ["none", "not_open", "open", "full", "closed"]},
                "What a visitor sees now.",
            ),
            Exposed("registration_deadline"),
            Exposed("admission_fee", description="CNY; 0.00 means free."),
            Exposed("ics_url", subpage_url("ics"), nullable(URL), "This event as iCalendar."),
        ],
        date="start",
    ),
    PageType(JobIndexPage, [Exposed("intro"), Exposed("body")]),
    PageType(
        JobPostingPage,
        [
            Exposed("category"),
            Exposed("institute"),
            Exposed("work_location"),
            Exposed("postal_code"),
            Exposed("employment_type"),
            Exposed("openings"),
            Exposed("posted_on", order=True),
            Exposed("closes_on", order=True),
            Exposed(
                "is_open",
                lambda page, visibility: page.is_open(timezone.localdate()),
                {"type": "boolean"},
                "Applications accepted today (Beijing time).",
            ),
            Exposed("salary_text"),
            Exposed("salary_min", description="CNY."),
            Exposed("salary_max", description="CNY."),
            Exposed("salary_period"),
            Exposed("description"),
            Exposed("requirements"),
            Exposed("how_to_apply"),
        ],
        date="posted_on",
    ),
    PageType(WhitePaperIndexPage, INTRO_BODY),
    PageType(
        WhitePaperPage,
        [
            Exposed("subtitle"),
            Exposed("authors", authors, {"type": "array", "items": ref("Person")}),
            Exposed("abstract"),
            Exposed("publication_date", order=True),
            Exposed(
                "topics",
                lambda page, visibility: [rep.term_data(topic, page.locale_id) for topic in page.topics.all()],
                {"type": "array", "items": ref("Term")},
            ),
            Exposed("cover_image", image("cover_image", "cover_image_alt"), IMAGE),
            Exposed("pdf", document("pdf"), DOCUMENT, "The PDF edition in this page's language."),
            Exposed("page_count"),
            Exposed("doi"),
            Exposed("isbn"),
            Exposed("key_findings"),
            Exposed("body"),
            Exposed("bibtex_url", subpage_url("bibtex"), nullable(URL), "Citation as BibTeX."),
        ],
        date="publication_date",
    ),
    PageType(FundCallPage, INTRO_BODY),
    PageType(InstitutionRegistrationPage, INTRO_BODY),
    PageType(ApplicationStatusPage, INTRO_BODY),
    # The foundation's pages: their public text only; the donor list itself comes from records and stays out.
    PageType(PledgePage, INTRO_BODY),
    PageType(DonorListPage, INTRO_BODY),
]
_BY_MODEL = {page_type.model: page_type for page_type in PAGE_TYPES}


def public_page_models():
    """Concrete page models with declared fields, in declaration order."""
    return [page_type.model for page_type in PAGE_TYPES if not page_type.model._meta.abstract]


def page_type_name(model):
    return f"{model._meta.app_label}.{model.__name__}"


def exposed_fields(model):
    """Declared fields of ``model`` along its MRO, parents first; a child's declaration replaces its parent's."""
    result = {}
    for klass in reversed(model.__mro__):
        page_type = _BY_MODEL.get(klass)
        if page_type is not None:
            for exposed in page_type.fields:
                result[exposed.name] = exposed
    return list(result.values())


def date_field(model):
    page_type = _BY_MODEL.get(model)
    return page_type.date if page_type else ""


def order_keys(model):
    return [exposed.name for exposed in exposed_fields(model) if exposed.order]


# -- model fields -> serializer value and schema ------------------------------------------------------------------


def field_value(model, exposed):
    """callable(page, visibility) for a declared field, or None to let the model serializer handle it."""
    if exposed.value is not None:
        return exposed.value
    model_field = model._meta.get_field(exposed.name)
    if isinstance(model_field, RichTextField):
        return rich_text(exposed.name)
    if isinstance(model_field, StreamField):
        return stream(exposed.name)
    return None


def field_schema(model, exposed):
    if exposed.schema is not None:
        schema = dict(exposed.schema)
    else:
        schema = model_field_schema(model._meta.get_field(exposed.name))
    if exposed.description and "$ref" not in schema and "allOf" not in schema:
        schema["description"] = exposed.description
    return schema


def model_field_schema(model_field):
    if isinstance(model_field, RichTextField):
        return dict(RICH)
    if isinstance(model_field, StreamField):
        return rep.block_schema(model_field.stream_block)
    if isinstance(model_field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(model_field, models.IntegerField | models.AutoField):
        schema = {"type": "integer"}
    elif isinstance(model_field, models.DecimalField):
        schema = dict(DECIMAL)
    elif isinstance(model_field, models.DateTimeField):
        schema = dict(DATETIME)
    elif isinstance(model_field, models.DateField):
        schema = dict(DATE)
    else:
        schema = dict(STRING)
    if model_field.choices:
        schema["enum"] = [value for value, _label in model_field.flatchoices]
    if model_field.null:
        schema["nullable"] = True
        if "enum" in schema:
            schema["enum"].append(None)
    return schema

"""How objects look in the API: rich text as sanitised HTML with absolute URLs, images with renditions in a few
sizes, documents, links to pages, people and terms in the page's language, and StreamField values walked
block by block (so that no draft or private page, private image or document leaks through a chooser).

Each ``*_schema`` function returns the OpenAPI 3.0 schema of what the matching function returns.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from content.html_clean import clean_html
from content.i18n import absolute_url

# Rendition sizes offered for every image: name -> Wagtail filter spec.
RENDITIONS = {
    "thumbnail": "fill-400x225",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


# null, as OpenAPI 3.0.3 writes it: ``nullable`` only counts beside a ``type`` (strict validators such as
# openapi-core ignore it anywhere else, for example beside an ``allOf``), and ``enum`` then names null alone.
NULL = {"type": "object", "nullable": True, "enum": [None]}


def ref(name, nullable=False):
    """A reference to a component schema; a nullable one is an ``anyOf`` of the reference and null."""
    schema = {"$ref": f"#/components/schemas/{name}"}
    return {"anyOf": [schema, NULL]} if nullable else schema


def nullable(schema):
    return {**schema, "nullable": True}


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}


# -- rich text ----------------------------------------------------------------------------------------------------


def rich_text_html(source):
    """Database rich text as sanitised HTML whose links are absolute URLs on SITE_BASE_URL."""
    if not source:
        return ""
    return clean_html(expand_db_html(source), base_url=settings.SITE_BASE_URL + "/")


# -- objects ---------------------------------------------------------------------------------------------------------


def page_detail_url(pk):
    return absolute_url(reverse("headless:pages:detail", args=[pk]))


def page_html_url(page):
    try:
        parts = page.get_url_parts()
    except NoReverseMatch:
        return None
    return absolute_url(parts[2]) if parts else None


def page_link(page, visibility):
    """A small reference to a page, or None when the page is not public."""
    if page is None or not visibility.page(page):
        return None
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "html_url": page_html_url(page),
        "detail_url": page_detail_url(page.pk),
    }


PAGE_LINK_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "locale", "html_url", "detail_url"],
    "properties": {
        "id": {"type": "integer"},
        "title": STRING,
        "locale": STRING,
        "html_url": nullable(URL),
        "detail_url": URL,
    },
}


def image_data(image, visibility, alt=None):
    """An image with its renditions, or None when it is missing or in a private collection."""
    if image is None or not visibility.in_public_collection(image):
        return None
    try:
        made = image.get_renditions(*RENDITIONS.values())
        renditions = {
            name: {"url": absolute_url(made[spec].url), "width": made[spec].width, "height": made[spec].height}
            for name, spec in RENDITIONS.items()
        }
    except (SourceImageIOError, OSError):
        renditions = {}
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text if alt is None else alt,
        "width": image.width,
        "height": image.height,
        "download_url": absolute_url(image.file.url),
        "detail_url": absolute_url(reverse("headless:images:detail", args=[image.pk])),
        "renditions": renditions,
    }


RENDITION_SCHEMA = {
    "type": "object",
    "required": ["url", "width", "height"],
    "properties": {"url": URL, "width": {"type": "integer"}, "height": {"type": "integer"}},
}
RENDITIONS_SCHEMA = {
    "type": "object",
    "description": "Resized copies: " + ", ".join(f"{name} ({spec})" for name, spec in RENDITIONS.items()) + ".",
    "properties": {name: ref("Rendition") for name in RENDITIONS},
}
IMAGE_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "alt", "width", "height", "download_url", "detail_url", "renditions"],
    "properties": {
        "id": {"type": "integer"},
        "title": STRING,
        "alt": {"type": "string", "description": "Alternative text; empty for a decorative image."},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "download_url": URL,
        "detail_url": URL,
        "renditions": ref("Renditions"),
    },
}


def document_data(document, visibility):
    """A document reference, or None when it is missing or in a private collection."""
    if document is None or not visibility.in_public_collection(document):
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "file_extension": document.file_extension,
        "file_size": document.file_size,
        "download_url": absolute_url(document.url),
        "detail_url": absolute_url(reverse("headless:documents:detail", args=[document.pk])),
    }


DOCUMENT_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "file_extension", "file_size", "download_url", "detail_url"],
    "properties": {
        "id": {"type": "integer"},
        "title": STRING,
        "file_extension": STRING,
        "file_size": {"type": "integer", "nullable": True, "description": "Bytes."},
        "download_url": URL,
        "detail_url": URL,
    },
}


def in_locale(obj, locale_id):
    return obj.in_locale(locale_id) if obj is not None and hasattr(obj, "in_locale") else obj


def person_data(person, locale_id, visibility):
    """A person (speaker, author) in the page's language. People carry no contact data."""
    if person is None:
        return None
    person = in_locale(person, locale_id)
    return {
        "id": person.pk,
        "name": person.name,
        "family_name": person.family_name,
        "given_names": person.given_names,
        "title": person.title,
        "affiliation": person.affiliation,
        "honours": person.honours,
        "bio": person.bio,
        "website": person.website,
        "photo": image_data(person.photo, visibility, alt=""),
    }


PERSON_SCHEMA = {
    "type": "object",
    "required": ["id", "name", "family_name", "given_names", "title", "affiliation", "honours", "bio", "website"],
    "properties": {
        "id": {"type": "integer"},
        "name": STRING,
        "family_name": STRING,
        "given_names": STRING,
        "title": STRING,
        "affiliation": STRING,
        "honours": STRING,
        "bio": STRING,
        "website": {"type": "string", "description": "A URL or an empty string."},
        "photo": ref("Image", nullable=True),
    },
}


def term_data(term, locale_id):
    """A topic, event series or field of medicine in the page's language; its slug is the same in every language."""
    if term is None:
        return None
    term = in_locale(term, locale_id)
    return {"slug": term.slug, "name": term.name}


TERM_SCHEMA = {"type": "object", "required": ["slug", "name"], "properties": {"slug": STRING, "name": STRING}}


# -- StreamField -----------------------------------------------------------------------------------------------------


def block_value(block, value, page, visibility):
    """The API value of one block: chooser values resolved (and hidden when not public), rich text as HTML."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": child.block_type, "value": block_value(child.block, child.value, page, visibility), "id": child.id}
            for child in value or []
        ]
    if isinstance(block, ImageBlock):
        if value is None:
            return None
        return image_data(value, visibility, alt=getattr(value, "contextual_alt_text", None))
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {
            name: block_value(child, value.get(name), page, visibility) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [block_value(block.child_block, item, page, visibility) for item in value or []]
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_html(value.source) if value is not None else None
    if isinstance(block, ImageChooserBlock):
        return image_data(value, visibility)
    if isinstance(block, DocumentChooserBlock):
        return document_data(value, visibility)
    if isinstance(block, blocks.PageChooserBlock):
        return page_link(value, visibility)
    if isinstance(block, SnippetChooserBlock):
        return snippet_data(block.target_model, value, page, visibility)
    if isinstance(block, EmbedBlock):
        return getattr(value, "url", None)
    if isinstance(block, TableBlock):
        return value
    return block.get_api_representation(value, context=None)


def snippet_data(model, value, page, visibility):
    from content.people import Person
    from content.taxonomy import FieldOfMedicine

    if value is None:
        return None
    if issubclass(model, Person):
        return person_data(value, page.locale_id, visibility)
    if issubclass(model, FieldOfMedicine):
        return term_data(value, page.locale_id)
    return {"id": value.pk}


def snippet_schema(model):
    from content.people import Person
    from content.taxonomy import FieldOfMedicine

    if issubclass(model, Person):
        return ref("Person", nullable=True)
    if issubclass(model, FieldOfMedicine):
        return ref("Term", nullable=True)
    return {"type": "object", "nullable": True, "properties": {"id": {"type": "integer"}}}


def block_schema(block):
    """The OpenAPI schema of ``block_value(block, ...)``."""
    if isinstance(block, blocks.StreamBlock):
        variants = [
            {
                "type": "object",
                "required": ["type", "value", "id"],
                "properties": {
                    "type": {"type": "string", "enum": [name]},
                    "value": block_schema(child),
                    "id": {"type": "string", "nullable": True},
                },
            }
            for name, child in block.child_blocks.items()
        ]
        return {"type": "array", "items": {"anyOf": variants}}
    if isinstance(block, ImageBlock | ImageChooserBlock):
        return ref("Image", nullable=True)
    if isinstance(block, blocks.StructBlock):
        return {
            "type": "object",
            "required": list(block.child_blocks),
            "properties": {name: block_schema(child) for name, child in block.child_blocks.items()},
        }
    if isinstance(block, blocks.ListBlock):
        return {"type": "array", "items": block_schema(block.child_block)}
    if isinstance(block, blocks.RichTextBlock):
        return {"type": "string", "nullable": True, "description": "HTML with absolute URLs."}
    if isinstance(block, DocumentChooserBlock):
        return ref("Document", nullable=True)
    if isinstance(block, blocks.PageChooserBlock):
        return ref("PageLink", nullable=True)
    if isinstance(block, SnippetChooserBlock):
        return snippet_schema(block.target_model)
    if isinstance(block, TableBlock):
        return {"type": "object", "nullable": True, "additionalProperties": True}
    if isinstance(block, blocks.IntegerBlock):
        return {"type": "integer", "nullable": True}
    if isinstance(block, blocks.FloatBlock | blocks.DecimalBlock):
        return {"type": "number", "nullable": True}
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean", "nullable": True}
    if isinstance(block, blocks.DateTimeBlock):
        return nullable(DATETIME)
    if isinstance(block, blocks.DateBlock):
        return nullable(DATE)
    if isinstance(block, blocks.TimeBlock):
        return {"type": "string", "nullable": True, "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"}
    if isinstance(block, blocks.StaticBlock):
        return dict(NULL)
    if isinstance(block, blocks.FieldBlock | EmbedBlock):
        return {"type": "string", "nullable": True}
    return {}

"""The stored content of the loaded demo pages in a comparable form: every field of each page (its body's
StreamField JSON included), with page, image and document ids replaced by the pages' url paths and the images'
and documents' titles (snippets, such as people and fields of medicine, by their names), and without what changes
from one load to the next (ids, tree fields, timestamps, revisions, block ids). Child objects (an event's speakers,
a white paper's authors, ...) are part of their page. The upcoming events and the job postings are dated
relative to the day of the load: a date within a year of today is written as its distance from today
("today+45 09:00:00+00:00")."""

import datetime
import hashlib
import json
import re

from django.db import models
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from content.people import Person
from content.taxonomy import FieldOfMedicine

# Page's own fields that describe the content (the rest are tree, workflow and bookkeeping fields).
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "show_in_menus", "live")
RICH_LINK = re.compile(r'(linktype|embedtype)="(page|document|image)" id="(\d+)"')


def _relative(value):
    """A date or datetime within a year of today as its distance from today; any other value unchanged."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        day, rest = timezone.localtime(value).date(), " " + timezone.localtime(value).timetz().isoformat()
    elif isinstance(value, datetime.date):
        day, rest = value, ""
    else:
        return value
    offset = (day - timezone.localdate()).days
    return f"today{offset:+d}{rest}" if abs(offset) <= 366 else f"{day.isoformat()}{rest}"


class _Names:
    def __init__(self):
        self.page = dict(Page.objects.values_list("pk", "url_path"))
        self.image = dict(get_image_model().objects.values_list("pk", "title"))
        self.document = dict(get_document_model().objects.values_list("pk", "title"))
        self.person = dict(Person.objects.values_list("pk", "name"))
        fields = FieldOfMedicine.objects.values_list("pk", "slug", "name")
        self.field = {pk: f"{slug} {name}" for pk, slug, name in fields}

    def name(self, kind, pk):
        return getattr(self, kind).get(int(pk), f"?{kind}:{pk}")

    def text(self, value):
        return RICH_LINK.sub(lambda m: f'{m[1]}="{m[2]}" id="{self.name(m[2], m[3])}"', value)

    def stream(self, value):
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == "id" and isinstance(item, str):
                    continue  # a block's uuid, new on each load
                kind = next((kind for kind in ("page", "image", "document") if kind in key), None)
                if kind and isinstance(item, int) and not isinstance(item, bool):
                    item = self.name(kind, item)
                if key == "speakers" and isinstance(item, list):  # an agenda session's people (snippets), by name
                    item = [{**entry, "value": self.name("person", entry["value"])} for entry in item]
                elif key == "field" and isinstance(item, int):  # a digest item's field of medicine (a snippet)
                    item = self.name("field", item)
                out[key] = _relative(self.stream(item)) if key == "day" else self.stream(item)
            return out
        if isinstance(value, list):
            return [self.stream(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value


def _field_value(obj, field, names):
    value = getattr(obj, field.name)
    if isinstance(field, StreamField):
        raw = field.get_prep_value(value)
        return names.stream(json.loads(raw) if isinstance(raw, str) else raw)
    if isinstance(field, models.ForeignKey):
        if value is None:
            return None
        if isinstance(value, Page):
            return value.url_path
        named = [str(getattr(value, name)) for name in ("title", "name") if hasattr(value, name)]
        return " ".join(named) if named else str(value)
    if isinstance(field, RichTextField) or isinstance(value, str):
        return names.text(value or "")
    value = _relative(value)
    return value if isinstance(value, (int, float, bool, type(None))) else str(value)


def stored_content(page, names):
    """The page's own fields, tags and child objects (speakers, authors, ...), in a comparable form."""
    specific = page.specific
    own = [f for f in type(specific)._meta.concrete_fields if f.model is not Page and not f.primary_key]
    own = [f for f in own if not (isinstance(f, models.OneToOneField) and f.remote_field.parent_link)]
    content = {name: getattr(page, name) for name in PAGE_FIELDS}
    for field in own:
        content[field.name] = _field_value(specific, field, names)
    if hasattr(specific, "tags"):
        content["tags"] = sorted(specific.tags.names())
    for relation in get_all_child_relations(specific):
        parent_field = relation.field.name
        rows = [
            {
                field.name: _field_value(child, field, names)
                for field in child._meta.concrete_fields
                if not field.primary_key and field.name not in (parent_field, "translation_key")
            }
            for child in getattr(specific, relation.get_accessor_name()).all()
        ]
        # In a stable order whatever the database's: rows that have an order say so (sort_order).
        content[relation.get_accessor_name()] = sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))
    return content


def stored_pages():
    """{language code: {url path: stored content}} for every page below the root."""
    names = _Names()
    pages = {}
    for page in Page.objects.filter(depth__gt=1).select_related("locale").order_by("path"):
        pages.setdefault(page.locale.language_code, {})[page.url_path] = stored_content(page, names)
    return pages


def digest(content):
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def stored_images():
    """{title: what the image library stores of it}: description, size, focal point, tags, collection and, for the
    demo's artwork (``demo/data/images/``), a digest of its pixels (the same picture whatever the file's encoding).
    The digest issues' covers are drawn at load time with the machine's fonts: their pixels are not compared."""
    from PIL import Image as PILImage

    from demo.loader import COLLECTION_NAME

    images = {}
    for image in get_image_model().objects.select_related("collection").order_by("title"):
        pixels = None
        if image.collection.name == COLLECTION_NAME:
            with image.file.open("rb") as handle:
                picture = PILImage.open(handle)
                picture.load()
            pixels = hashlib.sha256(picture.convert("RGB").tobytes()).hexdigest()[:16]
        focal = [image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height]
        images[image.title] = {
            "description": image.description,
            "size": [image.width, image.height],
            "focal_point": focal,
            "tags": sorted(image.tags.names()),
            "collection": image.collection.name,
            "pixels": pixels,
        }
    return images

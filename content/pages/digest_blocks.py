"""StreamField blocks of the digest: one news item (headline, field of medicine, summary, source, image),
and DigestItem, an item ready for the issue page and the feeds."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

SUMMARY_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class FieldOfMedicineChooserBlock(SnippetChooserBlock):
    """Chooses a field of medicine; the API shows its slug and name, not only a primary key."""

    def __init__(self, target_model="content.FieldOfMedicine", **kwargs):
        super().__init__(target_model, **kwargs)

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {"id": value.pk, "slug": value.slug, "name": value.name, "locale": value.locale.language_code}


class DigestItemBlock(blocks.StructBlock):
    """One news item of an issue."""

    headline = blocks.CharBlock(max_length=200, label=_("Headline"), form_classname="title")
    field = FieldOfMedicineChooserBlock(label=_("Field of medicine"))
    summary = blocks.RichTextBlock(features=SUMMARY_FEATURES, label=_("Summary"))
    source_name = blocks.CharBlock(
        max_length=200,
        label=pgettext_lazy("digest item", "Source"),
        help_text=_("The journal, agency or outlet that published the news."),
    )
    source_url = blocks.URLBlock(label=_("Source link"))
    source_date = blocks.DateBlock(label=_("Source publication date"))
    image = ImageChooserBlock(required=False, label=_("Image"))
    image_alt = blocks.CharBlock(
        required=False,
        default="",
        max_length=250,
        label=_("Image alternative text"),
        help_text=_("Describe the image for people who cannot see it. Leave empty if it is decorative."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Digest item")
        label_format = "{headline}"


class DigestItemsBlock(blocks.StreamBlock):
    item = DigestItemBlock()


@dataclass
class DigestItem:
    """An item ready to show on the issue page or in a feed: localised field, cleaned HTML, safe link."""

    number: int
    anchor: str
    headline: str
    field: Any
    summary_html: str
    source_name: str
    source_url: str
    source_date: datetime.date | None
    image: Any
    image_alt: str

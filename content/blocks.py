"""StreamField blocks shared by the page types."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class LabelledImageBlock(ImageBlock):
    """Wagtail's image block with its chooser labelled in the admin's language: Wagtail leaves the chooser without a
    label, so the editor showed the English "Image" above it in the Chinese admin too. (Still saved and migrated as
    Wagtail's ImageBlock: its ``deconstruct`` names that class.)"""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"].label = _("Image")


class CaptionedImageBlock(blocks.StructBlock):
    image = LabelledImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "content/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "content/blocks/quote.html"


class LinkTargetBlock(blocks.StructBlock):
    """Either an internal page or an external URL."""

    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External URL"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a URL."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(max_length=60, label=_("Button label"))
    link = LinkTargetBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "content/blocks/call_to_action.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(required=False, max_length=200, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "content/blocks/document_link.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video URL"),
        help_text=_("A Bilibili or Tencent Video page, or a direct .mp4/.webm file."),
    )
    title = blocks.CharBlock(max_length=200, label=_("Title"), help_text=_("Describes the video for screen readers."))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "content/blocks/video.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page."""

    heading = blocks.CharBlock(
        max_length=120, label=_("Section heading"), form_classname="title", template="content/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "superscript", "subscript"],
        label=_("Rich text"),
        template="content/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Table"), template="content/blocks/table.html")
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()


class HighlightBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))

    class Meta:
        icon = "pick"
        label = _("Highlight")


class HighlightsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    items = blocks.ListBlock(HighlightBlock(), label=_("Highlights"))

    class Meta:
        icon = "list-ul"
        label = _("Highlights")
        template = "content/blocks/highlights.html"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=40, label=_("Figure"), help_text=_("For example 2,711 or 1.96亿"))
    label = blocks.CharBlock(max_length=120, label=_("What it counts"))

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"))
    note = blocks.CharBlock(required=False, max_length=250, label=_("Source note"))

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "content/blocks/key_figures.html"


class LatestNewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=12, label=_("Number of articles"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Latest news")
        template = "content/blocks/latest_news.html"


class HomeBlock(blocks.StreamBlock):
    """Sections of the home page."""

    highlights = HighlightsBlock()
    key_figures = KeyFiguresBlock()
    latest_news = LatestNewsBlock()
    call_to_action = CallToActionBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        label=_("Rich text"),
        template="content/blocks/paragraph.html",
    )

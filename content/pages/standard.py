"""General pages: a standard page with a StreamField body, and a section index."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock

from .base import BasePage, attach_listing_images


class StandardPage(BasePage):
    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Pages")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    template = "content/standard_page.html"

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def fragment_cache_vary(self, request, context):
        return ()  # the main content depends on the page and the published content only


class SectionIndexPage(BasePage):
    """The top of a section (About, Research, Funding, ...): an introduction and its child pages."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Sections")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    template = "content/section_index_page.html"
    schema_page_type = "CollectionPage"

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("section index page")
        verbose_name_plural = _("section index pages")

    def fragment_cache_vary(self, request, context):
        return ()  # the main content depends on the page and the published content only

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Evaluated only when the main content is rendered, not when it comes from the fragment cache.
        context["children"] = SimpleLazyObject(lambda: attach_listing_images(self.get_live_children()))
        return context

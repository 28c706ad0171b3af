"""The home page of each language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from content.blocks import HomeBlock

from .base import BasePage


class HomePage(BasePage):
    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Home page")

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_image_alt = models.CharField(_("hero image alternative text"), max_length=250, blank=True)
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero link"),
    )
    hero_link_label = models.CharField(_("hero link label"), max_length=60, blank=True)
    body = StreamField(HomeBlock(), blank=True, verbose_name=_("sections"))

    template = "content/home_page.html"
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def fragment_cache_vary(self, request, context):
        return ()  # the main content depends on the page and the published content only

"""What every public page type shares: a listing image and summary, and locale-aware helpers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Abstract base of SMART's page types."""

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing image"),
        help_text=_("Shown on cards in listings and when the page is shared."),
    )
    listing_image_alt = models.CharField(
        _("listing image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Leave empty if it is decorative."),
    )
    listing_summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences for listings, search results and the page description."),
    )

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_image_alt"), FieldPanel("listing_summary")],
            heading=_("Listings"),
        )
    ]
    search_fields = Page.search_fields + [index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    @property
    def description(self):
        return self.search_description or self.listing_summary

    def get_live_children(self):
        """Live, public children in menu order, in this page's locale."""
        return self.get_children().live().public().specific().defer_streamfields()

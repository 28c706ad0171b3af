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

    # Pages of this type ask search engines not to index them (<meta name="robots" content="noindex"> in base.html)
    # and are left out of the sitemap (content.sitemaps, and the static site's).
    robots_noindex = False
    # The schema.org kind of WebPage a page of this type is, and its OpenGraph type (content.structured_data,
    # content.templatetags.page_meta).
    schema_page_type = "WebPage"
    open_graph_type = "website"

    class Meta:
        abstract = True

    @property
    def description(self):
        return self.search_description or self.listing_summary

    def fragment_cache_vary(self, request, context):
        """What besides the page, its path and the language changes its main content: a tuple of values, or
        None to render it on every request (the default; see ``content.fragments``)."""
        return None

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        """Wagtail's site root paths, from ``content.lookups`` (remembered in the process, invalidated with the
        other lookups) instead of a read of the shared cache for every URL built without a request."""
        from content.lookups import site_root_paths

        paths = site_root_paths()
        # Wagtail's callers (the redirects app) read them back from the cache object, as Wagtail leaves them there.
        (cache_object if cache_object is not None else self)._wagtail_cached_site_root_paths = paths
        return paths

    def get_live_children(self):
        """Live, public children in menu order, in this page's locale."""
        from content.lookups import public

        return public(self.get_children().live()).specific().defer_streamfields()


def attach_listing_images(pages):
    """Load the listing images of ``pages`` (specific pages, any types) in one query; returns the pages as a list."""
    from wagtail.images import get_image_model

    pages = list(pages)
    ids = {page.listing_image_id for page in pages if getattr(page, "listing_image_id", None)}
    images = get_image_model().objects.in_bulk(ids) if ids else {}
    for page in pages:
        if getattr(page, "listing_image_id", None) in images:
            page.listing_image = images[page.listing_image_id]
    return pages

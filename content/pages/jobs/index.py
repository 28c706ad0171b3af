"""The job postings of one language (``JobIndexPage``): open positions first, filtered by category."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from content.lookups import public_q
from records.recruitment.models import Category as JobCategory

from ..base import BasePage
from .models import TEXT_FEATURES, JobPostingPage


class JobIndexPage(BasePage):
    """The job postings of one language: open positions first, filtered by category."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Job listings")

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=TEXT_FEATURES, blank=True)

    template = "content/job_index_page.html"
    schema_page_type = "CollectionPage"
    subpage_types = ["content.JobPostingPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("job index page")
        verbose_name_plural = _("job index pages")

    def postings(self):
        return JobPostingPage.objects.child_of(self).live().filter(public_q()).select_related("listing_image")

    def open_postings(self, today=None):
        today = today or timezone.localdate()
        return (
            self.postings()
            .filter(models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=today))
            .order_by(models.F("closes_on").asc(nulls_last=True), "-posted_on", "pk")
        )

    def closed_postings(self, today=None):
        today = today or timezone.localdate()
        return self.postings().filter(closes_on__lt=today).order_by("-closes_on", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        slug = request.GET.get("category", "").strip()[:40]
        category = slug if slug in JobCategory.values else None
        open_postings, closed_postings = self.open_postings(today), self.closed_postings(today)
        if category:
            open_postings = open_postings.filter(category=category)
            closed_postings = closed_postings.filter(category=category)
        counts = dict(
            self.open_postings(today)
            .values_list("category")
            .annotate(n=models.Count("pk"))
            .values_list("category", "n")
        )
        context.update(
            open_postings=list(open_postings),
            closed_postings=list(closed_postings[:20]),
            categories=[(value, label, counts.get(value, 0)) for value, label in JobCategory.choices],
            current_category=category,
            current_category_label=JobCategory(category).label if category else "",
            unknown_filter=bool(slug and not category),
        )
        return context

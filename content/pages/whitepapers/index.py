"""The white papers of one language (``WhitePaperIndexPage``): newest first, filtered by year and topic."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock
from content.lookups import public_q
from content.topics import Topic

from ..base import BasePage
from .models import WhitePaperPage

WHITE_PAPERS_PER_PAGE = 10


class WhitePaperIndexPage(BasePage):
    """The white papers of one language, newest first, filtered by year and topic."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "White paper listings")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    template = "content/white_paper_index_page.html"
    schema_page_type = "CollectionPage"
    subpage_types = ["content.WhitePaperPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("white paper index page")
        verbose_name_plural = _("white paper index pages")

    def papers(self):
        return (
            WhitePaperPage.objects.child_of(self)
            .live()
            .filter(public_q())
            .defer_streamfields()
            .select_related("cover_image", "pdf")
            .prefetch_related("topics")
            .order_by("-publication_date", "-pk")
        )

    def years(self):
        return list(
            self.papers()
            .annotate(year=ExtractYear("publication_date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    def topics(self):
        used = self.papers().exclude(topics=None).values_list("topics__translation_key", flat=True)
        return Topic.objects.filter(locale_id=self.locale_id, translation_key__in=set(used)).order_by(
            "sort_order", "name"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        papers = self.papers()
        years = self.years()
        topics = list(self.topics())
        year = request.GET.get("year", "").strip()
        current_year = int(year) if year.isdigit() and int(year) in years else None
        if current_year:
            papers = papers.filter(publication_date__year=current_year)
        slug = request.GET.get("topic", "").strip()[:80]
        current_topic = next((topic for topic in topics if topic.slug == slug), None)
        if current_topic is not None:
            papers = papers.filter(topics__slug=current_topic.slug).distinct()
        paginator = Paginator(papers, WHITE_PAPERS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = []
        if current_year:
            query.append(f"year={current_year}")
        if current_topic is not None:
            query.append(f"topic={current_topic.slug}")
        context.update(
            papers=page_obj,
            paginator=paginator,
            years=years,
            topics=topics,
            current_year=current_year,
            current_topic=current_topic,
            unknown_filter=bool((year and not current_year) or (slug and current_topic is None)),
            extra_query="&".join(query),
        )
        return context

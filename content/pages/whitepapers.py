"""白皮书: white papers on medical science innovation, and their index by year and topic.

A white paper page carries its authors (people snippets), topics, cover, the PDF edition of its language
(a Wagtail document; the Chinese and English pages may point at different files), key findings as blocks,
"Cite this" in GB/T 7714-2015 and APA with a BibTeX download, and schema.org ``Report`` JSON-LD.
"""

import re

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models.functions import ExtractYear
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content import citations
from content import structured_data as ld
from content.blocks import BodyBlock
from content.i18n import absolute_url
from content.lookups import public_q
from content.people import people_in_locale

from .base import BasePage

WHITE_PAPERS_PER_PAGE = 10
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


def validate_doi(value):
    if not DOI_PATTERN.match(value or ""):
        raise ValidationError(_("Enter a DOI such as 10.1234/abcd.5678, without https://doi.org/."), code="doi")


def normalize_isbn(value):
    return re.sub(r"[\s-]", "", value or "").upper()


def validate_isbn(value):
    digits = normalize_isbn(value)
    valid = False
    if re.fullmatch(r"\d{13}", digits):
        valid = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    elif re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
        valid = total % 11 == 0
    if not valid:
        raise ValidationError(_("Enter a valid ISBN-10 or ISBN-13."), code="isbn")


class KeyFindingBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Finding"))
    text = blocks.TextBlock(required=False, label=_("Explanation"))

    class Meta:
        icon = "tick-inverse"
        label = _("Key finding")


class KeyFindingsBlock(blocks.StreamBlock):
    finding = KeyFindingBlock()


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
        from content.topics import Topic

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


class WhitePaperAuthor(Orderable):
    page = ParentalKey("content.WhitePaperPage", on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("content.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class WhitePaperPage(RoutablePageMixin, BasePage):
    """One white paper in one language."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "White papers")

    subtitle = models.CharField(_("subtitle"), max_length=250, blank=True)
    abstract = models.TextField(_("abstract"), max_length=3000)
    publication_date = models.DateField(_("publication date"), default=timezone.localdate)
    topics = ParentalManyToManyField("content.Topic", blank=True, verbose_name=_("topics"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    cover_image_alt = models.CharField(
        _("cover image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the cover for people who cannot see it. Leave empty if it is decorative."),
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
        help_text=_("The PDF edition in this page's language."),
    )
    page_count = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, validators=[validate_doi])
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn])
    key_findings = StreamField(KeyFindingsBlock(), blank=True, verbose_name=_("key findings"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    template = "content/white_paper_page.html"
    open_graph_type = "article"
    parent_page_types = ["content.WhitePaperIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("subtitle"),
        InlinePanel("authors", label=_("Authors"), heading=_("Authors")),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("topics"),
                FieldRowPanel([FieldPanel("doi"), FieldPanel("isbn")]),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("abstract"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover")),
        MultiFieldPanel([FieldPanel("pdf"), FieldPanel("page_count")], heading=_("PDF edition")),
        FieldPanel("key_findings"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("abstract"),
        index.SearchField("key_findings"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    class Meta:
        verbose_name = _("white paper")
        verbose_name_plural = _("white papers")

    def clean(self):
        super().clean()
        if self.isbn:
            self.isbn = normalize_isbn(self.isbn)
        self.doi = (self.doi or "").strip().removeprefix("https://doi.org/").removeprefix("doi:")

    # -- data shown on the page ---------------------------------------------------------------------------
    @cached_property
    def author_people(self):
        people = [author.person for author in self.authors.select_related("person", "person__photo")]
        return people_in_locale(people, self.locale_id)

    @cached_property
    def topic_terms(self):
        return [topic.in_locale(self.locale_id) for topic in self.topics.all()]

    @cached_property
    def pdf_size(self):
        if self.pdf is None:
            return None
        try:
            return self.pdf.get_file_size()
        except OSError:
            return None

    def other_editions(self):
        """PDF editions of the translations of this white paper: (language name, document) pairs."""
        from django.utils.translation import get_language_info

        from content.lookups import language_of

        editions = []
        translations = (
            WhitePaperPage.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .live()
            .filter(public_q())
            .defer_streamfields()
            .select_related("pdf")
        )
        for page in translations:  # one query: the translations with their PDFs; languages from the cache
            document = page.pdf
            language = language_of(page)
            if document is not None and document.pk != self.pdf_id and language:
                info = get_language_info(language)
                editions.append((info["name_local"], document, language))
        return editions

    def full_url_for_citation(self):
        parts = self.get_url_parts()
        return absolute_url(parts[2]) if parts else ""

    def citation_work(self):
        language = self.locale.language_code
        with override(language):
            publisher = gettext("Shenzhen Medical Academy of Research and Translation")
            place = gettext("Shenzhen")
        return citations.Work(
            title=self.title,
            subtitle=self.subtitle,
            year=self.publication_date.year,
            date=self.publication_date,
            publisher=publisher,
            place=place,
            url=self.full_url_for_citation(),
            language=language,
            authors=self.author_people,
            doi=self.doi,
            isbn=self.isbn,
            key=self.slug,
        )

    def json_ld(self):
        language = self.locale.language_code
        url = self.full_url_for_citation()
        identifiers = []
        if self.doi:
            identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": self.doi})
        if self.isbn:
            identifiers.append({"@type": "PropertyValue", "propertyID": "ISBN", "value": self.isbn})
        media = None
        if self.pdf is not None:
            media = {
                "@type": "MediaObject",
                "contentUrl": absolute_url(self.pdf.url),
                "encodingFormat": "application/pdf",
                "contentSize": f"{self.pdf_size} B" if self.pdf_size else None,
                "inLanguage": ld.language_tag(language),
            }
        data = {
            "@context": "https://schema.org",
            "@type": "Report",
            "@id": url + "#report",
            "url": url,
            "name": self.title,
            "headline": self.title[:110],
            "alternativeHeadline": self.subtitle,
            "abstract": self.abstract,
            "description": self.description or self.abstract[:300],
            "inLanguage": ld.language_tag(language),
            "datePublished": ld.iso(self.publication_date),
            "dateModified": ld.iso(self.last_published_at),
            "author": [ld.person(person) for person in self.author_people] or ld.organisation(language),
            "publisher": ld.organisation(language),
            "about": [{"@type": "Thing", "name": topic.name} for topic in self.topic_terms],
            "keywords": ", ".join(topic.name for topic in self.topic_terms),
            "image": ld.image_url(self.cover_image or self.listing_image),
            "identifier": identifiers,
            "sameAs": f"https://doi.org/{self.doi}" if self.doi else None,
            # numberOfPages belongs to Book: a report runs from page 1 to its last (Article's pageStart, pageEnd).
            "pageStart": 1 if self.page_count else None,
            "pageEnd": self.page_count,
            "encoding": media,
        }
        return ld.compact(data)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        work = self.citation_work()
        today = timezone.localdate()
        context.update(
            authors=self.author_people,
            topics=self.topic_terms,
            citation_gbt=citations.gbt7714(work, cited_on=today),
            citation_apa=citations.apa_html(work),
            json_ld=ld.script(self.json_ld()),
            index_page=self.get_parent().specific_deferred,
            other_editions=self.other_editions(),
            bibtex_url=self.url + self.reverse_subpage("bibtex") if self.url else "",
        )
        return context

    @path("", name="index")
    def index_view(self, request):
        return self.render(request)

    @path("cite/bibtex/", name="bibtex")
    def bibtex_view(self, request):
        """The BibTeX entry of this white paper, as a download."""
        work = self.citation_work()
        response = HttpResponse(citations.bibtex(work), content_type="application/x-bibtex; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{citations.bibtex_key(work)}.bib"'
        response["X-Content-Type-Options"] = "nosniff"
        return response

"""白皮书: white papers on medical science innovation, and their index by year and topic.

A white paper page carries its authors (people snippets), topics, cover, the PDF edition of its language
(a Wagtail document; the Chinese and English pages may point at different files), key findings as blocks,
"Cite this" in GB/T 7714-2015 and APA with a BibTeX download, and schema.org ``Report`` JSON-LD.
"""

from django import forms
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext, override, pgettext_lazy
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
from content.lookups import language_of, public_q
from content.people import people_in_locale

from ..base import BasePage
from ..page_forms import InPageLanguageForm
from . import jsonld
from .validators import normalize_isbn, validate_doi, validate_isbn


class KeyFindingBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Finding"))
    text = blocks.TextBlock(required=False, label=_("Explanation"))

    class Meta:
        icon = "tick-inverse"
        label = _("Key finding")


class KeyFindingsBlock(blocks.StreamBlock):
    finding = KeyFindingBlock()


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
    base_form_class = InPageLanguageForm
    open_graph_type = "article"
    parent_page_types = ["content.WhitePaperIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("subtitle"),
        InlinePanel("authors", label=_("Author"), heading=_("Authors")),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
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
        return jsonld.report_ld(self)

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

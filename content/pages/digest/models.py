"""全球医学科技动态: the monthly Global Medical Science & Technology Digest.

A digest index page is one series in one language (its RSS 2.0 and Atom feeds hang off it as routes);
its children are the monthly issues. Each issue holds its news items as StreamField blocks.
"""

import datetime
from collections import OrderedDict

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from content import lookups
from content.html_clean import clean_html, safe_url
from content.i18n import absolute_url
from content.lookups import public, public_q
from content.taxonomy import FieldOfMedicine

from ..base import BasePage
from ..digest_blocks import SUMMARY_FEATURES, DigestItem, DigestItemsBlock
from . import feeds, jsonld
from .forms import DigestIssueForm
from .listing import listing_context

# A volume collects twelve issues: Vol. 1 No. 1-12, then Vol. 2 No. 1, ...
ISSUES_PER_VOLUME = 12


def first_of_month(value=None):
    value = value or timezone.localdate()
    return value.replace(day=1)


UNFINISHED_DRAFTS = _(
    "This series has issues that were started but never published (an abandoned new-issue form is kept as a "
    "draft): {drafts}. Continue one of them rather than starting again, or delete it."
)


def unfinished_drafts_notice(parent):
    """The notice of a new issue's form naming, with links to their editors, the series' issues that were started
    and never published nor scheduled; "" when there are none."""
    drafts = DigestIssuePage.objects.child_of(parent).filter(
        live=False, first_published_at__isnull=True, go_live_at__isnull=True
    )
    drafts = drafts.order_by("issue_month", "pk")[:5]
    if not drafts:
        return ""
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("wagtailadmin_pages:edit", args=[draft.pk]), draft.get_admin_display_title()) for draft in drafts),
    )
    return format_html(UNFINISHED_DRAFTS, drafts=links)


class DigestIssuePage(BasePage):
    """One monthly issue of the digest."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Digest issues")

    volume = models.PositiveSmallIntegerField(
        _("volume"), null=True, blank=True, help_text=_("Filled in from the previous issue if left empty.")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Filled in from the previous issue if left empty.")
    )
    issue_month = models.DateField(
        _("month covered"),
        default=first_of_month,
        help_text=_("Any day of the month; stored as the first day. One issue per month in each series."),
    )
    editors_note = RichTextField(_("editor's note"), features=SUMMARY_FEATURES, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_image_alt = models.CharField(
        _("lead image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Leave empty if it is decorative."),
    )
    items = StreamField(DigestItemsBlock(), blank=True, verbose_name=_("items"))
    pdf_edition = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF edition"),
        help_text=_("Optional. Offered for download and as the enclosure in the feeds."),
    )

    template = "content/digest_issue_page.html"
    open_graph_type = "article"
    parent_page_types = ["content.DigestIndexPage"]
    subpage_types = []
    base_form_class = DigestIssueForm

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("volume"), FieldPanel("number")]), FieldPanel("issue_month")],
            heading=_("Issue"),
        ),
        FieldPanel("editors_note"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")),
        FieldPanel("items"),
        FieldPanel("pdf_edition"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("editors_note"),
        index.SearchField("items"),
        index.FilterField("issue_month"),
    ]

    class Meta:
        verbose_name = _("digest issue")
        verbose_name_plural = _("digest issues")

    def fragment_cache_vary(self, request, context):
        return ()  # the main content depends on the page and the published content only

    def __str__(self):
        return self.title

    def main_entity_ld(self):
        return jsonld.issue_ld(self)

    @staticmethod
    def next_volume_number(parent, instance=None):
        """(volume, number) following the series' highest issue; (1, 1) for the first issue."""
        siblings = DigestIssuePage.objects.child_of(parent).filter(volume__isnull=False, number__isnull=False)
        if instance is not None and instance.pk:
            siblings = siblings.exclude(pk=instance.pk)
        last = siblings.order_by("-volume", "-number").values_list("volume", "number").first()
        if last is None:
            return 1, 1
        volume, number = last
        return (volume + 1, 1) if number >= ISSUES_PER_VOLUME else (volume, number + 1)

    @staticmethod
    def next_issue_values(parent):
        """(month, volume, number) of the series' next issue, in agreement: the month after the latest issue by
        month (drafts and scheduled issues included) or this month if that is later, and the number after that
        issue's (the series' highest if it has none); this month and (1, 1) for a series' first issue."""
        month = first_of_month()
        latest = DigestIssuePage.objects.child_of(parent).order_by("-issue_month", "-pk")
        latest = latest.values_list("issue_month", "volume", "number").first()
        if latest is None:
            return month, 1, 1
        latest_month, volume, number = latest
        month = max(month, (latest_month + datetime.timedelta(days=32)).replace(day=1))
        if volume is None or number is None:
            volume, number = DigestIssuePage.next_volume_number(parent)
        else:
            volume, number = (volume + 1, 1) if number >= ISSUES_PER_VOLUME else (volume, number + 1)
        return month, volume, number

    def save(self, *args, **kwargs):
        if self.issue_month:
            self.issue_month = self.issue_month.replace(day=1)
        if (self.volume is None or self.number is None) and self.path and self.depth and self.depth > 1:
            self.volume, self.number = self.next_volume_number(self.get_parent(), self)
        return super().save(*args, **kwargs)

    # Labels that read naturally in the active language.
    @property
    def month_label(self):
        return date_format(self.issue_month, "YEAR_MONTH_FORMAT")

    @property
    def issue_label(self):
        if self.volume is None or self.number is None:
            return ""
        return gettext("Vol. %(volume)s, No. %(number)s") % {"volume": self.volume, "number": self.number}

    @property
    def guid(self):
        """The feed GUID / Atom id: never changes when the issue is edited, retitled or moved."""
        return feeds.issue_guid(self)

    @property
    def summary_text(self):
        """Plain text for listings and feed summaries: the listing summary, else the editor's note."""
        if self.listing_summary:
            return self.listing_summary
        text = " ".join(strip_tags(expand_db_html(self.editors_note or "")).split())
        return Truncator(text).chars(300)

    @property
    def description(self):
        return self.search_description or self.summary_text

    @cached_property
    def series(self):
        """The digest index this issue belongs to (None for an unsaved page being previewed)."""
        if not self.path or not self.depth:
            return None

        def parent():
            found = DigestIndexPage.objects.filter(path=self.path[: -self.steplen]).first()  # one query
            if found is None:
                found = self.get_parent()
                found = found.specific if found is not None else None
            return found

        if not self.pk or not self.live:  # a preview or a draft: as it is now
            return parent()
        # Kept with the lookups: a publication, move or deletion anywhere moves their generation on.
        return lookups.cached(f"digest-series:{self.pk}:{self.path}", parent)

    def digest_items(self, fields_by_key=None):
        """The items as DigestItem objects, fields shown in this issue's language, HTML cleaned."""
        if fields_by_key is None:
            fields_by_key = lookups.terms_in_locale(FieldOfMedicine, self.locale_id)
        result = []
        for number, block in enumerate((b for b in self.items if b.block_type == "item"), start=1):
            value = block.value
            field = value.get("field")
            if field is not None:
                field = field.in_locale(self.locale_id, fields_by_key)
            image = value.get("image")
            result.append(
                DigestItem(
                    number=number,
                    anchor=f"item-{number}",
                    headline=value.get("headline") or "",
                    field=field,
                    summary_html=clean_html(value["summary"].__html__()) if value.get("summary") else "",
                    source_name=value.get("source_name") or "",
                    source_url=safe_url(value.get("source_url") or ""),
                    source_date=value.get("source_date"),
                    image=image,
                    image_alt=(value.get("image_alt") or "") if image else "",
                )
            )
        return result

    def fields(self, fields_by_key=None):
        """The distinct fields of this issue's items, in taxonomy order."""
        seen = OrderedDict()
        for item in self.digest_items(fields_by_key):
            if item.field is not None:
                seen.setdefault(item.field.translation_key, item.field)
        return sorted(seen.values(), key=lambda field: (field.sort_order, field.name))

    def editors_note_html(self):
        return clean_html(expand_db_html(self.editors_note or ""))

    def sibling_issues(self):
        return public(DigestIssuePage.objects.sibling_of(self, inclusive=False).live()).defer_streamfields()

    def previous_issue(self):
        return self.sibling_issues().filter(issue_month__lt=self.issue_month).order_by("-issue_month").first()

    def next_issue(self):
        return self.sibling_issues().filter(issue_month__gt=self.issue_month).order_by("issue_month").first()

    def neighbours(self):
        """``(previous issue, next issue)`` of the series, each None at its end; kept with the lookups for a live
        issue (any publication, unpublication, move or deletion moves their generation on)."""
        if not self.path:
            return None, None
        if not self.pk or not self.live:
            return self.previous_issue(), self.next_issue()
        return lookups.cached(
            f"digest-neighbours:{self.pk}:{self.path}:{self.issue_month}",
            lambda: (self.previous_issue(), self.next_issue()),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Evaluated only when the main content is rendered, not when it comes from the fragment cache.
        context["items"] = SimpleLazyObject(self.digest_items)
        context["series"] = SimpleLazyObject(lambda: self.series)
        if self.path:
            neighbours = SimpleLazyObject(self.neighbours)
            context["previous_issue"] = SimpleLazyObject(lambda: neighbours[0])
            context["next_issue"] = SimpleLazyObject(lambda: neighbours[1])
        return context


class DigestIndexPage(RoutablePageMixin, BasePage):
    """One series of the digest in one language: its issues by year, the archive, and its feeds."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Medical science digest")

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    feed_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("feed image"),
        help_text=_("A square logo shown by feed readers. The SMART logo is used if empty."),
    )
    feed_item_limit = models.PositiveSmallIntegerField(
        _("issues in the feeds"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many of the newest issues the RSS and Atom feeds carry; older ones stay in the archive."),
    )

    template = "content/digest_index_page.html"
    schema_page_type = "CollectionPage"
    subpage_types = ["content.DigestIssuePage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    settings_panels = BasePage.settings_panels + [
        MultiFieldPanel([FieldPanel("feed_image"), FieldPanel("feed_item_limit")], heading=_("Feeds"))
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("digest index page")
        verbose_name_plural = _("digest index pages")

    def periodical_ld(self, with_details=True):
        return jsonld.periodical_ld(self, with_details)

    def main_entity_ld(self):
        return self.periodical_ld()

    # Queries
    def issues(self):
        """Live, public issues of this series, newest first."""
        return (
            DigestIssuePage.objects.child_of(self)
            .live()
            .filter(public_q())
            .select_related("lead_image", "listing_image")
            .order_by("-issue_month", "-first_published_at", "-pk")
        )

    def feed_issues(self):
        return self.issues().select_related("pdf_edition", "locale")[: self.feed_item_limit]

    def years(self):
        """[(year, number of issues)] newest year first."""
        rows = (
            self.issues()
            .order_by()
            .annotate(year=ExtractYear("issue_month"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )
        return [(row["year"], row["count"]) for row in rows]

    def fields_of_medicine(self):
        """The fields (in this series' language) that items of its live issues are filed under.

        Only used ones: a field created for a translation still in progress (untranslated, see
        content/translating.py) is not offered to readers before an issue using it is published."""
        chosen = set()
        for issue in self.issues().select_related(None).only("pk", "items"):
            for block in issue.items.raw_data:
                if block.get("type") == "item" and (block.get("value") or {}).get("field"):
                    chosen.add(block["value"]["field"])
        keys = FieldOfMedicine.objects.filter(pk__in=chosen).values("translation_key")
        return list(FieldOfMedicine.objects.filter(locale_id=self.locale_id, translation_key__in=keys))

    # URLs
    def feed_url(self, kind):
        """Absolute URL of this series' feed: kind is "rss" or "atom"."""
        parts = self.get_url_parts()
        if parts is None:
            return ""
        return absolute_url(parts[2] + self.reverse_subpage(f"feed_{kind}"))

    @property
    def feed_urls(self):
        return {"rss": self.feed_url("rss"), "atom": self.feed_url("atom")}

    def archive_url(self, year=None):
        sub = self.reverse_subpage("archive_year", kwargs={"year": year}) if year else self.reverse_subpage("archive")
        return self.url + sub

    # Views
    def _listing(self, request, year=None, full_archive=False):
        return listing_context(self, request, year, full_archive)

    @path("", name="index")
    def index_view(self, request):
        return self.render(request, context_overrides=self._listing(request))

    @path("archive/", name="archive")
    def archive_view(self, request):
        return self.render(request, context_overrides=self._listing(request, full_archive=True))

    @path("archive/<int:year>/", name="archive_year")
    def archive_year_view(self, request, year):
        if not 1900 < year < 3000 or not self.issues().filter(issue_month__year=year).exists():
            raise Http404
        return self.render(request, context_overrides=self._listing(request, year=year))

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return feeds.feed_response(self, request, "rss")

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return feeds.feed_response(self, request, "atom")

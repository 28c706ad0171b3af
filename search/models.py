"""The embedded engine's index: one row per live public page (a page has one locale).

The row keeps the original text (for results and highlights) and the CJK bigram streams. On SQLite an FTS5
table (search_fts, external content over this table, kept in sync by triggers) indexes it; on PostgreSQL a
tsvector column with a GIN index does. Both are created by migration 0001 for the database in use only.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

# A document's id carries what results are filtered and counted by, so that SQLite answers from the FTS
# index alone (no lookup of 100,000 rows for a common word):
#   id = page id << 27 | content type id << 11 | year code << 3 | locale code
LOCALE_BITS, YEAR_BITS, TYPE_BITS = 3, 8, 16
YEAR_SHIFT, TYPE_SHIFT, PAGE_SHIFT = LOCALE_BITS, LOCALE_BITS + YEAR_BITS, LOCALE_BITS + YEAR_BITS + TYPE_BITS
FIRST_YEAR = 1900  # year code 0 means "no date"


def locale_code(language_code):
    codes = [code for code, _name in settings.LANGUAGES]
    position = codes.index(language_code) + 1 if language_code in codes else 0
    return position if position < 2**LOCALE_BITS else 0


def year_code(year):
    return year - FIRST_YEAR + 1 if year and FIRST_YEAR <= year < FIRST_YEAR + 2**YEAR_BITS - 1 else 0


def year_from_code(code):
    return code + FIRST_YEAR - 1 if code else None


def content_type_id(label):
    app_label, _dot, model = label.partition(".")
    try:
        value = ContentType.objects.get_by_natural_key(app_label, model).pk
    except ContentType.DoesNotExist:
        return 0
    return value if value < 2**TYPE_BITS else 0


def document_id(page_id, language_code, year, label):
    return (
        page_id << PAGE_SHIFT
        | content_type_id(label) << TYPE_SHIFT
        | year_code(year) << YEAR_SHIFT
        | locale_code(language_code)
    )


class SearchDocument(models.Model):
    id = models.BigAutoField(primary_key=True)  # always given: see document_id()
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    locale = models.CharField(_("locale"), max_length=20)
    url = models.TextField(_("URL"))
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    content_type = models.CharField(_("content type"), max_length=100)
    section = models.CharField(_("section"), max_length=255, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    tags = models.TextField(_("tags"), blank=True, help_text=_("One tag a line."))
    title_tokens = models.TextField(blank=True)
    summary_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"{self.title} ({self.locale})"

    @property
    def tag_list(self):
        return [t for t in self.tags.splitlines() if t]

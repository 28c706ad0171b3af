"""Topics of white papers and series of events: small translated snippets with a slug shared by all languages.

Why snippets and not tags: a tag is a free word in one language, so the Chinese and English pages of the
same white paper would carry different tags and a filter link such as ``?topic=talent`` could not mean
the same thing in both languages. A topic is one translatable object (same translation key in every
language) with a synchronised slug, so ``?topic=talent`` filters the same topic on /zh-hans/ and /en/,
and editors translate its name once, with wagtail-localize, like any other snippet.
"""

from django.core.validators import validate_slug
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from content.lookups import terms_in_locale


class SluggedTerm(TranslatableMixin, models.Model):
    """A term of a small translated taxonomy (topics, event series, fields of medicine) in one language.

    Translations share the translation key and the slug, so a filter link such as ``?topic=talent`` means the
    same term in every language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        validators=[validate_slug],
        help_text=_("Used in filter links. The same in every language."),
    )
    description = models.CharField(_("description"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=100, help_text=_("Listed from the lowest number up.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def in_locale(self, locale, terms_by_key=None):
        """This term's row in ``locale`` (a Locale or its id), else this row; a ``for_locale`` map of that locale
        saves the look-up."""
        locale_id = getattr(locale, "pk", locale)
        if self.locale_id == locale_id:
            return self
        if terms_by_key is None:
            terms_by_key = terms_in_locale(type(self), locale_id)
        return terms_by_key.get(self.translation_key) or self

    @classmethod
    def for_locale(cls, locale):
        """Every term in a locale, keyed by translation key (to show a term chosen in any language)."""
        return {term.translation_key: term for term in cls.objects.filter(locale=locale)}


class Topic(SluggedTerm):
    """A topic white papers are filed under (research funding, talent, clinical research, ...)."""

    class Meta(SluggedTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="content_topic_unique_slug_per_locale")]


class EventSeries(SluggedTerm):
    """A series of events, such as the SMART Symposia."""

    class Meta(SluggedTerm.Meta):
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="content_eventseries_unique_slug_per_locale")
        ]

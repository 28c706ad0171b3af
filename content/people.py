"""People: speakers, white paper authors and others named on pages, edited once as a translatable snippet.

A person has one row per language (same translation key): the Chinese row holds the name as written in
Chinese, the English row the name in Latin letters. Family and given names are kept apart so that
citations can be written the way GB/T 7714 and APA want them.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from content.lookups import rows_in_locale

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_cjk(text):
    return bool(CJK.search(text or ""))


class Person(TranslatableMixin, index.Indexed, models.Model):
    """One person in one language."""

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("As it is shown on pages, for example 张明远 or Mingyuan Zhang."),
    )
    family_name = models.CharField(
        _("family name"), max_length=80, blank=True, help_text=_("For citations, for example 张 or Zhang.")
    )
    given_names = models.CharField(
        _("given names"), max_length=80, blank=True, help_text=_("For citations, for example 明远 or Mingyuan.")
    )
    title = models.CharField(
        _("title or position"),
        max_length=160,
        blank=True,
        help_text=_("For example professor, principal investigator."),
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    honours = models.CharField(
        _("honours"),
        max_length=250,
        blank=True,
        help_text=_("Prizes and memberships worth naming, for example an academy membership."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=2000)
    website = models.URLField(_("web page"), blank=True, help_text=_("Optional: a profile page or ORCID link."))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_names")], heading=_("Name for citations")),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("affiliation"), FieldPanel("honours")], heading=_("Position")),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("family_name"),
        TranslatableField("given_names"),
        TranslatableField("title"),
        TranslatableField("affiliation"),
        TranslatableField("honours"),
        TranslatableField("bio"),
        SynchronizedField("photo"),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def in_locale(self, locale):
        """This person's row in ``locale`` (a Locale or its id), or this row if it has no translation there."""
        locale_id = getattr(locale, "pk", locale)
        if self.locale_id == locale_id:
            return self
        return Person.objects.filter(translation_key=self.translation_key, locale_id=locale_id).first() or self

    @property
    def position_line(self):
        """Title and affiliation on one line."""
        return ", ".join(part for part in (self.title, self.affiliation) if part)

    # -- names for citations ---------------------------------------------------------------------------
    def name_parts(self):
        """(family name, given names), from the citation fields or split from the name."""
        family, given = self.family_name.strip(), self.given_names.strip()
        if not family:
            if has_cjk(self.name):
                family, given = self.name[:1], self.name[1:]
            else:
                words = self.name.split()
                family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
        return family, given

    @staticmethod
    def _initials(given, dots):
        initials = []
        for word in re.split(r"[\s]+", given.strip()):
            if not word:
                continue
            hyphenated = [part[:1].upper() for part in word.split("-") if part]
            initials.append(("-" if not dots else ".-").join(hyphenated) + ("." if dots else ""))
        return " ".join(initials)

    def gbt_name(self):
        """GB/T 7714-2015: 张明远; ZHANG M (family name in capitals, initials without full stops)."""
        if has_cjk(self.name):
            return self.name
        family, given = self.name_parts()
        initials = self._initials(given, dots=False)
        return f"{family.upper()} {initials}".strip()

    def apa_name(self):
        """APA 7: Zhang, M.; a name in Chinese characters is kept whole."""
        if has_cjk(self.name):
            return self.name
        family, given = self.name_parts()
        initials = self._initials(given, dots=True)
        return f"{family}, {initials}" if initials else family


def people_in_locale(people, locale):
    """The rows of ``people`` in ``locale`` where a translation exists (one query), order kept."""
    return rows_in_locale(people, locale, Person.objects.select_related("photo"))

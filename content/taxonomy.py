"""Fields of medicine: the staff-managed, translated taxonomy that digest items are filed under."""

from django.core.validators import validate_slug
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class FieldOfMedicine(TranslatableMixin, models.Model):
    """One field of medicine (oncology, neuroscience, AI in medicine, ...) in one language.

    Translations share the translation key and the slug, so a filter link such as ``?field=oncology``
    means the same field in every language.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        validators=[validate_slug],
        help_text=_("Used in filter links, for example oncology. The same in every language."),
    )
    description = models.CharField(_("description"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=100, help_text=_("Fields are listed from the lowest number up.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("field of medicine")
        verbose_name_plural = _("fields of medicine")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="content_fieldofmedicine_unique_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_locale(cls, locale):
        """Every field in a locale, keyed by translation key (to show a field chosen in any language)."""
        return {field.translation_key: field for field in cls.objects.filter(locale=locale)}

    def in_locale(self, locale, fields_by_key=None):
        """This field's translation in ``locale`` (a ``for_locale`` map saves the queries), else itself."""
        if self.locale_id == getattr(locale, "pk", locale):
            return self
        if fields_by_key is not None:
            return fields_by_key.get(self.translation_key, self)
        if isinstance(locale, int):
            locale = Locale.objects.get(pk=locale)
        return self.get_translation_or_none(locale) or self

"""Fields of medicine: the staff-managed, translated taxonomy that digest items are filed under."""

from django.core.validators import validate_slug
from django.db import models
from django.utils.translation import gettext_lazy as _

from content.topics import SluggedTerm


class FieldOfMedicine(SluggedTerm):
    """One field of medicine (oncology, neuroscience, AI in medicine, ...) in one language.

    Translations share the translation key and the slug, so a filter link such as ``?field=oncology``
    means the same field in every language. Its name is shorter than other terms' and its help texts name
    fields (the table and its migrations stay as they were).
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        validators=[validate_slug],
        help_text=_("Used in filter links, for example oncology. The same in every language."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=100, help_text=_("Fields are listed from the lowest number up.")
    )

    class Meta(SluggedTerm.Meta):
        verbose_name = _("field of medicine")
        verbose_name_plural = _("fields of medicine")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="content_fieldofmedicine_unique_slug_per_locale")
        ]

"""What gifts may be designated to (a programme, the general fund), kept by foundation staff in both languages,
with the progress notes that donor reports quote."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from records.translated import localized


class Designation(ClusterableModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    active = models.BooleanField(
        _("offered on the pledge form"), default=True, help_text=_("Only active designations can be chosen by donors.")
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order"), FieldPanel("active")]),
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
        FieldPanel("description_zh"),
        FieldPanel("description_en"),
        InlinePanel("progress_notes", heading=_("Progress of the funded projects"), label=_("Progress note")),
    ]

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")

    @property
    def description(self):
        return localized(self, "description")

    def name_in(self, language):
        return self.name_en if (language or "").startswith("en") and self.name_en else self.name_zh


class ProgressNote(models.Model):
    """The progress of the projects a designation funds, as reported to donors."""

    designation = ParentalKey(Designation, on_delete=models.CASCADE, related_name="progress_notes")
    reported_on = models.DateField(_("date"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_zh = models.TextField(_("progress (Chinese)"))
    body_en = models.TextField(_("progress (English)"))

    panels = [
        FieldPanel("reported_on"),
        FieldPanel("title_zh"),
        FieldPanel("title_en"),
        FieldPanel("body_zh"),
        FieldPanel("body_en"),
    ]

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.reported_on:%Y-%m-%d} {localized(self, 'title')}"

    def text_in(self, language):
        """(title, body) in ``language`` (English falls back to Chinese where it is empty)."""
        if (language or "").startswith("en"):
            return self.title_en or self.title_zh, self.body_en or self.body_zh
        return self.title_zh, self.body_zh

"""Job applications, as the job posting pages' application forms hand them over.

The posting is stored by plain values (page id, translation key, title, URL, category): ``records``
never imports page models. CV, cover letter and research statement live in private storage.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobApplication(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SCREENING = "screening", _("Screening")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)

    posting_page_id = models.PositiveIntegerField(_("posting page id"))
    posting_key = models.CharField(_("posting key"), max_length=64, db_index=True)
    posting_title = models.CharField(_("position"), max_length=255)
    posting_url = models.URLField(_("posting page"), max_length=500)
    posting_category = models.CharField(_("category"), max_length=40, db_index=True)

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40)
    current_position = models.CharField(_("current position"), max_length=150, blank=True)
    institution = models.CharField(_("current institution"), max_length=200, blank=True)
    highest_degree = models.CharField(_("highest degree"), max_length=100, blank=True)

    cv = models.ForeignKey(
        "records.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("CV")
    )
    cover_letter = models.ForeignKey(
        "records.StoredFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cover letter"),
    )
    research_statement = models.ForeignKey(
        "records.StoredFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("research statement"),
    )

    language = models.CharField(_("language"), max_length=10)
    consent_at = models.DateTimeField(_("consent given"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.reference

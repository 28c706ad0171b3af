"""Job applications, as the job posting pages' application forms hand them over.

The posting is stored by plain values (page id, translation key, title, URL, category): ``records``
never imports page models. CV, cover letter and research statement live in private storage. Once a
candidate who was not hired has been closed for the retention period, ``services.retention`` blanks the
personal fields and deletes the files; status, category and dates stay for the reports.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """The kinds of position a job posting recruits for (the posting pages use the same values)."""

    PRINCIPAL_INVESTIGATOR = "pi", _("Principal investigators")
    POSTDOC = "postdoc", _("Postdoctoral fellows")
    RESEARCH_SUPPORT = "research-support", _("Research support staff")
    MANAGEMENT = "management", _("Management staff")
    PHD = "phd", _("SMART Program (PhD students)")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


PERSONAL_FIELDS = ("name", "email", "phone", "current_position", "institution", "highest_degree")
FILE_FIELDS = ("cv", "cover_letter", "research_statement")


class JobApplication(models.Model):
    Status = Status

    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)

    posting_page_id = models.PositiveIntegerField(_("posting page id"))
    posting_key = models.CharField(_("posting key"), max_length=64, db_index=True)
    posting_title = models.CharField(_("position"), max_length=255)
    posting_url = models.URLField(_("posting page"), max_length=500)
    posting_category = models.CharField(_("category"), max_length=40, db_index=True, choices=Category.choices)

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
    offered_at = models.DateTimeField(_("offer made"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("closed"), null=True, blank=True, help_text=_("When the candidate was hired, rejected or withdrew.")
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "closed_at"], name="recruitment_app_retention"),
            models.Index(fields=["posting_category", "submitted_at"], name="recruitment_app_category"),
        ]

    def __str__(self):
        return self.reference

    @property
    def year(self):
        return timezone.localtime(self.submitted_at).year

    @property
    def display_name(self):
        return self.name or _("(anonymised)")

"""Applications to a call, their team, panel meetings and disbursements of awards."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.files import StoredFile

from .setup import localized


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    FORMAL_REVIEW = "formal_review", _("In formal review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED_FORMAL = "rejected_formal", _("Rejected at formal review")
    PEER_REVIEW = "peer_review", _("In peer review")
    PANEL_REVIEW = "panel_review", _("In panel review")
    FUNDED = "funded", _("Funded")
    NOT_FUNDED = "not_funded", _("Not funded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PanelMeeting(models.Model):
    call = models.ForeignKey("grants.Call", on_delete=models.CASCADE, related_name="panel_meetings")
    held_on = models.DateField(_("held on"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("panel meeting")
        verbose_name_plural = _("panel meetings")
        ordering = ["-held_on"]

    def __str__(self):
        return f"{localized(self, 'title')} ({self.held_on:%Y-%m-%d})"


class Application(models.Model):
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    call = models.ForeignKey(
        "grants.Call", on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    application_type = models.ForeignKey(
        "grants.ApplicationType", on_delete=models.PROTECT, related_name="applications", verbose_name=_("type")
    )
    category = models.ForeignKey(
        "grants.Category", on_delete=models.PROTECT, related_name="applications", verbose_name=_("category")
    )
    institution = models.ForeignKey(
        "grants.Institution",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("host institution"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)

    pi_name = models.CharField(_("principal investigator"), max_length=100)
    pi_title = models.CharField(_("position"), max_length=100, blank=True)
    pi_email = models.EmailField(_("email"))
    pi_phone = models.CharField(_("phone"), max_length=40)

    title = models.CharField(_("project title"), max_length=300)
    abstract = models.TextField(_("abstract"), max_length=4000)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"))
    requested_budget = models.DecimalField(
        _("requested budget (CNY)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    ethics_declaration = models.BooleanField(_("ethics declaration"), default=False)
    pipl_consent = models.BooleanField(_("consent to personal information processing"), default=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    proposal = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("proposal")
    )
    budget_sheet = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("budget sheet")
    )
    language = models.CharField(_("language"), max_length=10, default="zh-hans")

    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at formal review"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    review_score = models.DecimalField(_("review score"), max_digits=6, decimal_places=2, null=True, blank=True)
    review_count = models.PositiveSmallIntegerField(_("reviews"), default=0)
    award_amount = models.DecimalField(_("award (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    panel_meeting = models.ForeignKey(
        PanelMeeting,
        verbose_name=_("panel meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["call", "status"], name="grants_app_call_status"),
            models.Index(fields=["call", "category", "status"], name="grants_app_call_category"),
            models.Index(fields=["call", "application_type"], name="grants_app_call_type"),
            models.Index(fields=["call", "institution"], name="grants_app_call_inst"),
            models.Index(fields=["call", "-submitted_at"], name="grants_app_call_submitted"),
            models.Index(fields=["-submitted_at", "-id"], name="grants_app_submitted"),
            models.Index(fields=["status"], name="grants_app_status"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def disbursed_amount(self):
        return self.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal("0")

    @property
    def fully_disbursed(self):
        return self.award_amount is not None and self.disbursed_amount >= self.award_amount


class TeamMember(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("name"), max_length=100)
    institution_name = models.CharField(_("institution"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name, self.institution_name = self.name.strip(), self.institution_name.strip()
        super().save(*args, **kwargs)


class Disbursement(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="disbursements")
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "pk"]

    def __str__(self):
        return f"{self.amount} ({self.paid_on})"

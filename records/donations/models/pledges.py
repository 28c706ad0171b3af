"""Pledges from the public form, and the payments received against them with their receipts."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.files import StoredFile

# The largest pledge the public form takes (CNY 100 million); larger gifts are arranged with the foundation.
MAX_AMOUNT = Decimal("100000000.00")
CENT = Decimal("0.01")


class Status(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    PARTLY_RECEIVED = "partly_received", _("Partly received")
    FULLY_RECEIVED = "fully_received", _("Fully received")
    CANCELLED = "cancelled", _("Cancelled")


class DonorType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CHEQUE = "cheque", _("Cheque")
    OTHER = "other", _("Other")


class Pledge(models.Model):
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLEDGED)
    donor_type = models.CharField(_("donor type"), max_length=20, choices=DonorType.choices)
    donor_name = models.CharField(_("donor name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    amount = models.DecimalField(
        _("amount pledged (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(CENT)]
    )
    designation = models.ForeignKey(
        "donations.Designation", on_delete=models.PROTECT, related_name="pledges", verbose_name=_("designation")
    )
    anonymous = models.BooleanField(_("wishes to stay anonymous"), default=False)
    consent_named = models.BooleanField(_("agrees to be named on the donor list"), default=False)
    message = models.TextField(_("message"), blank=True)
    pipl_consent = models.BooleanField(_("consent to personal information processing"), default=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    agreement = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("agreement")
    )
    pledged_at = models.DateTimeField(_("pledged"), default=timezone.now)
    agreement_signed_at = models.DateTimeField(_("agreement signed"), null=True, blank=True)
    fully_received_at = models.DateTimeField(_("fully received"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-pledged_at", "-pk"]
        indexes = [
            models.Index(fields=["status"], name="donations_pledge_status"),
            models.Index(fields=["email"], name="donations_pledge_email"),
            models.Index(fields=["designation", "pledged_at"], name="donations_pledge_designation"),
        ]

    def __str__(self):
        return f"{self.reference} {self.donor_name}"

    @property
    def received_amount(self):
        return self.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")


class Payment(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="payments", verbose_name=_("pledge"))
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(CENT)]
    )
    received_on = models.DateField(_("received on"))
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    over_pledge_note = models.TextField(
        _("note on exceeding the pledge"),
        blank=True,
        help_text=_("Why the payments add up to more than the pledge (required when they do)."),
    )
    receipt_number = models.CharField(_("receipt number"), max_length=24, unique=True)
    receipt_issued_on = models.DateField(_("receipt issued on"))
    receipt = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("receipt")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.receipt_number} {self.amount}"

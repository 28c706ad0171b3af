"""Host institutions (依托单位): registered through the public form, approved or rejected by the grants office."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.files import StoredFile
from records.validators import (  # noqa: F401  (re-exported for the grants' code)
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_WEIGHTS,
    credit_code_check_character,
    normalize_credit_code,
)
from records.validators import validate_credit_code as _validate_credit_code


def validate_credit_code(value):
    """``records.validators.validate_credit_code`` under the name the grants' migrations refer to."""
    _validate_credit_code(value)


class InstitutionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Institution(models.Model):
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    registration_round = models.ForeignKey(
        "grants.RegistrationRound", on_delete=models.PROTECT, related_name="institutions", verbose_name=_("round")
    )
    name = models.CharField(_("institution name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, validators=[validate_credit_code])
    address = models.CharField(_("address"), max_length=300)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    licence = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("licence")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InstitutionStatus.choices, default=InstitutionStatus.PENDING
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    submitted_at = models.DateTimeField(_("registered"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("host institution")
        verbose_name_plural = _("host institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(status="rejected"), name="grants_institution_code_unique"
            )
        ]
        indexes = [models.Index(fields=["status", "decided_at"], name="grants_inst_status")]

    def __str__(self):
        return self.name

"""Host institutions (依托单位): registered through the public form, approved or rejected by the grants office."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.files import StoredFile

# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z); the last is a check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17):
    """The GB 32100-2015 check character for the first 17 characters of a unified social credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value):
    return "".join((value or "").split()).upper()


def validate_credit_code(value):
    """Validate a unified social credit code (统一社会信用代码): length, alphabet and check character."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)s."),
            code="length",
            params={"count": len(code)},
        )
    if any(ch not in CREDIT_CODE_ALPHABET for ch in code):
        raise ValidationError(
            _("A unified social credit code uses only digits and the capital letters A–Y except I, O, S, V and Z."),
            code="alphabet",
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the digits of an administrative area code."),
            code="area",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: its last character (the check character) does not match."),
            code="check",
        )


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

    @property
    def is_approved(self):
        return self.status == InstitutionStatus.APPROVED

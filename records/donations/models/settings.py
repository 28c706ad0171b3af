"""The foundation's own data and rules, kept in the admin (Settings → Foundation receipts and rules) by foundation
staff: the amount below which a payment may be recorded without a signed agreement, and what every receipt
carries (the unified social credit code and the seal)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from records.files import StoredFile, download_url, store_upload
from records.validators import normalize_credit_code, validate_credit_code

from ..roles import is_foundation_staff

SEAL_MAX_BYTES = 2 * 1024 * 1024
SEAL_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def check_seal_image(upload):
    """The kind ("png" or "jpg") of an uploaded seal image, checked by its content; else a ValidationError."""
    if upload.size > SEAL_MAX_BYTES:
        raise ValidationError(_("The seal image must be at most 2 MB."), code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = SEAL_FORMATS.get(image.format)
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("Upload the seal as a PNG or JPEG image."), code="not_image") from error
    finally:
        upload.seek(0)
    if kind is None:
        raise ValidationError(_("Upload the seal as a PNG or JPEG image."), code="not_image")
    return kind


class FoundationSettingsForm(WagtailAdminModelForm):
    """The settings form: the seal is uploaded here into private storage (replacing the one before) or removed."""

    seal_upload = forms.FileField(
        label=_("Seal image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
        help_text=_(
            "The foundation's seal as a PNG (a transparent background prints best) or JPEG, printed on every "
            "receipt. Without one, receipts keep an empty place for a stamped seal."
        ),
    )
    remove_seal = forms.BooleanField(label=_("Remove the seal image"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seal = self.instance.seal if self.instance.pk else None
        if seal is not None and "seal_upload" in self.fields:
            self.fields["seal_upload"].help_text = format_html(
                '{} <a href="{}">{}</a>',
                _("On file:"),
                download_url(seal),
                seal.original_name,
            )

    def clean_seal_upload(self):
        upload = self.cleaned_data.get("seal_upload")
        if upload:
            upload.checked_kind = check_seal_image(upload)
        return upload

    def save(self, commit=True):
        instance = super().save(commit=commit)
        upload = self.cleaned_data.get("seal_upload")
        if commit and (upload or self.cleaned_data.get("remove_seal")):
            previous = instance.seal
            instance.seal = store_upload(upload, role="seal", owner=instance) if upload else None
            instance.save(update_fields=["seal"])
            if previous is not None:
                previous.file.delete(save=False)
                previous.delete()
        return instance


@register_setting(icon="pick", order=510)
class FoundationSettings(BaseGenericSetting):
    agreement_threshold = models.DecimalField(
        _("signed agreement required from (CNY)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "Pledges of this amount or more need a signed agreement before a payment can be recorded; smaller ones "
            "may be paid without one. Leave empty to require an agreement for every pledge."
        ),
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("The foundation's 18-character code (统一社会信用代码), printed on every receipt."),
    )
    seal = models.ForeignKey(
        StoredFile,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seal image"),
    )

    base_form_class = FoundationSettingsForm
    panels = [
        FieldPanel("agreement_threshold"),
        MultiFieldPanel(
            [FieldPanel("credit_code"), FieldPanel("seal_upload"), FieldPanel("remove_seal")],
            heading=_("Receipts"),
        ),
    ]

    class Meta:
        verbose_name = _("foundation receipts and rules")
        verbose_name_plural = _("foundation receipts and rules")

    def save(self, *args, **kwargs):
        self.credit_code = normalize_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    def agreement_required(self, amount):
        """True if a pledge of ``amount`` needs a signed agreement before a payment is recorded."""
        return self.agreement_threshold is None or amount >= self.agreement_threshold


def seal_access(user, settings_row, stored):
    """Foundation staff (and superusers, always) may open the seal image."""
    return is_foundation_staff(user)

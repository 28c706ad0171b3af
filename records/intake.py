"""Protection for public intake forms: one-time form tokens and a honeypot (the per-IP rate limit of their POSTs
is applied by ``site`` when a page serves the form).

Each rendered form carries a signed one-time token. The intake service ``claim``s it in the same
transaction that stores the record, so a double submit (a double click, a reload, two tabs) finds
the token already used and gets the first record back instead of creating a second. A hidden
honeypot field that people never fill catches simple bots.
"""

import uuid

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_SALT = "records.intake.form-token"
TOKEN_MAX_AGE = 7 * 24 * 3600  # a long application may stay open in a browser tab for days
HONEYPOT_FIELD = "website"


class IntakeToken(models.Model):
    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=40)
    record_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    record_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("form token")
        verbose_name_plural = _("form tokens")

    def __str__(self):
        return f"{self.kind}:{self.token}"

    @property
    def record(self):
        if not self.record_type_id:
            return None
        return self.record_type.get_object_for_this_type(pk=self.record_id)


def issue_token(kind):
    """A new signed one-time token for a form of ``kind``, to embed in the rendered form."""
    return signing.dumps({"k": kind, "t": uuid.uuid4().hex}, salt=TOKEN_SALT, compress=True)


def read_token(value, kind):
    """The token id inside a signed ``value`` for ``kind``; raises ``signing.BadSignature`` if forged or stale."""
    payload = signing.loads(value or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    if not isinstance(payload, dict) or payload.get("k") != kind or not payload.get("t"):
        raise signing.BadSignature("Wrong form token.")
    return payload["t"]


def claim(token, kind):
    """Claim ``token`` inside the current transaction.

    Returns ``(claim, None)`` when the token is new (store the record, then ``complete(claim, record)``),
    or ``(None, record)`` with the record an earlier submit of the same form created.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim() must run inside the transaction that stores the record.")
    try:
        with transaction.atomic():
            return IntakeToken.objects.create(token=token, kind=kind), None
    except IntegrityError:
        existing = IntakeToken.objects.get(token=token)
        return None, existing.record


def complete(token_claim, record):
    token_claim.record_type = ContentType.objects.get_for_model(record)
    token_claim.record_id = str(record.pk)
    token_claim.save(update_fields=["record_type", "record_id"])


class IntakeForm(forms.Form):
    """Base of public intake forms: the one-time token and the honeypot."""

    intake_kind = None
    form_token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", issue_token(self.intake_kind))

    def clean_form_token(self):
        try:
            return read_token(self.cleaned_data.get("form_token"), self.intake_kind)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("This form has expired. Please reload the page and submit it again."), code="token"
            ) from error

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Your submission could not be accepted."), code="honeypot")
        return cleaned

    @property
    def honeypot_triggered(self):
        return any(error.code == "honeypot" for error in self.non_field_errors().as_data())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

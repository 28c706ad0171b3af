"""The intake of public forms: the one skeleton every intake service runs (``receive``), one-time form tokens
and a honeypot (the per-IP rate limit of their POSTs is applied by ``site`` when a page serves the form).

``receive`` owns what every intake shares: one transaction, the form token claimed in it, the record's files
written to private storage (and deleted again if the transaction fails), the audit entry, the acknowledgement
email (sent after commit) and the token's completion. The services of ``grants``, ``recruitment``, ``donations``
and ``events`` only check what is theirs and build their record.

Each rendered form carries a signed one-time token. The intake service ``claim``s it in the same
transaction that stores the record, so a double submit (a double click, a reload, two tabs) finds
the token already used and gets the first record back instead of creating a second. A hidden
honeypot field that people never fill catches simple bots.
"""

import uuid
from dataclasses import dataclass, field

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit
from .files import atomic_with_files, store_upload
from .kept_uploads import KeepsUploads
from .validators import no_control_characters

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


@dataclass
class Receipt:
    """What an intake service built inside ``receive``: the new ``record`` (saved), its ``files`` to store
    (``{field name: (upload or None, role)}``: each upload is written to private storage, attached to the record and
    set on that field), the audit ``action`` with the state the record starts in, and ``acknowledge``, called with
    the record once the files are stored, to send the acknowledgement (emails go out after commit)."""

    record: models.Model
    action: str
    to_state: str = ""
    files: dict = field(default_factory=dict)
    acknowledge: object = None


def receive(kind, token, build, *, at=None):
    """The intake skeleton: store one submission of a public form of ``kind``; return ``(record, created)``.

    In one transaction: the form ``token`` claimed (a repeated submit of the same form returns the first record,
    ``created`` False, and builds nothing), ``build()`` called to check under the transaction's locks and save the
    record (it returns a ``Receipt``, or raises to refuse: nothing is kept), the receipt's files written to private
    storage, an audit entry (by the applicant, at ``at``), the acknowledgement, and the token completed. If any of it
    fails, no row and no file is kept; what fails once the transaction committed takes nothing from the record.
    """
    with atomic_with_files():
        token_claim = None
        if token:
            token_claim, existing = claim(token, kind)
            if existing is not None:
                return existing, False
        receipt = build()
        record = receipt.record
        if receipt.files:
            for name, (upload, role) in receipt.files.items():
                if upload:
                    setattr(record, name, store_upload(upload, role=role, owner=record))
            record.save(update_fields=list(receipt.files))
        audit.record(record, receipt.action, actor_label=audit.APPLICANT, to_state=receipt.to_state, at=at)
        if receipt.acknowledge is not None:
            receipt.acknowledge(record)
        if token_claim is not None:
            complete(token_claim, record)
    return record, True


class IntakeForm(KeepsUploads, forms.Form):
    """Base of public intake forms: the one-time token and the honeypot; the uploads that passed their checks are
    kept for the retry when the form is shown again (``records.kept_uploads``)."""

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

    def kept_uploads_owner(self):
        """The id of this form's one-time token, to which its kept uploads belong (None if it is not valid)."""
        try:
            return read_token(self.data.get(self.add_prefix("form_token")), self.intake_kind)
        except signing.BadSignature:
            return None

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
        """True when the hidden field people never fill was filled (a bot): nothing of the form is kept."""
        return any(error.code == "honeypot" for error in self.non_field_errors().as_data())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


def text_field(label, max_length, *, required=True, help_text="", validators=(no_control_characters,), widget=None):
    """A text field of a public form, refusing control characters unless other ``validators`` are given."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=list(validators),
        widget=widget,
    )


class PublicForm(IntakeForm):
    """An intake form whose hidden token's error is shown with the form's own errors (a hidden field has no place)."""

    def clean(self):
        cleaned = super().clean()
        for message in self._errors.get("form_token", []):
            self.add_error(None, message)
        return cleaned

"""Uploads kept for the retry: a public form that fails on another field does not ask for its files again.

When an intake form (``records.intake.IntakeForm``) is shown again with errors, each file field whose upload passed
its own checks (``records.uploads.CheckedFileField``: type by content, no active content, size) has that upload
copied into the ``kept/`` folder of private storage (``records.files``: no URL, never under MEDIA_ROOT) under a
random name. The form shows "Kept: name.pdf (1.2 MB)" and carries a signed token in a hidden input
(``<field>-kept``). The token names the stored file, its original name, size and kind, the form kind and field, and
the form's one-time token: it cannot be guessed, altered, or used in another applicant's form (another form token)
or for another field. On the next POST a field without a new file uses the kept file, checked again, exactly as if
it had been uploaded; choosing a new file replaces it (the old copy is deleted), ticking "remove" deletes it.

The kept copy is deleted when the submission that used it commits (``records.files.store_upload``), and, when the
applicant never comes back, by the daily sweep of private files that no record names
(``records.files.sweep_orphans``, run by the scheduler and ``manage.py sweep_private_files``) once older than
``KEPT_AGE``. A token older than that, altered, or for another form gives a translated error on its field and
nothing is stored. A rejected upload is never kept, nor anything of a form whose honeypot was filled or whose form
token is not valid. File names are never logged.
"""

import contextlib
import functools
import logging
import posixpath
import uuid
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .files import ORPHAN_AGE, get_private_storage
from .uploads import MIME_TYPES, CheckedFileField

KEPT_FOLDER = "kept"
KEPT_AGE = ORPHAN_AGE  # the daily sweep deletes what is older: a token must not outlive its file
SALT = "records.kept-upload"
TOKEN_SUFFIX = "-kept"
REMOVE_SUFFIX = "-kept-remove"
logger = logging.getLogger(__name__)

EXPIRED = _("The file you chose earlier is no longer kept (files are kept for a day). Please choose it again.")
INVALID = _("The file you chose earlier could not be found. Please choose it again.")


@dataclass(frozen=True)
class KeptUpload:
    """What the form shows of a kept file, and the names of its hidden token input and its "remove" checkbox."""

    token: str
    name: str
    size: int
    input_name: str

    @property
    def size_text(self):
        return filesizeformat(self.size)

    @property
    def remove_name(self):
        return self.input_name[: -len(TOKEN_SUFFIX)] + REMOVE_SUFFIX


def keep(uploaded, *, purpose, owner, input_name):
    """Copy a checked upload into private storage for the retry; return its ``KeptUpload`` (with the signed token).

    ``purpose`` names the form kind and field, ``owner`` is the id of the form's one-time token."""
    storage = get_private_storage()
    path = storage.save(f"{KEPT_FOLDER}/{uuid.uuid4().hex}", File(uploaded))  # copied, never moved
    uploaded.seek(0)
    payload = {"p": path, "n": uploaded.name, "s": uploaded.size, "c": uploaded.checked_kind, "u": purpose, "o": owner}
    token = signing.dumps(payload, salt=SALT, compress=True)
    return KeptUpload(token=token, name=uploaded.name, size=uploaded.size, input_name=input_name)


def _payload(token, *, purpose, owner):
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=KEPT_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(EXPIRED, code="kept_expired") from error
    except signing.BadSignature as error:
        raise ValidationError(INVALID, code="kept_invalid") from error
    path = payload.get("p") if isinstance(payload, dict) else None
    if (
        not owner
        or payload.get("u") != purpose
        or payload.get("o") != owner
        or not isinstance(path, str)
        or posixpath.dirname(path) != KEPT_FOLDER
        or ".." in path
    ):
        raise ValidationError(INVALID, code="kept_invalid")
    return payload


class AlreadyStored(UploadedFile):
    """Stands for a kept file that a first submit of the same form stored (and deleted) already: the intake service
    finds the form token claimed and returns that first record without storing anything."""

    already_stored = True


def reopen(token, *, purpose, owner, input_name):
    """The kept file of ``token`` as an upload, ready for the field's checks and ``store_upload``; raises a
    ``ValidationError`` (expired or invalid) otherwise."""
    payload = _payload(token, purpose=purpose, owner=owner)
    storage = get_private_storage()
    kept = KeptUpload(token=token, name=payload["n"], size=payload["s"], input_name=input_name)
    try:
        handle = storage.open(payload["p"], "rb")
    except OSError as error:  # deleted: by the first of two submits of this form, or by the sweep
        from .intake import IntakeToken

        if IntakeToken.objects.filter(token=owner).exists():
            upload = AlreadyStored(name=payload["n"], size=payload["s"], content_type=MIME_TYPES.get(payload["c"]))
            upload.checked_kind = payload["c"]
            return upload
        raise ValidationError(EXPIRED, code="kept_expired") from error
    upload = UploadedFile(file=handle, name=payload["n"], size=payload["s"], content_type=MIME_TYPES.get(payload["c"]))
    upload.kept = kept
    upload.kept_path = payload["p"]
    return upload


def discard(token, *, purpose, owner):
    """Delete the kept file of ``token`` if the token is valid for this form and field; True if it was."""
    try:
        payload = _payload(token, purpose=purpose, owner=owner)
    except ValidationError:
        return False
    with contextlib.suppress(Exception):  # away or gone: the daily sweep deletes what is left
        get_private_storage().delete(payload["p"])
    return True


class KeptChoice:
    """What a file input sent when no new file was chosen: the token of a kept file, and whether to remove it."""

    def __init__(self, token, *, remove, purpose, owner, input_name):
        self.token, self.remove, self.purpose, self.owner, self.input_name = token, remove, purpose, owner, input_name

    def resolve_kept(self):
        """The kept file as an upload, or None when the applicant removed it; raises ``ValidationError``."""
        if self.remove:
            discard(self.token, purpose=self.purpose, owner=self.owner)
            return None
        return reopen(self.token, purpose=self.purpose, owner=self.owner, input_name=self.input_name)


class KeptFileInput(forms.ClearableFileInput):
    """A file input that, when no new file is chosen, reads the kept file's token sent beside it."""

    purpose = owner = None  # set by ``KeepsUploads`` for its form and field

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        token = data.get(name + TOKEN_SUFFIX)
        if upload or not token or self.purpose is None:
            return upload
        remove = bool(data.get(name + REMOVE_SUFFIX))
        return KeptChoice(token, remove=remove, purpose=self.purpose, owner=self.owner, input_name=name + TOKEN_SUFFIX)


class KeepsUploads:
    """Form mixin: the uploads of ``CheckedFileField``s that passed their checks are kept when the form is shown
    again (``field.kept``, read by the form template), and used on the next POST unless replaced or removed.

    The form says who owns its kept files with ``kept_uploads_owner()`` (the id of its one-time token; None: keep
    nothing) and what it is with ``intake_kind``."""

    honeypot_triggered = False  # the intake form says when its honeypot was filled: then nothing is kept

    def kept_uploads_owner(self):
        return None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.kept_uploads_owner() if self.is_bound else None
        for name, field in self._keepable_fields():
            widget = KeptFileInput(attrs=field.widget.attrs)
            widget.is_required = field.required
            widget.purpose, widget.owner = self._kept_purpose(name), owner
            field.widget = widget

    def _kept_purpose(self, name):
        return f"{self.intake_kind}:{name}"

    def _keepable_fields(self):
        return [(name, field) for name, field in self.fields.items() if isinstance(field, CheckedFileField)]

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self._keepable_fields():
            html_name = self.add_prefix(name)
            previous = self.data.get(html_name + TOKEN_SUFFIX)
            if previous and self.files.get(html_name):  # a new file chosen: it replaces the kept one
                discard(previous, purpose=field.widget.purpose, owner=field.widget.owner)
            field.kept = functools.cache(functools.partial(self._kept_upload, name, field))

    def _kept_upload(self, name, field):
        """The ``KeptUpload`` of field ``name`` to show, keeping its new upload now if it passed its checks."""
        uploaded = self.cleaned_data.get(name)
        if not uploaded or field.widget.owner is None or self.honeypot_triggered:
            return None
        if getattr(uploaded, "already_stored", False):
            return None
        if getattr(uploaded, "kept", None) is not None:
            return uploaded.kept
        try:
            return keep(
                uploaded,
                purpose=field.widget.purpose,
                owner=field.widget.owner,
                input_name=self.add_prefix(name) + TOKEN_SUFFIX,
            )
        except Exception as error:  # storage away: the applicant chooses the file again, as before
            logger.warning("An upload could not be kept for the retry: %s", type(error).__name__)
            return None

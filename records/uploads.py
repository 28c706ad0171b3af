"""Checking uploads by what they contain, not by what they are called.

Only PDF, DOCX and XLSX are accepted. A PDF must start with the ``%PDF-`` signature and end with
``%%EOF``; a DOCX or XLSX must be a readable ZIP holding the parts of that Office format, without
macros, encryption or an unreasonable unpacked size. The file name's extension must agree with the
content, so an ``.exe`` renamed ``.pdf`` is refused. Size limits come from
``settings.RECORDS_UPLOAD_MAX_BYTES`` unless a field sets its own.
"""

import hashlib
import os
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"
MIME_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KIND_LABELS = {PDF: "PDF", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)"}
_OFFICE_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
MAX_ZIP_ENTRIES = 5000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def max_upload_bytes():
    return getattr(settings, "RECORDS_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)


def _read_head_tail(fileobj, size=2048):
    fileobj.seek(0, os.SEEK_END)
    length = fileobj.tell()
    fileobj.seek(0)
    head = fileobj.read(size)
    fileobj.seek(max(0, length - size))
    tail = fileobj.read(size)
    fileobj.seek(0)
    return head, tail


def _office_kind(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names:
                return None
            if any(info.flag_bits & 0x1 for info in infos):  # encrypted entries
                return None
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                return None
            if any(name.lower().endswith("vbaproject.bin") for name in names):  # macro-enabled
                return None
            for kind, part in _OFFICE_PARTS.items():
                if part in names:
                    return kind
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        fileobj.seek(0)
    return None


def sniff(fileobj):
    """The kind (``"pdf"``, ``"docx"``, ``"xlsx"``) that the bytes of ``fileobj`` really are, or None."""
    head, tail = _read_head_tail(fileobj)
    if b"%PDF-" in head[:1024] and b"%%EOF" in tail:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(fileobj)
    return None


def _extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _kinds_text(allowed):
    return ", ".join(KIND_LABELS[kind] for kind in allowed)


def check_upload(uploaded, allowed, max_bytes=None):
    """Return the kind of ``uploaded`` if it is one of ``allowed`` by content and within size, else raise."""
    max_bytes = max_bytes or max_upload_bytes()
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
        )
    extension = _extension(uploaded.name)
    if extension not in allowed:
        raise ValidationError(
            _("Please upload a file of one of these types: %(kinds)s."),
            code="extension",
            params={"kinds": _kinds_text(allowed)},
        )
    kind = sniff(uploaded)
    if kind != extension:
        raise ValidationError(
            _("The file's content is not a valid %(kind)s document. Please upload one of these types: %(kinds)s."),
            code="content",
            params={"kind": KIND_LABELS[extension], "kinds": _kinds_text(allowed)},
        )
    return kind


def sha256_of(uploaded):
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


class CheckedFileField(forms.FileField):
    """A form file field that accepts only the given kinds, checked by content, within a size limit."""

    def __init__(self, *, kinds=(PDF,), max_bytes=None, **kwargs):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes
        kwargs.setdefault("widget", forms.ClearableFileInput)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(f".{kind}" for kind in self.kinds))

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            uploaded.checked_kind = check_upload(uploaded, self.kinds, self.max_bytes)
        return uploaded

    @property
    def limit(self):
        return self.max_bytes or max_upload_bytes()

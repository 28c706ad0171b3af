"""Checking uploads by what they contain, not by what they are called.

Only PDF, DOCX and XLSX are accepted. A PDF must start with the ``%PDF-`` signature at its first byte and end
with ``%%EOF``, and must carry no active content: no JavaScript (``/JS``, ``/JavaScript``), no action run on
opening (``/OpenAction``) and no ``/Launch`` action, looked for in the raw bytes (names written with ``#xx``
escapes too) and, when pypdf can read the file, in every object, compressed object streams included. A DOCX or
XLSX must be a readable ZIP holding ``[Content_Types].xml`` and the parts of that Office format, with no member
name that escapes the archive (absolute, ``..``, a drive letter), without macros, encryption or an unreasonable
unpacked size. The file name's extension must agree with the
content, so an ``.exe`` renamed ``.pdf`` is refused. Size limits come from
``settings.RECORDS_UPLOAD_MAX_BYTES`` unless a field sets its own.
"""

import hashlib
import io
import logging
import os
import re
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
# PDF names that make a reader run something: scripts, an action on opening, launching a program.
PDF_ACTIVE_NAMES = frozenset({"JS", "JavaScript", "OpenAction", "Launch"})
_PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)")
_PDF_MAX_DEPTH = 32
logger = logging.getLogger(__name__)


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


def _escapes(name):
    """True if a ZIP member name would land outside the folder it is unpacked in."""
    name = name.replace("\\", "/")
    return name.startswith("/") or re.match(r"^[A-Za-z]:", name) is not None or ".." in name.split("/")


def _office_kind(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in infos}
            if any(_escapes(name) for name in names):
                return None
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
    if head.startswith(b"%PDF-") and b"%%EOF" in tail:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(fileobj)
    return None


def _raw_pdf_names(data):
    """The names written in the PDF's bytes (``#xx`` escapes decoded), outside compressed streams."""
    names = set()
    for match in _PDF_NAME.finditer(data):
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        names.add(raw.decode("latin-1"))
    return names


def _walk_pdf_object(obj, names, depth=0):
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    if depth > _PDF_MAX_DEPTH or isinstance(obj, IndirectObject):  # referenced objects are read on their own
        return
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            names.add(str(key).lstrip("/"))
            if isinstance(value, NameObject):
                names.add(str(value).lstrip("/"))
            _walk_pdf_object(value, names, depth + 1)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            if isinstance(value, NameObject):
                names.add(str(value).lstrip("/"))
            _walk_pdf_object(value, names, depth + 1)


def _parsed_pdf_names(data):
    """Every name in the dictionaries of every object pypdf finds (object streams included), or None when pypdf
    cannot read the file."""
    import pypdf
    from pypdf.generic import IndirectObject

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        numbers = [(num, gen) for gen, table in reader.xref.items() for num in table]
        numbers += [(num, 0) for num in reader.xref_objStm]
        names = set()
        _walk_pdf_object(reader.trailer, names)
        for num, gen in numbers:
            try:
                obj = reader.get_object(IndirectObject(num, gen, reader))
            except Exception:  # one damaged object: the others are still looked at
                continue
            _walk_pdf_object(obj, names)
        return names
    except Exception as error:  # pypdf's errors on damaged files are of many kinds
        logger.info("pypdf could not read an uploaded PDF: %s", type(error).__name__)
        return None


def pdf_active_content(fileobj):
    """The names of active content (JavaScript, OpenAction, Launch) a PDF carries, sorted; empty if none.

    A PDF that pypdf cannot read but that holds compressed object streams (``/ObjStm``, where names cannot be seen
    in the raw bytes) counts as active: what it hides cannot be checked."""
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    raw = _raw_pdf_names(data)
    found = raw & PDF_ACTIVE_NAMES
    parsed = _parsed_pdf_names(data)
    if parsed is None:
        if "ObjStm" in raw:
            found.add("ObjStm")
    else:
        found |= parsed & PDF_ACTIVE_NAMES
    return sorted(found)


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
    if kind == PDF and pdf_active_content(uploaded):
        raise ValidationError(
            _(
                "This PDF contains active content (JavaScript, an action that runs when it is opened, or a command "
                "that launches a program), which we cannot accept. Please save or print it again as a plain PDF "
                "and upload that file."
            ),
            code="active_content",
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

    kept = None  # in a form that keeps uploads for the retry (records.kept_uploads): what it shows as kept

    def clean(self, data, initial=None):
        resolve_kept = getattr(data, "resolve_kept", None)  # no new file: the one kept from the last try, if any
        if resolve_kept is not None:
            data = resolve_kept()
        uploaded = super().clean(data, initial)
        if uploaded and not getattr(uploaded, "already_stored", False):
            uploaded.checked_kind = check_upload(uploaded, self.kinds, self.max_bytes)
        return uploaded

    @property
    def limit(self):
        return self.max_bytes or max_upload_bytes()

"""Private file storage: uploads live outside MEDIA_ROOT and are served only through a permission check.

Files go to ``settings.PRIVATE_MEDIA_ROOT`` (``var/private`` by default), or to the storage named
"private" in ``settings.STORAGES`` when one is configured (a private bucket at scale, ``PRIVATE_BUCKET``). They
have no public URL. ``download`` (mounted in the admin as ``records_file``) asks the owning record's
registered access check before it streams a file, and writes an audit entry. A storage that cannot be reached
makes ``store_upload`` raise ``StorageUnavailable`` (the visitor gets a translated page saying nothing was
received, ``delivery.unavailable``); nothing already stored is touched.
"""

import contextlib
import contextvars
import datetime
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import LazyObject, cached_property, empty
from django.utils.translation import gettext_lazy as _

from .uploads import MIME_TYPES, sha256_of


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage under PRIVATE_MEDIA_ROOT that has no URL."""

    def __init__(self, location=None, **kwargs):
        kwargs["base_url"] = None
        super().__init__(location=location, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no public URL; use records.files.download_url().")


class StorageUnavailable(Exception):
    """The private storage could not be reached (a bucket away, a disk that refuses): nothing was stored."""


class _PrivateStorage(LazyObject):
    """STORAGES["private"] if configured, else the file system under PRIVATE_MEDIA_ROOT; looked up when first used
    (and again after a test changes STORAGES)."""

    def _setup(self):
        self._wrapped = storages["private"] if "private" in settings.STORAGES else _default_private_storage


def get_private_storage():
    """The private storage: STORAGES["private"] if configured, else a file system under PRIVATE_MEDIA_ROOT."""
    return _private_storage


def _forget_private_storage(setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


_default_private_storage = PrivateFileSystemStorage()
_private_storage = _PrivateStorage()
setting_changed.connect(_forget_private_storage)
_written = contextvars.ContextVar("records_written_files", default=None)


def _upload_to(instance, filename):
    now = timezone.now()
    return f"{now:%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"


class StoredFile(models.Model):
    """One uploaded file in private storage, owned by one record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(_("file"), storage=get_private_storage, upload_to=_upload_to, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    owner_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    owner_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="records_file_owner")]

    def __str__(self):
        return self.original_name

    @property
    def mime_type(self):
        return MIME_TYPES.get(self.kind, "application/octet-stream")

    @property
    def owner(self):
        if not self.owner_type_id:
            return None
        return self.owner_type.get_object_for_this_type(pk=self.owner_id)


def _safe_name(name):
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    return name[-200:] or "file"


def store_upload(uploaded, *, role, owner=None):
    """Save a checked upload (``uploaded.checked_kind`` set by ``CheckedFileField``) to private storage.

    An upload read from a file kept for the retry (``records.kept_uploads``) is copied byte for byte, and the kept
    copy is deleted once the transaction that stores it commits."""
    if getattr(uploaded, "already_stored", False):
        raise ValueError("A kept file that an earlier submit of the same form stored cannot be stored again.")
    stored = StoredFile(
        original_name=_safe_name(uploaded.name),
        kind=uploaded.checked_kind,
        size=uploaded.size,
        sha256=sha256_of(uploaded),
        role=role,
    )
    if owner is not None:
        stored.owner_type = ContentType.objects.get_for_model(owner)
        stored.owner_id = str(owner.pk)
    try:
        stored.file.save(uploaded.name, uploaded, save=False)
    except Exception as error:  # OSError, or the object storage's own errors (botocore): nothing was stored
        if stored.file.name:
            with contextlib.suppress(Exception):
                stored.file.storage.delete(stored.file.name)
        raise StorageUnavailable(type(error).__name__) from error
    written = _written.get()
    if written is not None:
        written.append((stored.file.storage, stored.file.name))
    stored.save(force_insert=True)
    _forget_kept_copy(uploaded)
    return stored


def _forget_kept_copy(uploaded):
    """After the transaction that stored ``uploaded`` commits, delete the kept copy it was read from (if any)."""
    path = getattr(uploaded, "kept_path", None)
    if not path:
        return

    def forget():
        with contextlib.suppress(Exception):  # away: the daily sweep deletes it
            uploaded.close()
            get_private_storage().delete(path)

    transaction.on_commit(forget)


def attach(stored, owner):
    """Record ``owner`` as the record that ``stored`` belongs to."""
    stored.owner_type = ContentType.objects.get_for_model(owner)
    stored.owner_id = str(owner.pk)
    stored.save(update_fields=["owner_type", "owner_id"])


@contextmanager
def atomic_with_files():
    """``transaction.atomic()`` for a block that writes private files (``store_upload``): nothing is kept of a block
    that fails, and nothing is taken from a record that was stored.

    - When the block itself raises, its transaction rolls back and every file it wrote is deleted.
    - When the failure comes after the block's work (the commit, or what runs once the transaction committed, such
      as queueing its emails while the database goes away), the record may have been stored all the same: only the
      files that the database, asked again, holds no record of are deleted. When it cannot be asked, none is; the
      daily sweep (``sweep_orphans``) deletes those that no record names.
    """
    written = []
    token = _written.set(written)
    block_failed = False
    try:
        with transaction.atomic():
            try:
                yield written
            except BaseException:
                block_failed = True
                raise
    except BaseException:
        for storage, name in written if block_failed else _unrecorded(written):
            with contextlib.suppress(Exception):  # storage away too: the daily sweep deletes what is left
                storage.delete(name)
        raise
    finally:
        _written.reset(token)


def _unrecorded(written):
    """The written ``(storage, name)`` pairs that no ``StoredFile`` names, as the database says now; none when it
    cannot say (away, or its transaction broken)."""
    try:
        names = [name for _storage, name in written]
        known = set(StoredFile.objects.filter(file__in=names).values_list("file", flat=True))
    except Exception:  # the database cannot be asked: keep them all for the sweep, which checks again
        return []
    return [(storage, name) for storage, name in written if name not in known]


ORPHAN_AGE = datetime.timedelta(days=1)  # no submission takes this long between writing a file and committing


def _walk(storage, folder=""):
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from _walk(storage, f"{folder}/{name}" if folder else name)


def sweep_orphans(older_than=ORPHAN_AGE, now=None):
    """Delete the files of private storage that no ``StoredFile`` names and that were written more than
    ``older_than`` ago: what a process killed between writing an upload and committing its record left behind
    (``atomic_with_files`` removes them when the failure is an exception; a killed process runs no code). They
    belong to no record, so no one could ever see or delete them, yet they may hold personal data; and the uploads
    kept for a retry (``records.kept_uploads``) that no one came back for. Returns how many were deleted."""
    storage = get_private_storage()
    cutoff = (now or timezone.now()) - older_than
    try:
        names = list(_walk(storage))
    except FileNotFoundError:  # nothing was ever stored
        return 0
    known = set(StoredFile.objects.filter(file__in=names).values_list("file", flat=True))
    deleted = 0
    for name in names:
        if name not in known and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted


# Access checks: each app registers, per owner model, a function (user, owner, stored_file) -> bool.
_access_checks = {}


def register_access_check(model, check):
    _access_checks[model._meta.label_lower] = check


def user_can_access(user, stored):
    """True if ``user`` may open ``stored``: a superuser, or the owner's registered check allows it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not stored.owner_type_id:
        return False
    check = _access_checks.get(f"{stored.owner_type.app_label}.{stored.owner_type.model}")
    if check is None:
        return False
    owner = stored.owner
    return bool(owner is not None and check(user, owner, stored))


def download_url(stored):
    from django.urls import reverse

    return reverse("records_file", args=[stored.pk])

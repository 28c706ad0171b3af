"""Files in S3-compatible object storage (django-storages with boto3), shared by every app server.

Chosen by settings (README, "Settings"): ``MEDIA_BUCKET`` and ``PRIVATE_BUCKET`` on ``S3_ENDPOINT_URL``. Without
them the local folders stay (``MEDIA_ROOT``, ``PRIVATE_MEDIA_ROOT``).

- ``MediaStorage``, Django's default storage: Wagtail's images and renditions in the *public* bucket (every object
  readable by anyone, at ``MEDIA_BUCKET_URL``); Wagtail's documents in the *private* bucket under ``documents/``,
  served only by Django's document view, which checks the privacy of their collection.
- ``PrivateStorage``, the records' private storage (``records.files``): applications, CVs, agreements, receipts
  in the private bucket under ``uploads/``, with no URL at all: staff reach them through the permission-checked
  download view only.

A bucket that does not answer fails fast (``S3_TIMEOUT`` seconds, two attempts): the request that needed it gets
the translated "files cannot be stored" page (``delivery.unavailable``), and nothing already stored is touched.
"""

from botocore.config import Config
from django.conf import settings
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

DOCUMENTS_PREFIX = "documents/"  # Wagtail's upload folder of documents (wagtaildocs)


def _common():
    """The connection options both buckets share."""
    timeout = getattr(settings, "S3_TIMEOUT", 5)
    options = {
        "endpoint_url": settings.S3_ENDPOINT_URL or None,
        "region_name": settings.S3_REGION_NAME or None,
        "access_key": settings.S3_ACCESS_KEY_ID or None,
        "secret_key": settings.S3_SECRET_ACCESS_KEY or None,
        "client_config": Config(
            connect_timeout=timeout,
            read_timeout=max(timeout, 30),
            retries={"max_attempts": 2, "mode": "standard"},
            s3={"addressing_style": settings.S3_ADDRESSING_STYLE or "auto"},
            signature_version="s3v4",
        ),
        "file_overwrite": False,  # two uploads of photo.jpg are two files, never one replacing the other
    }
    return options


def media_bucket_url():
    """The public origin and path of the media bucket: MEDIA_BUCKET_URL, else the endpoint's path-style URL."""
    if settings.MEDIA_BUCKET_URL:
        return settings.MEDIA_BUCKET_URL.rstrip("/")
    endpoint = (settings.S3_ENDPOINT_URL or "").rstrip("/")
    if endpoint:
        return f"{endpoint}/{settings.MEDIA_BUCKET}"
    region = settings.S3_REGION_NAME or "us-east-1"
    return f"https://{settings.MEDIA_BUCKET}.s3.{region}.amazonaws.com"


@deconstructible
class PublicMediaStorage(S3Storage):
    """The public bucket: images and renditions, readable by anyone at MEDIA_BUCKET_URL (no signed URLs)."""

    def __init__(self, **kwargs):
        options = _common()
        options.update(bucket_name=settings.MEDIA_BUCKET, querystring_auth=False)
        options["default_acl"] = settings.MEDIA_BUCKET_ACL or None
        options.update(kwargs)
        super().__init__(**options)

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{media_bucket_url()}/{filepath_to_uri(self._normalize_name(clean_name(name)))}"


@deconstructible
class PrivateStorage(S3Storage):
    """The private bucket under ``uploads/``: the records' uploads. No URL: use ``records.files.download_url``."""

    prefix = "uploads"

    def __init__(self, **kwargs):
        options = _common()
        options.update(bucket_name=settings.PRIVATE_BUCKET, querystring_auth=True, default_acl=None)
        options.update(location=self.prefix)
        options.update(kwargs)
        super().__init__(**options)

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no public URL; use records.files.download_url().")


@deconstructible
class DocumentStorage(PrivateStorage):
    """The private bucket, at its root: Wagtail's documents (``documents/…``), served by Django's document view."""

    prefix = ""

    def url(self, name, *args, **kwargs):
        # The address a document file would have on the local default: never served (Django's document view is).
        return f"{settings.MEDIA_URL}{name}"


@deconstructible
class MediaStorage(Storage):
    """Django's default storage on object storage: documents to the private bucket, the rest to the public one."""

    def __init__(self):
        self.public = PublicMediaStorage()
        self.documents = DocumentStorage()

    def _for(self, name):
        return self.documents if str(name).replace("\\", "/").startswith(DOCUMENTS_PREFIX) else self.public

    def _open(self, name, mode="rb"):
        return self._for(name)._open(name, mode)

    def _save(self, name, content):
        return self._for(name)._save(name, content)

    def get_available_name(self, name, max_length=None):
        return self._for(name).get_available_name(name, max_length=max_length)

    def delete(self, name):
        self._for(name).delete(name)

    def exists(self, name):
        return self._for(name).exists(name)

    def listdir(self, path):
        return self._for(path.rstrip("/") + "/").listdir(path)

    def size(self, name):
        return self._for(name).size(name)

    def url(self, name):
        return self._for(name).url(name)

    def get_modified_time(self, name):
        return self._for(name).get_modified_time(name)

    def get_created_time(self, name):
        return self._for(name).get_created_time(name)

    def get_accessed_time(self, name):
        return self._for(name).get_accessed_time(name)

"""Rendition files made once per test run, not once per test.

Every test starts from a database without renditions, so each page a test renders had Wagtail encode its images
again (WebP and AVIF at several widths): the same bytes from the same source, filter and settings, thousands of
times a run. ``remembered_rendition_files`` wraps Wagtail's ``AbstractImage.generate_rendition_file``: the first
time a rendition is asked for, Wagtail makes it as always; its bytes are kept in a folder shared by the test
workers, under everything the encoded image depends on:

- the source file's bytes (their SHA-256; a changed or cleaned file is a new key),
- the source file's name (the rendition's file name is made from it),
- the filter spec and its focal-point key (Wagtail's own ``Filter.get_cache_key``),
- the image's width and height and the ``WAGTAILIMAGES_*`` settings (qualities, format conversions).

After that, the same rendition is handed back as a new file with the same name and bytes. Wagtail still creates
the rendition row and stores the file in the image's storage (local folder or object storage), as always; only
the encoding is skipped. A source file that cannot be read goes to Wagtail unchanged (its "not found" rendition).
"""

import hashlib
import os
import pickle
import shutil
import tempfile
import threading
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import File

FOLDER_VARIABLE = "SMART_TEST_RENDITIONS"


def make_folder():
    """The folder of this test run's rendition files, made by the process that starts the test workers (they
    inherit its environment) and removed by it at the end (``remove_folder``)."""
    os.environ[FOLDER_VARIABLE] = tempfile.mkdtemp(prefix="smart-test-renditions-")


def folder():
    return Path(os.environ[FOLDER_VARIABLE])


def remove_folder():
    shutil.rmtree(os.environ.pop(FOLDER_VARIABLE), ignore_errors=True)


def _settings_key():
    return tuple(
        (name, repr(getattr(settings, name))) for name in sorted(dir(settings)) if name.startswith("WAGTAILIMAGES_")
    )


def _key(image, filter, source_bytes):
    parts = (
        hashlib.sha256(source_bytes).hexdigest(),
        image.file.name,
        image.width,
        image.height,
        filter.spec,
        filter.get_cache_key(image),
        _settings_key(),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _read_source(image, source):
    if source is not None:
        position = source.tell()
        data = source.read()
        source.seek(position)
        return data, source
    with image.open_file() as opened:
        data = opened.read()
    return data, BytesIO(data)


def wrap(original):
    """``generate_rendition_file`` made once per key for the whole test run (see the module's docstring)."""

    def generate_rendition_file(self, filter, *, source=None):
        try:
            data, source = _read_source(self, source)
        except (OSError, ValueError):
            return original(self, filter, source=source)
        path = folder() / _key(self, filter, data)
        if path.exists():
            name, content = pickle.loads(path.read_bytes())
            return File(BytesIO(content), name=name)
        made = original(self, filter, source=source)
        made.seek(0)
        kept = (made.name, made.read())
        made.seek(0)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(pickle.dumps(kept))
        partial.replace(path)  # whole or not at all, for the other worker
        return made

    generate_rendition_file.wrapped = original
    return generate_rendition_file

"""Where a static site lives on disk, and how it changes without a visitor ever seeing half of it.

``<output>`` is a symbolic link to ``<output>.builds/<timestamp>/``. A full build fills a new timestamped
folder and, once complete, replaces the link in one ``os.replace`` (atomic on POSIX); older builds are
pruned. An incremental update rewrites files inside the served folder, each one written to a temporary
file and renamed over the old one. A lock file serialises builds and updates. Each build's manifest (what
page wrote which files, the base URL, the search entries) sits next to it, outside the served folder.
"""

import fcntl
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.utils import timezone

MANIFEST_VERSION = 1


class OutputError(Exception):
    """The output folder cannot be used (for example a real folder that holds something else)."""


class SiteStore:
    def __init__(self, output):
        self.output = Path(os.path.abspath(output))
        self.builds = self.output.parent / f"{self.output.name}.builds"

    # -- the served build -------------------------------------------------------------------------------
    def current(self):
        """The folder being served, or None before the first build."""
        if self.output.is_symlink():
            target = self.output.resolve()
            return target if target.is_dir() else None
        return None

    def check_output(self):
        if self.output.exists() and not self.output.is_symlink():
            if self.output.is_dir() and not any(self.output.iterdir()):
                self.output.rmdir()
            else:
                raise OutputError(
                    f"{self.output} exists and is not a static site built by this command; "
                    "choose another --output or remove it."
                )

    def new_build(self):
        self.builds.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        folder = self.builds / stamp
        folder.mkdir()
        return folder

    def swap(self, folder):
        """Serve ``folder`` from now on: replace the output link in one atomic rename."""
        link = self.output.parent / f".{self.output.name}.{os.getpid()}.link"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(os.path.relpath(folder, self.output.parent), target_is_directory=True)
        os.replace(link, self.output)

    def discard(self, folder):
        shutil.rmtree(folder, ignore_errors=True)
        manifest_path(folder).unlink(missing_ok=True)

    def prune(self, keep):
        """Remove finished builds beyond the newest ``keep`` (never the served one) and stray ones."""
        current = self.current()
        kept = 1 if current else 0
        for folder in sorted((p for p in self.builds.iterdir() if p.is_dir()), reverse=True):
            if folder == current:
                continue
            if kept < keep and manifest_path(folder).exists():
                kept += 1
                continue
            self.discard(folder)
        for stray in self.builds.glob("*.json"):
            if not stray.with_suffix("").is_dir():
                stray.unlink(missing_ok=True)

    @contextmanager
    def lock(self):
        self.builds.mkdir(parents=True, exist_ok=True)
        with open(self.builds / ".lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def manifest_path(folder):
    return Path(folder).parent / f"{Path(folder).name}.json"


def read_manifest(folder):
    path = manifest_path(folder)
    if not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    if data.get("version") != MANIFEST_VERSION:
        return None
    data["pages"] = {int(k): v for k, v in data["pages"].items()}
    return data


def write_manifest(folder, manifest):
    data = dict(manifest, version=MANIFEST_VERSION)
    data["pages"] = {str(k): v for k, v in manifest["pages"].items()}
    write_file(manifest_path(folder), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def write_file(path, body):
    """Write ``body`` to ``path`` through a temporary file and a rename: readers see the old or the new file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_new(path, body):
    """Write a file of a build being made (nobody reads it yet): no temporary file needed."""
    path = Path(path)
    try:
        path.write_bytes(body)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)


def remove_file(root, relative):
    """Delete a file and the folders it leaves empty, up to ``root``."""
    path = Path(root) / relative
    path.unlink(missing_ok=True)
    parent = path.parent
    root = Path(root)
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent

"""Shared helpers of the static-site tests: a temporary output folder, file fingerprints, forbidden content."""

import hashlib
import re
import shutil
import tempfile
from pathlib import Path

BASE_URL = "http://static.example"
ORIGIN = "https://apply.example.org"

# Nothing of a visitor's session, a form's tokens, the admin or a signed-in user may be baked into a file.
FORBIDDEN = [
    "csrfmiddlewaretoken",
    "csrftoken",
    "form_token",
    "sessionid",
    "/admin/",
    "wagtail-userbar",
    "wagtailuserbar",
    'method="post"',
]
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".ics", ".bib"}  # what the build generates


def temporary_output():
    folder = Path(tempfile.mkdtemp(prefix="smart-static-test-"))
    return folder, folder / "site"


def remove(folder):
    shutil.rmtree(folder, ignore_errors=True)


def fingerprints(root):
    """{relative path: (sha256, mtime_ns)} of every file of a built site."""
    root = Path(root).resolve()
    result = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            result[path.relative_to(root).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                stat.st_mtime_ns,
            )
    return result


def text_files(root):
    root = Path(root).resolve()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path.relative_to(root).as_posix(), path.read_text("utf-8", errors="replace")


def forbidden_in(root, extra=()):
    """[(file, what)] for every forbidden string found in any text file of the site."""
    found = []
    needles = list(FORBIDDEN) + list(extra)
    for name, text in text_files(root):
        lowered = text.lower()
        for needle in needles:
            if needle == "/admin/" and name == "robots.txt":
                continue  # "Disallow: /admin/" asks robots to stay out of the dynamic site's admin
            if needle.lower() in lowered:
                found.append((name, needle))
    return found


def inline_scripts(html):
    """<script> elements without a src (inline code) other than JSON-LD data."""
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    return [attrs for attrs in scripts if "application/ld+json" not in attrs]

"""The Chinese admin speaks Chinese in Wagtail's and wagtail-localize's own strings too (issue 16, point 7).

Those packages ship Chinese catalogs that lack some of their strings (the rich text editor's "Write something or
type '/'…", the dashboard's "Search all pages…", the schedule dialog, ...). vendor_locale/zh_Hans supplies them;
these tests compare it with the English catalogs the packages ship (every string they have), so that an upgrade
that brings new strings shows here.
"""

import re
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_localize
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "vendor_locale" / "zh_Hans" / "LC_MESSAGES"
PACKAGES = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_0-9]*\}")


def translated(path):
    if not path.exists():
        return set()
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.translated() and not e.obsolete}


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_string_has_chinese(domain):
    ours = translated(VENDOR / f"{domain}.po")
    missing = []
    for package in PACKAGES:
        for english in package.rglob(f"locale/en/LC_MESSAGES/{domain}.po"):
            shipped = translated(Path(str(english).replace("/en/", "/zh_Hans/")))
            for entry in polib.pofile(str(english)):
                key = (entry.msgctxt, entry.msgid)
                if not entry.obsolete and key not in shipped and key not in ours:
                    missing.append(entry.msgid)
    assert missing == [], f"{len(missing)} strings without Chinese, e.g. {missing[:10]}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_vendor_translations_keep_their_placeholders(domain):
    for entry in polib.pofile(str(VENDOR / f"{domain}.po")):
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        allowed = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in texts:
            assert text, entry.msgid
            assert set(PLACEHOLDER.findall(text)) <= allowed, (entry.msgid, text)
            chinese = any("\u4e00" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)
            words = re.sub(r"[^A-Za-z]+", "", PLACEHOLDER.sub("", text))
            assert chinese or text == entry.msgid or not words, (entry.msgid, text)


def test_vendor_catalog_is_a_locale_path_after_ours():
    assert [Path(p) for p in settings.LOCALE_PATHS] == [ROOT / "locale", ROOT / "vendor_locale"]

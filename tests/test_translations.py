"""Every interface string is translated in both languages: no untranslated, fuzzy or missing entries."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("zh_Hans", "en")
SOURCE_DIRS = ("site", "content", "search", "records", "demo", "themes")


def catalog(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_po_file_is_complete(language):
    po = catalog(language)
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_chinese_catalog_is_actually_chinese():
    po = catalog("zh_Hans")
    skip_home = po.find("Skip to main content")
    assert skip_home is not None and skip_home.msgstr == "跳到主要内容"
    cjk = sum(1 for e in po.translated_entries() if any("\u4e00" <= ch <= "\u9fff" for ch in e.msgstr or ""))
    assert cjk / len(po.translated_entries()) > 0.8


def test_every_string_in_the_code_is_in_both_catalogs(tmp_path):
    """Extract the strings from a copy of the source with makemessages and compare with the catalogs."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is missing; .ci/run installs it")
        pytest.skip("GNU gettext (xgettext) is not installed")
    work = tmp_path / "src"
    work.mkdir()
    shutil.copy(ROOT / "manage.py", work / "manage.py")
    for name in SOURCE_DIRS:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (work / "locale").mkdir()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
    env.pop("PYTHONPATH", None)  # the copy's own settings, so LOCALE_PATHS points into the copy
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location", "--no-obsolete"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(work / "locale/en/LC_MESSAGES/django.po"))}
    for language in LANGUAGES:
        known = {(e.msgctxt, e.msgid) for e in catalog(language) if e.translated() and not e.obsolete}
        missing = sorted(msgid for ctx, msgid in extracted - known)
        assert missing == [], f"{language}: strings not translated: {missing[:20]}"
        stale = sorted(msgid for ctx, msgid in known - extracted)
        assert stale == [], f"{language}: catalog entries no code uses: {stale[:20]}"


TRANSLATION_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def test_no_translation_call_hides_inside_an_f_string():
    """xgettext cannot see into f-strings: a string translated there is never extracted, so never translated."""
    hidden = []
    for name in SOURCE_DIRS:
        for path in (ROOT / name).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.JoinedStr):
                    for call in ast.walk(node):
                        if isinstance(call, ast.Call) and getattr(call.func, "id", None) in TRANSLATION_CALLS:
                            hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []

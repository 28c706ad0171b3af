"""Compile the project's .po files to .mo with polib, so no GNU gettext is needed on the machine."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_all(locale_paths=None):
    """Compile every .po file under the locale paths. Returns the list of .mo files written."""
    written = []
    for base in locale_paths or settings.LOCALE_PATHS:
        for po_path in sorted(Path(base).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo files (pure Python, no gettext needed)."

    def handle(self, *args, **options):
        written = compile_all()
        self.stdout.write(f"Compiled {len(written)} translation file(s).")

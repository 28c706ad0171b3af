"""System checks: private uploads must never sit where the web server serves files."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register


def _inside(child, parent):
    try:
        Path(child).resolve().relative_to(Path(parent).resolve())
    except ValueError:
        return False
    return True


@register()
def private_media_root_is_private(app_configs, **kwargs):
    root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if not root:
        return [Error("PRIVATE_MEDIA_ROOT is not set.", id="records.E001")]
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (_inside(root, public) or _inside(public, root)):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT must not be inside {name} or contain it.",
                    hint="Private uploads are served only through a permission-checked view.",
                    id="records.E002",
                )
            )
    return errors


@register()
def documents_font_is_installed(app_configs, **kwargs):
    """Receipts and donor reports embed a TrueType font with Chinese glyphs: warn when there is none."""
    from records.donations.documents import font_file

    found = font_file()
    if found is None or not found[0].is_file():
        return [
            Warning(
                "No TrueType font with Chinese glyphs for the donation receipts and donor reports.",
                hint="Install Debian's fonts-wqy-microhei (make setup does when it can) or set RECORDS_PDF_FONT.",
                id="records.W001",
            )
        ]
    return []

"""Bilingual data that staff enter themselves (``name_zh`` / ``name_en`` pairs) read in the active language."""

from django.utils.translation import get_language


def pick(zh, en):
    """The English text when the active language is English and it is filled in, else the Chinese one."""
    if (get_language() or "").startswith("en"):
        return en or zh
    return zh or en


def localized(obj, base):
    """``obj.<base>_en`` or ``obj.<base>_zh`` for the active language (see ``pick``)."""
    return pick(getattr(obj, f"{base}_zh", ""), getattr(obj, f"{base}_en", ""))

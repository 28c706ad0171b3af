"""How the records section shows values to staff, in one place: the inspect pages, the lists, the history tables,
the exports, the emails and the PDFs all use these functions (templates through ``{% load records_display %}``).

- Times are always Beijing time (``settings.TIME_ZONE``, Asia/Shanghai), whatever time zone is active: a staff
  member's own admin time zone never makes a date a day off.
- Yes/No (是/否) for booleans, a language's name for a language code, a dash for nothing, money with
  separators and two decimals (800,000.00).
- Exports: ISO 8601 local times with their offset and no microseconds (2026-12-06T07:20:52+08:00).
"""

import datetime
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext_lazy

DASH = "—"


def site_zone():
    """The site's time zone (Asia/Shanghai), never the active one."""
    return timezone.get_default_timezone()


def local(value):
    """An aware datetime in Beijing time (a naive one is taken as Beijing time already)."""
    if timezone.is_naive(value):
        return value
    return value.astimezone(site_zone())


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def local_datetime(value, fmt="DATETIME_FORMAT"):
    """A date-time in Beijing time, in the active language's format (2026年12月6日 06:54, 6 December 2026, 06:54)."""
    if value is None:
        return DASH
    if isinstance(value, datetime.datetime):
        return formats.date_format(local(value), fmt)
    return local_date(value)


def short_datetime(value):
    """A date-time in Beijing time as 2026-12-06 06:54 (lists, history)."""
    if value is None:
        return DASH
    return local(value).strftime("%Y-%m-%d %H:%M")


def local_date(value, fmt="DATE_FORMAT"):
    """A date in the active language's format (2026年12月6日, 6 December 2026); a date-time's Beijing date."""
    if value is None:
        return DASH
    if isinstance(value, datetime.datetime):
        value = local(value).date()
    return formats.date_format(value, fmt)


def iso_local(value):
    """ISO 8601 in Beijing time with its offset, without microseconds: 2026-12-06T07:20:52+08:00.

    A date stays a date (2026-12-06)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return local(value).replace(microsecond=0).isoformat()
    return value.isoformat()


def excel_datetime(value):
    """A naive date-time in Beijing time, for a spreadsheet cell (spreadsheets know no time zones)."""
    return local(value).replace(tzinfo=None, microsecond=0)


def yes_no(value):
    """是 / 否 (Yes / No) in the active language; a dash for None."""
    if value is None:
        return DASH
    return gettext("Yes") if value else gettext("No")


LANGUAGE_NAMES = {
    "zh-hans": pgettext_lazy("language name", "Simplified Chinese"),
    "en": pgettext_lazy("language name", "English"),
}


def language_name(code):
    """The name of a language code in the active language (简体中文, 英文; Simplified Chinese, English); the code
    itself if unknown."""
    if is_empty(code):
        return DASH
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return code


def money(value, dash=True):
    """An amount with thousands separators and two decimals (800,000.00)."""
    if value is None or value == "":
        return DASH if dash else ""
    return f"{Decimal(str(value)):,.2f}"


def number(value):
    """A number with thousands separators, keeping its own decimals (12,345, 8.25)."""
    if value is None:
        return DASH
    if isinstance(value, Decimal):
        return f"{value:,f}"
    return f"{value:,}"


def readable(value):
    """Any stored value as staff should read it: yes/no, Beijing time, separators, a dash for nothing."""
    if is_empty(value):
        return DASH
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime.datetime):
        return local_datetime(value)
    if isinstance(value, datetime.date):
        return local_date(value)
    if isinstance(value, int | float | Decimal):
        return number(value)
    return value


def is_language_field(name):
    return name == "language" or name.endswith(".language") or name.endswith("__language")

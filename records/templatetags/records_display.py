"""Template filters of the records section's staff screens (``{% load records_display %}``): see ``records.display``.

``{{ value|local_datetime }}`` 2026年12月6日 06:54 (Beijing time, whatever the active time zone),
``{{ value|short_datetime }}`` 2026-12-06 06:54, ``{{ value|local_date }}``, ``{{ value|yes_no }}`` 是 / 否,
``{{ code|language_name }}`` 简体中文, ``{{ amount|money }}`` 800,000.00, ``{{ value|readable }}`` any of these,
and a dash for nothing.
"""

from django import template

from records import display

register = template.Library()

for name in ("local_datetime", "short_datetime", "local_date", "yes_no", "language_name", "money", "readable"):
    register.filter(name, getattr(display, name))

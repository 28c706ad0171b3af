"""Spreadsheet exports of record lists (CSV and XLSX) that are safe to open in a spreadsheet program.

A text cell starting with = + - @ (or a tab or carriage return) would be run as a formula by Excel
or WPS; such values are written with a leading apostrophe so that they stay text.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For Wagtail index views (``SpreadsheetExportMixin``): neutralise formula-like text in every cell."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))

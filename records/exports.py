"""Spreadsheet exports of record lists and reports (CSV and XLSX) that are safe to open in a spreadsheet program.

A text cell starting with = + - @ (or a tab or carriage return) would be run as a formula by Excel
or WPS; such values are written with a leading apostrophe so that they stay text.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_every_admin_export():
    """Make every spreadsheet export of the Wagtail admin neutralise formula-like text too.

    Wagtail's own reports (site history, locked and aging pages, workflows), snippets and users export titles
    and names that editors type; its CSV export writes them unchanged. Called once from ``RecordsConfig.ready``.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value.neutralises = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


class SafeSpreadsheetExportMixin:
    """For Wagtail index views (``SpreadsheetExportMixin``): neutralise formula-like text in every cell."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


def table_response(headings, rows, export_format, filename):
    """A download of a table (a report) as CSV or XLSX, every text cell neutralised.

    ``headings`` is a list of column titles, ``rows`` a list of lists of values; ``export_format`` is
    ``"csv"`` or ``"xlsx"``.
    """
    rows = [[neutralise(str(value)) if isinstance(value, str | Promise) else value for value in row] for row in rows]
    headings = [neutralise(str(heading)) for heading in headings]
    if export_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(buffer.getvalue(), content_type=content_type)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headings)
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        export_format = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

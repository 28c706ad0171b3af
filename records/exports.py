"""Spreadsheet exports of record lists and reports (CSV and XLSX) that are safe to open in a spreadsheet program
and read the same everywhere.

A text cell starting with = + - @ (or a tab or carriage return) would be run as a formula by Excel
or WPS; such values are written with a leading apostrophe so that they stay text.

Values: CSV is UTF-8 with a byte order mark (Excel on Windows reads the Chinese right), date-times in ISO 8601 in
Beijing time with their offset and no microseconds (2026-12-06T07:20:52+08:00), amounts as plain numbers
(800000.00). XLSX has real numbers (amounts shown as 800,000.00) and real dates and date-times (Beijing time).
Both write booleans as Yes/No (是/否) and language codes by name, in the staff member's admin language.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from . import display

CSV, XLSX = "csv", "xlsx"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_MONEY_FORMAT = "#,##0.00"

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


def export_value(value, export_format, field=""):
    """One value as the export writes it (see the module's docstring); text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(display.yes_no(value))
    if isinstance(value, datetime.datetime):
        return display.iso_local(value) if export_format == CSV else display.excel_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat() if export_format == CSV else value
    if isinstance(value, Decimal | int | float):
        return str(value) if export_format == CSV else value
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        if field and display.is_language_field(field):
            return str(display.language_name(value)) if value else ""
        return neutralise(value)
    return value


def xlsx_cell(sheet, value):
    """A write-only XLSX cell holding ``value`` (already through ``export_value``) with a number format for
    dates, date-times and amounts; formula-like text stays text."""
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    if isinstance(value, datetime.datetime):
        cell.number_format = XLSX_DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = XLSX_DATE_FORMAT
    elif isinstance(value, Decimal) and value.as_tuple().exponent == -2:
        cell.number_format = XLSX_MONEY_FORMAT
    return cell


class SafeSpreadsheetExportMixin:
    """For Wagtail index views (``SpreadsheetExportMixin``): every cell as ``export_value`` writes it (formula-like
    text neutralised, Beijing time, Yes/No, language names), real numbers and dates in XLSX, a BOM in CSV."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, bool | datetime.date | Decimal | int | float | str | Promise) or value is None:
            return export_value(value, export_format, field)
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for field, value in row_dict.items():
            yield xlsx_cell(worksheet, self.preprocess_field_value(field, value, XLSX))

    def stream_csv(self, queryset):
        """The CSV lines, written in the staff member's admin language: the response streams after the view has
        returned, when Wagtail no longer holds their language active (the headings came out half in Chinese)."""
        language = translation.get_language()
        lines = super().stream_csv(queryset)

        def stream():
            with translation.override(language):
                yield BOM.encode()
                yield from lines

        return stream()

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response


def table_response(headings, rows, export_format, filename):
    """A download of a table (a report) as CSV or XLSX, every text cell neutralised.

    ``headings`` is a list of column titles, ``rows`` a list of lists of values; ``export_format`` is
    ``"csv"`` or ``"xlsx"``.
    """
    export_format = XLSX if export_format == XLSX else CSV
    rows = [[export_value(value, export_format) for value in row] for row in rows]
    headings = [neutralise(str(heading)) for heading in headings]
    if export_format == XLSX:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(headings)
        for row in rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(buffer.getvalue(), content_type=content_type)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headings)
        writer.writerows(rows)
        response = HttpResponse(BOM + buffer.getvalue(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

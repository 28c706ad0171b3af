"""Readable records in one time zone (issue 17, points 3 and 4): what staff read on the inspect pages, lists and
history of every records app, and what the CSV and XLSX exports hold.

Times are Beijing time everywhere (even for a staff member whose own admin time zone is another one), booleans
Yes/No (是/否), languages by name, nothing as a dash, money with separators, references on one line; CSV in UTF-8
with a BOM and ISO 8601 local times; XLSX with real numbers and dates.
"""

import csv
import datetime
import html
import io
import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.text import capfirst
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from records import display
from records.exports import export_value, table_response
from records.grants.models import Application
from tests.factories import donations as donation_factories
from tests.factories import grants as f

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SUBMITTED = datetime.datetime(2026, 12, 5, 22, 54, 30, 73209, tzinfo=UTC)  # 6 December 2026, 06:54 in Beijing
EXPECTED_WHEN = {"zh-hans": "2026年12月6日 06:54", "en": "6 December 2026, 06:54"}
YES = {"zh-hans": "是", "en": "Yes"}
CHINESE = {"zh-hans": "简体中文", "en": "Simplified Chinese"}


def in_language(user, language, time_zone="Europe/London"):
    """The staff member reads the admin in ``language``, with their own admin time zone set elsewhere."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.current_time_zone = time_zone
    profile.save()
    return user


def definitions(body):
    """The inspect page's fields: {label: shown value} from its <dl>."""
    pairs = re.findall(r"<dt>\s*(.*?)\s*</dt>\s*<dd>\s*(.*?)\s*</dd>", body, re.S)
    return {
        html.unescape(re.sub(r"<[^>]+>", "", k)).strip(): html.unescape(re.sub(r"<[^>]+>", "", v)).strip()
        for k, v in pairs
    }


def label(model, field, language):
    with translation.override(language):
        return capfirst(str(model._meta.get_field(field).verbose_name))


@pytest.fixture
def application():
    call = f.make_call()
    app = f.make_application(call, requested_budget=Decimal("800000"), submitted_at=SUBMITTED)
    return Application.objects.get(pk=app.pk)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_inspect_page_reads_naturally_in_beijing_time(client, application, language):
    client.force_login(in_language(f.office_user(), language))
    body = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    fields = definitions(body)
    assert fields[label(Application, "submitted_at", language)] == EXPECTED_WHEN[language]
    assert fields[label(Application, "ethics_declaration", language)] == YES[language]
    assert fields[label(Application, "language", language)] == CHINESE[language]
    assert fields[label(Application, "requested_budget", language)] == "800,000.00"
    assert fields[label(Application, "award_amount", language)] == display.DASH
    assert fields[label(Application, "decided_at", language)] == display.DASH
    for raw in ("True", "None", "zh-hans", "800000.00", "22:54"):
        assert raw not in fields.values(), raw


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_lists_and_history_show_beijing_time_and_keep_references_on_one_line(client, application, language):
    client.force_login(in_language(f.office_user(), language))
    body = client.get("/admin/grants/applications/").content.decode()
    assert "2026-12-06 06:54" in body and "2026-12-05 22:54" not in body
    assert "800,000.00" in body and "800000.00" not in body
    cell = re.search(r'<td class="([^"]*)"><div class="title-wrapper"><a [^>]*>' + application.reference, body)
    assert cell and "records-nowrap" in cell.group(1)
    inspect = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    history = inspect[inspect.index('class="records-section"') :]
    created = display.local(application.submitted_at)  # no history entry yet: the factory writes none
    assert history  # the history section is there
    from records import audit

    audit.record(application, "file_opened", actor_label=audit.SYSTEM, at=SUBMITTED)
    inspect = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    assert "2026-12-06 06:54" in inspect[inspect.index(">" + _history_heading(language)) :]
    assert created.hour == 6


def _history_heading(language):
    with translation.override(language):
        return translation.gettext("History")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_expert_pool_says_yes_or_no(client, language):
    f.make_reviewer()
    client.force_login(in_language(f.office_user(), language))
    body = client.get("/admin/grants/reviewers/").content.decode()
    rows = body[body.index("<tbody") :]
    assert YES[language] in rows and "True" not in rows


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_pledge_reads_naturally(client, language):
    pledge = donation_factories.make_pledge(amount=Decimal("800000.00"), now=SUBMITTED)
    staff = in_language(donation_factories.staff_user(), language)
    client.force_login(staff)
    body = client.get(f"/admin/donations/pledges/inspect/{pledge.pk}/").content.decode()
    fields = definitions(body)
    assert fields[label(type(pledge), "pledged_at", language)] == EXPECTED_WHEN[language]
    assert fields[label(type(pledge), "amount", language)] == "800,000.00"
    assert fields[label(type(pledge), "anonymous", language)] == {"zh-hans": "否", "en": "No"}[language]
    assert fields[label(type(pledge), "language", language)] == CHINESE[language]
    assert fields[label(type(pledge), "message", language)] == display.DASH
    listing = client.get("/admin/donations/pledges/").content.decode()
    assert "800,000.00" in listing and "2026-12-06 06:54" in listing


def csv_rows(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith("\ufeff".encode()), raw[:20]
    assert "charset=utf-8" in response["Content-Type"]
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_csv_export_has_a_bom_and_local_iso_times(client, application, language):
    client.force_login(in_language(f.office_user(), language))
    rows = csv_rows(client.get("/admin/grants/applications/?export=csv"))
    heading, row = rows[0], rows[1]
    submitted = row[heading.index(_in(language, "Submitted"))]
    assert submitted == "2026-12-06T06:54:30+08:00"
    assert row[heading.index(_in(language, "Requested budget (CNY)"))] == "800000.00"


def _in(language, message):
    with translation.override(language):
        return translation.gettext(message)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pledge_csv_says_yes_or_no_and_names_the_language(client, language):
    donation_factories.make_pledge(amount=Decimal("800000.00"), now=SUBMITTED, anonymous=True, consent_named=False)
    client.force_login(in_language(donation_factories.staff_user(), language))
    rows = csv_rows(client.get("/admin/donations/pledges/?export=csv"))
    heading, row = rows[0], rows[1]
    assert row[heading.index(_in(language, "Anonymous"))] == YES[language]
    assert row[heading.index(_in(language, "May be named"))] == {"zh-hans": "否", "en": "No"}[language]
    assert row[heading.index(_in(language, "Language"))] == CHINESE[language]
    assert row[heading.index(_in(language, "Date pledged"))] == "2026-12-06T06:54:30+08:00"


def test_the_xlsx_export_holds_real_numbers_and_dates(client, application):
    client.force_login(in_language(f.office_user(), "en"))
    response = client.get("/admin/grants/applications/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    heading = [cell.value for cell in sheet[1]]
    row = sheet[2]
    budget = row[heading.index("Requested budget (CNY)")]
    assert isinstance(budget.value, int | float) and budget.value == 800000
    assert budget.number_format == "#,##0.00"
    submitted = row[heading.index("Submitted")]
    assert submitted.value == datetime.datetime(2026, 12, 6, 6, 54, 30)  # Beijing time, whole seconds
    assert submitted.is_date
    months = row[heading.index("Duration (months)")]
    assert months.value == 36


def test_report_tables_write_the_same_values():
    rows = [["SMRF-2026-000001", Decimal("800000.00"), SUBMITTED, datetime.date(2026, 12, 6), True, "=1+1"]]
    text = table_response(["a", "b", "c", "d", "e", "f"], rows, "csv", "report").content.decode("utf-8")
    assert text.startswith("\ufeff")
    with translation.override("zh-hans"):
        assert export_value(True, "csv") == "是"
    assert "800000.00,2026-12-06T06:54:30+08:00,2026-12-06" in text and "'=1+1" in text
    book = load_workbook(io.BytesIO(table_response(["a"] * 6, rows, "xlsx", "report").content))
    cells = list(book.active.iter_rows(min_row=2))[0]
    assert cells[1].value == 800000 and cells[1].number_format == "#,##0.00"
    assert cells[2].value == datetime.datetime(2026, 12, 6, 6, 54, 30) and cells[2].is_date
    assert cells[3].is_date and cells[5].value == "'=1+1"


def test_display_helpers():
    with translation.override("en"):
        assert display.yes_no(False) == "No" and display.language_name("en") == "English"
        assert display.local_datetime(SUBMITTED) == "6 December 2026, 06:54"
    with translation.override("zh-hans"):
        assert display.yes_no(True) == "是" and display.language_name("zh-hans") == "简体中文"
        assert display.language_name("en") == "英文"
    assert display.money(Decimal("800000")) == "800,000.00" and display.money(None) == display.DASH
    assert display.iso_local(SUBMITTED) == "2026-12-06T06:54:30+08:00"
    assert display.readable("") == display.DASH and display.readable(None) == display.DASH
    assert display.number(Decimal("8.25")) == "8.25" and display.number(12345) == "12,345"

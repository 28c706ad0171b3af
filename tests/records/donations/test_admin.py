"""Foundation staff screens: who sees what (every other group and anonymous see nothing, even by guessing
URLs of records and files), list search and filters, inspect with history, actions, exports, totals."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from content.editorial import EDITORS, PUBLISHERS, ensure_editorial_groups
from records import audit
from records.donations import services
from records.donations.models import Payment, PaymentMethod, Pledge, Status
from records.events.roles import EVENTS_STAFF
from records.files import StoredFile, download_url
from records.grants.roles import GRANTS_OFFICE, REVIEWERS
from records.recruitment.roles import HR_STAFF, INTERVIEW_PANEL
from tests.factories import donations as f
from tests.factories.grants import exe_bytes, pdf_upload

pytestmark = pytest.mark.django_db

OTHER_GROUPS = [GRANTS_OFFICE, REVIEWERS, HR_STAFF, INTERVIEW_PANEL, EVENTS_STAFF, EDITORS, PUBLISHERS, None]


@pytest.fixture
def data():
    staff = f.staff_user("foundation-officer")
    pledged = f.make_pledge(donor_name="示例捐赠人甲", email="jia@example.org")
    partly = f.make_pledge(
        Status.PARTLY_RECEIVED,
        staff=staff,
        donor_name='=HYPERLINK("http://evil")',
        amount=Decimal("5000.00"),
        designation=f.general_fund(),
    )
    payment = Payment.objects.get(pledge=partly)
    return {"staff": staff, "pledged": pledged, "partly": partly, "payment": payment}


def record_urls(data):
    pledge, partly, payment = data["pledged"], data["partly"], data["payment"]
    return [
        "/admin/donations/pledges/",
        f"/admin/donations/pledges/inspect/{pledge.pk}/",
        f"/admin/donations/pledges/inspect/{partly.pk}/",
        "/admin/donations/pledges/?export=csv",
        "/admin/donations/pledges/?export=xlsx",
        f"/admin/donations/pledges/donor-report/{partly.pk}/?start=2020-01-01&end=2030-12-31",
        "/admin/donations/designations/",
        "/admin/donations/designations/new/",
        f"/admin/donations/designations/edit/{partly.designation_id}/",
        "/admin/donations/totals/",
        "/admin/donations/totals/?export=csv",
        download_url(payment.receipt),
        download_url(partly.agreement),
    ]


def action_posts(data):
    pledge, partly = data["pledged"], data["partly"]
    return [
        (f"/admin/donations/pledges/move/{pledge.pk}/", {"target": "cancelled", "reason": "x"}),
        (f"/admin/donations/pledges/agreement/{pledge.pk}/", {"agreement": pdf_upload("a.pdf")}),
        (
            f"/admin/donations/pledges/payment/{partly.pk}/",
            {"amount": "1", "received_on": "2026-01-01", "method": "cheque"},
        ),
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, data):
    for url in record_urls(data):
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert "/login/" in response["Location"], url
    for url, post in action_posts(data):
        assert client.post(url, post).status_code == 302
    assert Pledge.objects.get(pk=data["pledged"].pk).status == Status.PLEDGED
    assert Payment.objects.count() == 1


@pytest.mark.parametrize("group", OTHER_GROUPS)
def test_no_other_group_sees_or_works_donation_records(client, data, group):
    ensure_editorial_groups()
    account = f.user(None, group) if group else f.user()
    client.force_login(account)
    for url in record_urls(data):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (group, url)
        body = response.content.decode(errors="replace")
        assert "示例捐赠人甲" not in body and "jia@example.org" not in body and "%PDF" not in body
    for url, post in action_posts(data):
        assert client.post(url, post).status_code in (302, 403), (group, url)
    assert Pledge.objects.get(pk=data["pledged"].pk).status == Status.PLEDGED
    assert Payment.objects.count() == 1
    menu = client.get("/admin/")
    if menu.status_code == 200:
        html = menu.content.decode()
        assert "/admin/donations/pledges/" not in html and "/admin/donations/totals/" not in html


def test_foundation_staff_see_and_work_everything(client, data):
    client.force_login(data["staff"])
    for url in record_urls(data):
        assert client.get(url).status_code == 200, url
    menu = client.get("/admin/").content.decode()
    assert "/admin/donations/pledges/" in menu and "/admin/donations/totals/" in menu
    assert client.get("/admin/snippets/donations/banktransferdetails/").status_code == 200
    # Foundation staff see no other back office.
    for url in ("/admin/grants/applications/", "/admin/recruitment/applications/"):
        assert client.get(url).status_code in (302, 403, 404), url
    # Pledges come only from the public form: no add, edit or delete, not even by a guessed URL.
    pledge = data["pledged"]
    for url in (
        "/admin/donations/pledges/new/",
        f"/admin/donations/pledges/edit/{pledge.pk}/",
        f"/admin/donations/pledges/delete/{pledge.pk}/",
    ):
        assert client.get(url).status_code in (302, 403, 404), url
    assert Pledge.objects.filter(pk=pledge.pk).exists()


def test_the_list_searches_and_filters(client, data):
    client.force_login(data["staff"])
    listing = client.get("/admin/donations/pledges/").content.decode()
    assert data["pledged"].reference in listing and data["partly"].reference in listing
    found = client.get("/admin/donations/pledges/", {"q": data["pledged"].reference.lower()}).content.decode()
    assert data["pledged"].reference in found and data["partly"].reference not in found
    by_name = client.get("/admin/donations/pledges/", {"q": "捐赠人甲"}).content.decode()
    assert data["pledged"].reference in by_name and data["partly"].reference not in by_name
    partly = client.get("/admin/donations/pledges/", {"status": "partly_received"}).content.decode()
    assert data["partly"].reference in partly and data["pledged"].reference not in partly
    general = client.get("/admin/donations/pledges/", {"designation": data["partly"].designation_id}).content.decode()
    assert data["partly"].reference in general and data["pledged"].reference not in general
    old = f.make_pledge(now=datetime.datetime(2021, 5, 1, 9, 0, tzinfo=datetime.UTC))
    this_year = client.get("/admin/donations/pledges/", {"year": timezone.localdate().year}).content.decode()
    assert data["pledged"].reference in this_year and old.reference not in this_year
    in_2021 = client.get("/admin/donations/pledges/", {"year": 2021}).content.decode()
    assert old.reference in in_2021 and data["pledged"].reference not in in_2021
    kind = client.get("/admin/donations/pledges/", {"donor_type": "organisation"}).content.decode()
    assert data["pledged"].reference not in kind


def test_exports_are_safe_for_spreadsheets(client, data):
    client.force_login(data["staff"])
    response = client.get("/admin/donations/pledges/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert data["partly"].reference in cells and "jia@example.org" in cells
    assert '\'=HYPERLINK("http://evil")' in cells and '=HYPERLINK("http://evil")' not in cells
    xlsx = client.get("/admin/donations/pledges/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert data["pledged"].reference in values


def test_inspect_shows_payments_receipts_history_and_the_permitted_moves(client, data):
    client.force_login(data["staff"])
    partly = data["partly"]
    html = client.get(f"/admin/donations/pledges/inspect/{partly.pk}/").content.decode()
    assert data["payment"].receipt_number in html and download_url(data["payment"].receipt) in html
    assert "Pledged through the public form" in html or "通过网站表单认捐" in html
    assert 'name="over_pledge_note"' in html  # payment form offered
    assert 'value="cancelled"' in html and 'value="fully_received"' not in html
    fresh = client.get(f"/admin/donations/pledges/inspect/{data['pledged'].pk}/").content.decode()
    assert 'name="agreement"' in fresh and 'name="over_pledge_note"' not in fresh


def test_staff_record_the_agreement_checked_by_content(client, data):
    client.force_login(data["staff"])
    pledge = data["pledged"]
    url = f"/admin/donations/pledges/agreement/{pledge.pk}/"
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("agreement.pdf", exe_bytes(), content_type="application/pdf")
    client.post(url, {"agreement": fake})
    assert Pledge.objects.get(pk=pledge.pk).status == Status.PLEDGED
    assert not StoredFile.objects.filter(role="agreement", owner_id=str(pledge.pk)).exists()
    client.post(url, {"agreement": pdf_upload("signed.pdf")})
    pledge.refresh_from_db()
    assert pledge.status == Status.AGREEMENT_SIGNED and pledge.agreement.original_name == "signed.pdf"
    download = client.get(download_url(pledge.agreement))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert audit.history(pledge).filter(action="file_opened").exists()


def test_staff_record_payments_and_over_pledge_is_refused_with_a_message(client, data):
    client.force_login(data["staff"])
    partly = data["partly"]
    url = f"/admin/donations/pledges/payment/{partly.pk}/"
    response = client.post(
        url, {"amount": "2600.00", "received_on": "2026-01-02", "method": "bank_transfer"}, follow=True
    )
    assert Payment.objects.filter(pledge=partly).count() == 1
    messages = [str(m) for m in response.context["messages"]]
    assert any("5,100.00" in m for m in messages), messages
    client.post(url, {"amount": "2500.00", "received_on": "2026-01-02", "method": "cheque"})
    partly.refresh_from_db()
    assert partly.status == Status.FULLY_RECEIVED and partly.received_amount == Decimal("5000.00")
    receipt = Payment.objects.filter(pledge=partly).last().receipt
    response = client.get(download_url(receipt))
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert "捐赠收据" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_cancel_needs_a_reason_in_the_admin(client, data):
    client.force_login(data["staff"])
    pledge = data["pledged"]
    url = f"/admin/donations/pledges/move/{pledge.pk}/"
    client.post(url, {"target": "cancelled", "reason": ""})
    assert Pledge.objects.get(pk=pledge.pk).status == Status.PLEDGED
    client.post(url, {"target": "fully_received", "reason": "x"})
    assert Pledge.objects.get(pk=pledge.pk).status == Status.PLEDGED
    client.post(url, {"target": "cancelled", "reason": "捐赠人来电取消"})
    assert Pledge.objects.get(pk=pledge.pk).status == Status.CANCELLED
    assert client.get(url).status_code == 405


def test_the_donor_report_downloads_as_a_pdf_and_is_logged(client, data):
    client.force_login(data["staff"])
    partly = data["partly"]
    response = client.get(
        f"/admin/donations/pledges/donor-report/{partly.pk}/", {"start": "2020-01-01", "end": "2030-12-31"}
    )
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert "捐赠人报告" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert audit.history(partly).filter(action="donor_report").exists()
    nothing = client.get(
        f"/admin/donations/pledges/donor-report/{partly.pk}/", {"start": "2001-01-01", "end": "2001-12-31"}
    )
    assert nothing.status_code == 302
    backwards = client.get(
        f"/admin/donations/pledges/donor-report/{partly.pk}/", {"start": "2030-01-01", "end": "2020-01-01"}
    )
    assert backwards.status_code == 302
    assert len(mail.outbox) == 0


def test_totals_screen_and_its_exports(client, data):
    client.force_login(data["staff"])
    services.record_payment(
        data["partly"],
        amount=Decimal("0.50"),
        received_on=data["payment"].received_on,
        method=PaymentMethod.OTHER,
        user=data["staff"],
    )
    html = client.get("/admin/donations/totals/").content.decode().replace(",", "")
    assert 'data-figure="received">2500.50<' in html
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(client.get("/admin/donations/totals/?export=csv").streaming_content).decode("utf-8-sig")
            )
        )
    )
    assert any("2500.50" in row for row in rows), rows
    xlsx = client.get("/admin/donations/totals/?export=xlsx")
    values = [
        c.value for row in load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.iter_rows() for c in row
    ]
    assert any(str(v) in ("2500.50", "2500.5") for v in values), values

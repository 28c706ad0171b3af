"""Staff screens: who sees what, search and filters, inspect with history, moves, bulk moves, exports, dashboard."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from content.editorial import EDITORS, PUBLISHERS, ensure_editorial_groups
from records.grants import services
from records.grants.models import Application, InstitutionStatus, Status
from records.grants.roles import REVIEWERS
from tests.factories import grants as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    call = f.make_call()
    host = f.make_institution(call.programme, name="示例第一医院")
    other = f.make_institution(call.programme, name="示例第二医院")
    pending = f.make_institution(call.programme, status=InstitutionStatus.PENDING, name="待审单位")
    apps = [
        f.make_application(call, host, title="肝癌早期筛查", pi_name='=HYPERLINK("http://evil")'),
        f.make_application(call, host, title="阿尔茨海默病机制", status=Status.FORMAL_REVIEW),
        f.make_application(call, other, title="冠心病队列", status=Status.PEER_REVIEW),
    ]
    return {"call": call, "host": host, "other": other, "pending": pending, "apps": apps}


def staff_urls(data):
    app, call = data["apps"][0], data["call"]
    return [
        "/admin/grants/applications/",
        f"/admin/grants/applications/inspect/{app.pk}/",
        "/admin/grants/applications/?export=csv",
        "/admin/grants/applications/bulk-move/",
        "/admin/grants/institutions/",
        f"/admin/grants/institutions/inspect/{data['pending'].pk}/",
        "/admin/grants/calls/",
        f"/admin/grants/calls/dashboard/{call.pk}/",
        f"/admin/grants/calls/panel/{call.pk}/",
        "/admin/grants/reviewers/",
        "/admin/grants/programmes/",
    ]


def test_anonymous_users_are_sent_to_the_login(client, data):
    for url in [*staff_urls(data), "/admin/grants/my-reviews/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("group", [REVIEWERS, EDITORS, PUBLISHERS, None])
def test_other_groups_see_nothing_of_the_grants_office(client, data, group):
    ensure_editorial_groups()
    account = f.user(None, group) if group else f.user()
    client.force_login(account)
    for url in staff_urls(data):
        response = client.get(url)
        assert response.status_code in (302, 403), (group, url)
        body = response.content.decode()
        assert "肝癌早期筛查" not in body and data["apps"][0].pi_email not in body
    menu = client.get("/admin/")
    if menu.status_code == 200:
        assert "/admin/grants/applications/" not in menu.content.decode()


def test_the_grants_office_sees_and_works_everything(client, data):
    officer = f.office_user()
    client.force_login(officer)
    for url in staff_urls(data):
        assert client.get(url).status_code == 200, url
    assert "/admin/grants/applications/" in client.get("/admin/").content.decode()
    # Nobody edits or deletes intake records in the admin, not even through a guessed URL.
    app = data["apps"][0]
    assert client.get(f"/admin/grants/applications/edit/{app.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/grants/applications/delete/{app.pk}/").status_code in (302, 403)
    assert Application.objects.filter(pk=app.pk).exists()


def test_search_and_filters(client, data):
    client.force_login(f.office_user())
    host, call = data["host"], data["call"]
    listing = lambda query: client.get(f"/admin/grants/applications/?{query}").context["object_list"]  # noqa: E731
    assert [a.title for a in listing("q=肝癌")] == ["肝癌早期筛查"]
    assert {a.title for a in listing(f"institution={host.pk}")} == {"肝癌早期筛查", "阿尔茨海默病机制"}
    assert [a.title for a in listing(f"call={call.pk}&status=peer_review")] == ["冠心病队列"]
    assert len(listing(f"q={data['apps'][1].reference}")) == 1
    assert len(listing("q=示例第二医院")) == 1
    assert [a.title for a in listing("institution_name=第二")] == ["冠心病队列"]


def test_inspect_shows_the_whole_history_and_offers_only_allowed_moves(client, data):
    officer = f.office_user("officer")
    app = data["apps"][0]
    client.force_login(officer)
    response = client.post(
        f"/admin/grants/applications/move/{app.pk}/", {"target": Status.FORMAL_REVIEW, "reason": "材料齐全"}
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.FORMAL_REVIEW
    html = client.get(f"/admin/grants/applications/inspect/{app.pk}/").content.decode()
    assert "材料齐全" in html and "officer" in html
    move_form = html.split('name="target"')[1].split("</select>")[0]
    assert 'value="accepted"' in move_form and 'value="rejected_formal"' in move_form
    assert 'value="funded"' not in move_form and 'value="submitted"' not in move_form
    refused = client.post(f"/admin/grants/applications/move/{app.pk}/", {"target": Status.FUNDED, "reason": ""})
    assert refused.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.FORMAL_REVIEW


def test_bulk_move_of_the_filtered_list(client, data):
    client.force_login(f.office_user())
    extra = f.make_application(data["call"], data["other"])
    url = f"/admin/grants/applications/bulk-move/?institution={data['host'].pk}"
    page = client.get(url)
    assert page.status_code == 200 and page.context["total"] == 2
    response = client.post(url, {"target": Status.FORMAL_REVIEW, "reason": "开始形式审查", "confirm": "on"})
    assert response.status_code == 302
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[data["apps"][0].pk] == Status.FORMAL_REVIEW
    assert statuses[extra.pk] == Status.SUBMITTED  # outside the filter


def test_exports_respect_filters_and_neutralise_formulas(client, data):
    client.force_login(f.office_user())
    response = client.get(f"/admin/grants/applications/?export=csv&institution={data['host'].pk}")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3  # heading and the two applications of that institution
    names = [row[5] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    xlsx = client.get("/admin/grants/applications/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_institution_decision_through_the_admin(client, data):
    client.force_login(f.office_user())
    pending = data["pending"]
    client.post(f"/admin/grants/institutions/decide/{pending.pk}/", {"decision": "reject", "reason": ""})
    pending.refresh_from_db()
    assert pending.status == InstitutionStatus.PENDING  # a rejection needs a reason
    client.post(f"/admin/grants/institutions/decide/{pending.pk}/", {"decision": "approve", "reason": ""})
    pending.refresh_from_db()
    assert pending.status == InstitutionStatus.APPROVED


def test_an_institution_rejection_is_confirmed_before_its_contact_is_emailed(
    client, data, django_capture_on_commit_callbacks
):
    officer = f.office_user()
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(officer)
    pending = data["pending"]
    url = f"/admin/grants/institutions/decide/{pending.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "reject", "reason": "证书与单位名称不一致"})
    page = response.content.decode()
    assert response.status_code == 200 and "contact is emailed this rejection and your reason at once" in page
    assert "Reason, sent to the institution" in page and "证书与单位名称不一致" in page
    pending.refresh_from_db()
    assert pending.status == InstitutionStatus.PENDING and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"step": "confirm", "target": "rejected", "reason": "证书与单位名称不一致"})
    assert response.status_code == 200 and mail.outbox == []  # not ticked: still asked
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"step": "confirm", "target": "rejected", "reason": "证书与单位名称不一致", "confirmed": "on"}
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == InstitutionStatus.REJECTED and len(mail.outbox) == 1
    assert "证书与单位名称不一致" in mail.outbox[0].body


def test_dashboard_and_panel_pages(client, data):
    officer = f.office_user()
    client.force_login(officer)
    call = data["call"]
    app = f.make_application(call, data["other"], status=Status.PANEL_REVIEW, review_score=Decimal("91"))
    panel = client.get(f"/admin/grants/calls/panel/{call.pk}/").content.decode()
    assert app.reference in panel
    client.post(
        f"/admin/grants/applications/decide/{app.pk}/",
        {"decision": "fund", "award_amount": "250000", "reason": ""},
    )
    assert client.get(f"/admin/grants/calls/dashboard/{call.pk}/").context["figures"]["funded"] == 0  # held
    summary = services.release_summary(call)
    client.post(f"/admin/grants/calls/release/{call.pk}/", {"fingerprint": summary["fingerprint"], "confirm": "on"})
    services.record_disbursement(app, Decimal("250000"), app.submitted_at.date(), officer)
    page = client.get(f"/admin/grants/calls/dashboard/{call.pk}/")
    figures = page.context["figures"]
    assert figures["received"] == 4 and figures["institutions"] == 2 and figures["funded"] == 1
    assert figures["awarded"] == figures["disbursed"] == Decimal("250000")
    assert figures["registered_institutions"] == 2  # the approved ones


def test_groups_exist_with_their_permissions():
    from records.grants.roles import GRANTS_OFFICE, ensure_groups

    ensure_groups()
    office = Group.objects.get(name=GRANTS_OFFICE)
    codes = set(office.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_application", "view_institution", "change_call", "add_reviewer"} <= codes
    assert not {"change_application", "delete_application", "add_application"} & codes
    reviewers = set(Group.objects.get(name=REVIEWERS).permissions.values_list("codename", flat=True))
    assert reviewers == {"access_admin", "review_assigned"}

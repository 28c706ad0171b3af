"""HR screens in the Wagtail admin: only HR staff (and superusers) see recruitment records, whatever the URL;
search, filters, inspect with history and files, moves, bulk moves, scheduling, evaluations, exports, the report."""

import csv
import io

import pytest
from django.core import mail
from django.utils import timezone, translation
from openpyxl import load_workbook

from records.recruitment import services
from records.recruitment.models import Evaluation, Interview, InterviewRound, JobApplication, Status
from records.recruitment.views.staff import REPORT_HEADINGS
from tests.factories import recruitment as f

pytestmark = pytest.mark.django_db

NAME = "示例候选人甲"
EMAIL = "jia.sample@example.org"


@pytest.fixture
def data():
    member = f.panel_user("panel-member")
    pi = f.make_application(name=NAME, email=EMAIL, status=Status.INTERVIEW)
    other = f.make_application(name='=HYPERLINK("http://evil")', status=Status.RECEIVED, submitted_at=f.at(2023, 4, 1))
    postdoc = f.make_application(category="postdoc", status=Status.SCREENING, name="示例博士后乙")
    interview_round = f.make_round(panel=[member])
    slots = f.make_slots(interview_round, count=3)
    interview = services.schedule(pi, slots[0], f.hr_user("scheduler"), now=f.at(2099, 1, 1))
    return {
        "pi": pi,
        "other": other,
        "postdoc": postdoc,
        "round": interview_round,
        "slots": slots,
        "interview": interview,
        "member": member,
    }


def hr_urls(data):
    pi, interview_round = data["pi"], data["round"]
    return [
        "/admin/recruitment/applications/",
        f"/admin/recruitment/applications/inspect/{pi.pk}/",
        "/admin/recruitment/applications/?export=csv",
        "/admin/recruitment/applications/?export=xlsx",
        "/admin/recruitment/applications/bulk-move/",
        "/admin/recruitment/rounds/",
        f"/admin/recruitment/rounds/inspect/{interview_round.pk}/",
        f"/admin/recruitment/rounds/edit/{interview_round.pk}/",
        "/admin/recruitment/rounds/new/",
        "/admin/recruitment/report/",
        "/admin/recruitment/report/?export=csv",
    ]


def file_urls(application):
    return [f"/admin/records/files/{stored.pk}/" for stored in (application.cv, application.cover_letter)]


def test_anonymous_users_are_sent_to_the_login(client, data):
    for url in [*hr_urls(data), "/admin/recruitment/my-interviews/", *file_urls(data["pi"])]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("kind", f.OTHER_KINDS)
def test_other_groups_see_nothing_of_recruitment_even_by_guessing_urls(client, data, kind):
    client.force_login(f.other_account(kind))
    for url in [*hr_urls(data), *file_urls(data["pi"])]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (kind, url)
        body = response.content.decode()
        assert NAME not in body and EMAIL not in body, (kind, url)
    for url in (
        f"/admin/recruitment/applications/move/{data['pi'].pk}/",
        f"/admin/recruitment/applications/schedule/{data['pi'].pk}/",
    ):
        assert client.post(url, {"target": Status.OFFER, "slot": data["slots"][1].pk}).status_code in (302, 403)
    assert client.get(f"/admin/recruitment/my-interviews/{data['interview'].pk}/").status_code in (302, 404)
    assert JobApplication.objects.get(pk=data["pi"].pk).status == Status.INTERVIEW
    menu = client.get("/admin/")
    if menu.status_code == 200:
        assert "/admin/recruitment/applications/" not in menu.content.decode()
        assert "/admin/recruitment/my-interviews/" not in menu.content.decode()


@pytest.mark.parametrize("superuser", [False, True])
def test_hr_staff_and_superusers_see_and_work_everything(client, data, superuser):
    client.force_login(f.user(is_superuser=True) if superuser else f.hr_user())
    for url in hr_urls(data):
        assert client.get(url).status_code == 200, url
    for url in file_urls(data["pi"]):
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    menu = client.get("/admin/").content.decode()
    assert "/admin/recruitment/applications/" in menu and "/admin/recruitment/report/" in menu
    # Nobody adds, edits or deletes applications in the admin, not even through a guessed URL.
    pi = data["pi"]
    assert client.get(f"/admin/recruitment/applications/edit/{pi.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/recruitment/applications/delete/{pi.pk}/").status_code in (302, 403)
    assert client.get("/admin/recruitment/applications/new/").status_code in (302, 403)
    assert JobApplication.objects.filter(pk=pi.pk).exists()


def test_search_and_filters(client, data):
    client.force_login(f.hr_user())

    def listing(query):
        return {a.pk for a in client.get(f"/admin/recruitment/applications/?{query}").context["object_list"]}

    pi, other, postdoc = data["pi"], data["other"], data["postdoc"]
    assert listing("q=示例候选人甲") == {pi.pk}
    assert listing(f"q={pi.reference}") == {pi.pk}
    assert listing("q=jia.sample@example") == {pi.pk}
    assert listing("posting_category=postdoc") == {postdoc.pk}
    assert listing("status=received") == {other.pk}
    assert listing("year=2023") == {other.pk}
    assert listing("posting_title=postdoc") == {postdoc.pk}
    assert listing("posting_category=pi&status=interview") == {pi.pk}


def test_inspect_shows_history_files_interviews_and_only_allowed_moves(
    client, data, django_capture_on_commit_callbacks
):
    hr = f.hr_user("hr-officer")
    client.force_login(hr)
    postdoc = data["postdoc"]
    html = client.get(f"/admin/recruitment/applications/inspect/{postdoc.pk}/").content.decode()
    move_form = html.split('name="target"')[1].split("</select>")[0]
    assert {'value="interview"', 'value="rejected"', 'value="withdrawn"'} <= {
        part.split(">")[0] for part in move_form.split("<option ")[1:]
    }
    assert 'value="hired"' not in move_form and 'value="offer"' not in move_form
    assert f"/admin/records/files/{postdoc.cv.pk}/" in html
    refused = client.post(f"/admin/recruitment/applications/move/{postdoc.pk}/", {"target": "rejected", "reason": ""})
    assert refused.status_code == 302
    assert JobApplication.objects.get(pk=postdoc.pk).status == Status.SCREENING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/recruitment/applications/move/{postdoc.pk}/",
            {"target": "rejected", "reason": "Profile does not fit"},
        )
    assert JobApplication.objects.get(pk=postdoc.pk).status == Status.SCREENING  # held, not sent
    assert mail.outbox == [] or mail.outbox[-1].to != [postdoc.email]
    summary = services.send_summary(postdoc)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/recruitment/outcomes/?application={postdoc.pk}",
            {"application": postdoc.pk, "fingerprint": summary["fingerprint"], "confirm": "on"},
        )
    assert JobApplication.objects.get(pk=postdoc.pk).status == Status.REJECTED
    assert [m.to for m in mail.outbox][-1] == [postdoc.email]
    page = client.get(f"/admin/recruitment/applications/inspect/{postdoc.pk}/")
    html = page.content.decode()
    assert "Profile does not fit" in html and "hr-officer" in html
    last = page.context["history"][-1]
    assert (last["entry"].from_state, last["entry"].to_state, last["entry"].actor) == ("screening", "rejected", hr)
    assert f"{last['from_label']} → {last['to_label']}" in html
    assert 'name="target"' not in html  # a closed application has no move left
    pi_page = client.get(f"/admin/recruitment/applications/inspect/{data['pi'].pk}/")
    assert data["round"].title in pi_page.content.decode()
    assert [row["entry"].action for row in pi_page.context["history"]] == ["submitted", "interview_scheduled"]
    assert pi_page.context["history"][-1]["what"] in pi_page.content.decode()


def test_scheduling_and_cancelling_through_the_admin(client, data, django_capture_on_commit_callbacks):
    client.force_login(f.hr_user())
    candidate = f.make_application(status=Status.INTERVIEW)
    taken, free = data["slots"][0], data["slots"][1]
    html = client.get(f"/admin/recruitment/applications/inspect/{candidate.pk}/").content.decode()
    slot_select = html.split('name="slot"')[1].split("</select>")[0]
    assert f'value="{free.pk}"' in slot_select and f'value="{taken.pk}"' not in slot_select
    client.post(f"/admin/recruitment/applications/schedule/{candidate.pk}/", {"slot": taken.pk})
    assert not Interview.objects.filter(application=candidate).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/recruitment/applications/schedule/{candidate.pk}/", {"slot": free.pk})
    interview = Interview.objects.get(application=candidate)
    assert interview.slot == free and mail.outbox[0].attachments[0][0] == "interview.ics"
    client.post(f"/admin/recruitment/applications/cancel-interview/{interview.pk}/", {"reason": "Candidate ill"})
    assert not Interview.objects.filter(application=candidate).exists()


def test_panel_members_record_their_own_evaluation_and_hr_sees_all(client, data):
    member, interview = data["member"], data["interview"]
    colleague = f.panel_user("colleague")
    data["round"].panel.add(colleague)
    services.record_evaluation(interview, colleague, score=4, comments="Colleague's private view")
    client.force_login(member)
    listing = client.get("/admin/recruitment/my-interviews/").content.decode()
    assert data["pi"].reference in listing
    page = client.get(f"/admin/recruitment/my-interviews/{interview.pk}/")
    assert page.status_code == 200 and "Colleague's private view" not in page.content.decode()
    assert f"/admin/records/files/{data['pi'].cv.pk}/" in page.content.decode()
    assert client.get(f"/admin/records/files/{data['pi'].cv.pk}/").status_code == 200
    assert client.get(f"/admin/records/files/{data['pi'].cover_letter.pk}/", follow=True).status_code == 404
    assert (
        client.get(f"/admin/records/files/{data['postdoc'].cv.pk}/", follow=True).status_code == 404
    )  # not their candidate
    invalid = client.post(f"/admin/recruitment/my-interviews/{interview.pk}/", {"score": "11", "comments": "x"})
    assert invalid.status_code == 400 and not Evaluation.objects.filter(panel_member=member).exists()
    saved = client.post(f"/admin/recruitment/my-interviews/{interview.pk}/", {"score": "8", "comments": "Strong plan"})
    assert saved.status_code == 302
    assert Evaluation.objects.get(panel_member=member).score == 8
    assert client.get(f"/admin/recruitment/applications/inspect/{data['pi'].pk}/").status_code in (302, 403)
    other_round = f.make_round(panel=[colleague], title="Another round")
    other_interview = services.schedule(
        f.make_application(status=Status.INTERVIEW), f.make_slots(other_round, 1)[0], f.hr_user(), now=f.at(2099, 1, 1)
    )
    assert client.get(f"/admin/recruitment/my-interviews/{other_interview.pk}/", follow=True).status_code == 404
    client.force_login(f.hr_user())
    html = client.get(f"/admin/recruitment/applications/inspect/{data['pi'].pk}/").content.decode()
    assert "Colleague&#x27;s private view" in html and "Strong plan" in html


def test_bulk_move_of_the_filtered_list(client, data):
    client.force_login(f.hr_user())
    extra = f.make_application(category="postdoc")
    url = "/admin/recruitment/applications/bulk-move/?posting_category=pi"
    page = client.get(url)
    assert page.status_code == 200 and page.context["total"] == 2
    response = client.post(url, {"target": Status.SCREENING, "reason": "", "confirm": "on"})
    assert response.status_code == 302
    statuses = dict(JobApplication.objects.values_list("pk", "status"))
    assert statuses[data["other"].pk] == Status.SCREENING
    assert statuses[extra.pk] == Status.RECEIVED  # outside the filter
    assert statuses[data["pi"].pk] == Status.INTERVIEW  # could not make the move


def test_exports_respect_filters_and_neutralise_formulas(client, data):
    client.force_login(f.hr_user())
    response = client.get("/admin/recruitment/applications/?export=csv&posting_category=pi")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3
    assert '\'=HYPERLINK("http://evil")' in [row[3] for row in rows[1:]]
    xlsx = client.get("/admin/recruitment/applications/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert EMAIL in values and not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_report_page_and_exports(client, data):
    client.force_login(f.hr_user())
    page = client.get("/admin/recruitment/report/?category=pi")
    assert page.status_code == 200
    this_year = timezone.localtime(data["pi"].submitted_at).year
    assert {(row["year"], row["applications"], row["rounds"], row["interviews"]) for row in page.context["rows"]} == {
        (2023, 1, 0, 0),
        (this_year, 1, 0, 0),
        (2099, 0, 1, 1),
    }
    figures = {(row["year"], row["category"]): row for row in services.figures()}
    csv_response = client.get("/admin/recruitment/report/?export=csv")
    assert csv_response["Content-Disposition"] == 'attachment; filename="recruitment-report.csv"'
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    with translation.override("zh-hans"):  # the admin's language for this user
        assert (
            rows[0]
            == [str(label) for _key, label in REPORT_HEADINGS]
            == ["年份", "类别", "申请", "面试轮次", "面试", "录用"]
        )
    assert len(rows) == 1 + len(figures)
    xlsx = client.get("/admin/recruitment/report/?export=xlsx&year=2023")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == rows[0]
    assert [cell.value for cell in sheet[2]][0] == 2023 and sheet.max_row == 2


def test_rounds_are_created_with_a_panel_of_hr_or_panel_members(client):
    hr = f.hr_user()
    member = f.panel_user("panel-x")
    outsider = f.other_account("grants office")
    client.force_login(hr)
    form = client.get("/admin/recruitment/rounds/new/").content.decode()
    assert "panel-x" in form and outsider.username not in form
    response = client.post(
        "/admin/recruitment/rounds/new/",
        {
            "title": "PI interviews",
            "title_en": "PI interviews",
            "category": "pi",
            "held_on": "2099-05-06",
            "location_zh": "101 会议室",
            "location_en": "Room 1",
            "panel": [member.pk],
        },
    )
    assert response.status_code == 302
    interview_round = InterviewRound.objects.get(title="PI interviews")
    assert list(interview_round.panel.all()) == [member]
    client.post(
        f"/admin/recruitment/rounds/slots/{interview_round.pk}/",
        {"first_start": "2099-05-06T09:00", "minutes": "30", "count": "4", "gap_minutes": "10"},
    )
    assert interview_round.slots.count() == 4


def test_a_round_is_deleted_only_while_nobody_is_booked_into_it(client, data):
    client.force_login(f.hr_user())
    booked = data["round"]
    response = client.post(f"/admin/recruitment/rounds/delete/{booked.pk}/")
    assert response.status_code == 302 and InterviewRound.objects.filter(pk=booked.pk).exists()
    assert Interview.objects.filter(round=booked).count() == 1
    empty = f.make_round(title="Empty round")
    f.make_slots(empty, 2)
    assert client.post(f"/admin/recruitment/rounds/delete/{empty.pk}/").status_code == 302
    assert not InterviewRound.objects.filter(pk=empty.pk).exists()

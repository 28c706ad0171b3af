"""Events staff's screens: who sees what (every other group and anonymous see nothing, not even through a
guessed URL), search and filters, inspect with history, moves, capacity, attendee list exports."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from freezegun import freeze_time
from openpyxl import load_workbook

from content.editorial import EDITORS, PUBLISHERS, ensure_editorial_groups
from records import audit
from records.donations.roles import FOUNDATION_STAFF
from records.donations.roles import ensure_groups as ensure_donations_groups
from records.events.models import EventCapacity, Registration
from records.grants.roles import GRANTS_OFFICE, REVIEWERS
from records.recruitment.roles import HR_STAFF, INTERVIEW_PANEL
from records.recruitment.roles import ensure_groups as ensure_recruitment_groups
from tests.factories.events import NOW, event_info, events_staff, register
from tests.factories.grants import user

pytestmark = pytest.mark.django_db
Status = Registration.Status
SOON = NOW + datetime.timedelta(days=1)


@pytest.fixture
def data():
    info = event_info(title="Organoid symposium", capacity=2)
    other = event_info(title="Information session", capacity=None)
    people = [
        register(info, "alpha@example.org", data={"name": "Alpha Sample", "organisation": '=HYPERLINK("x")'})[0],
        register(info, "beta@example.org", data={"name": "Beta Sample", "attendance": "online"})[0],
        register(info, "gamma@example.org", data={"name": "Gamma Sample"})[0],
        register(other, "delta@example.org", data={"name": "Delta Sample"})[0],
    ]
    return {"info": info, "other": other, "people": people, "event": EventCapacity.objects.get(event_key=info.key)}


def in_english(account):
    """The admin in English for this account (the default is Chinese)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(account)
    profile.preferred_language = "en"
    profile.save()
    return account


def staff_urls(data):
    first, event = data["people"][0], data["event"]
    return [
        "/admin/events/registrations/",
        f"/admin/events/registrations/inspect/{first.pk}/",
        "/admin/events/registrations/?export=csv",
        f"/admin/events/registrations/?event={event.event_key}&export=xlsx",
        "/admin/events/events/",
        f"/admin/events/events/inspect/{event.pk}/",
        "/admin/events/events/?export=csv",
    ]


def test_anonymous_users_are_sent_to_the_login(client, data):
    for url in staff_urls(data):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    assert (
        client.post(f"/admin/events/registrations/move/{data['people'][0].pk}/", {"target": "cancelled"}).status_code
        == 302
    )
    assert Registration.objects.filter(status=Status.CANCELLED).count() == 0


@pytest.mark.parametrize(
    "group", [GRANTS_OFFICE, REVIEWERS, HR_STAFF, INTERVIEW_PANEL, FOUNDATION_STAFF, EDITORS, PUBLISHERS, None]
)
def test_every_other_group_sees_nothing_of_the_registrations(client, data, group):
    ensure_editorial_groups()
    ensure_recruitment_groups()
    ensure_donations_groups()
    account = user(None, group) if group else user()
    assert Group.objects.filter(name=group).exists() or group is None
    client.force_login(account)
    for url in staff_urls(data):
        response = client.get(url)
        assert response.status_code in (302, 403), (group, url)
        body = response.content.decode()
        assert "alpha@example.org" not in body and "Alpha Sample" not in body
    first, event = data["people"][0], data["event"]
    move = client.post(f"/admin/events/registrations/move/{first.pk}/", {"target": "cancelled"})
    assert move.status_code in (302, 403)
    assert client.post(f"/admin/events/events/capacity/{event.pk}/", {"capacity": "50"}).status_code in (302, 403)
    assert client.get(f"/admin/events/registrations/edit/{first.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/events/registrations/delete/{first.pk}/").status_code in (302, 403)
    assert Registration.objects.get(pk=first.pk).status == Status.CONFIRMED
    assert EventCapacity.objects.get(pk=event.pk).capacity == 2
    menu = client.get("/admin/")
    if menu.status_code == 200:
        assert "/admin/events/registrations/" not in menu.content.decode()


def test_events_staff_see_and_work_everything_but_never_edit_or_delete(client, data):
    client.force_login(events_staff())
    for url in staff_urls(data):
        assert client.get(url).status_code == 200, url
    assert "/admin/events/registrations/" in client.get("/admin/").content.decode()
    first = data["people"][0]
    assert client.get(f"/admin/events/registrations/edit/{first.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/events/registrations/delete/{first.pk}/").status_code in (302, 403)
    assert client.get("/admin/events/registrations/add/").status_code in (302, 403)
    assert Registration.objects.filter(pk=first.pk).exists()


def test_search_and_filters(client, data):
    client.force_login(events_staff())
    listing = lambda query: client.get(f"/admin/events/registrations/?{query}").context["object_list"]  # noqa: E731
    key, other = data["info"].key, data["other"].key
    assert [r.name for r in listing("q=Beta")] == ["Beta Sample"]
    assert [r.name for r in listing("q=gamma@example")] == ["Gamma Sample"]
    assert len(listing(f"q={data['people'][2].reference}")) == 1
    assert {r.name for r in listing(f"event={key}")} == {"Alpha Sample", "Beta Sample", "Gamma Sample"}
    assert [r.name for r in listing(f"event={other}")] == ["Delta Sample"]
    assert [r.name for r in listing(f"event={key}&status=waitlisted")] == ["Gamma Sample"]
    assert [r.name for r in listing("attendance=online")] == ["Beta Sample"]
    html = client.get("/admin/events/registrations/").content.decode()
    assert "Organoid symposium" in html and "Information session" in html  # the event filter's choices


@freeze_time(SOON)
def test_inspect_shows_the_history_and_only_the_permitted_moves(client, data):
    staff = events_staff("events-officer")
    client.force_login(staff)
    alpha, _beta, gamma, _delta = data["people"]
    html = client.get(f"/admin/events/registrations/inspect/{gamma.pk}/").content.decode()
    assert "2026年3月11日 18:00" in html  # the event's start in Beijing time (stored as 10:00 UTC)
    move_form = html.split('name="target"')[1].split("</select>")[0]
    assert 'value="confirmed"' in move_form and 'value="cancelled"' in move_form
    response = client.post(
        f"/admin/events/registrations/move/{alpha.pk}/", {"target": "cancelled", "reason": "By phone"}
    )
    assert response.status_code == 302
    assert Registration.objects.get(pk=alpha.pk).status == Status.CANCELLED
    assert Registration.objects.get(pk=gamma.pk).status == Status.CONFIRMED
    cancelled = client.get(f"/admin/events/registrations/inspect/{alpha.pk}/").content.decode()
    assert "By phone" in cancelled and "events-officer" in cancelled
    assert 'name="target"' not in cancelled  # cancelled is final: no moves offered
    promoted = client.get(f"/admin/events/registrations/inspect/{gamma.pk}/").content.decode()
    assert f"由候补转为确认：{alpha.reference} 已取消" in promoted  # the admin in Chinese by default
    refused = client.post(f"/admin/events/registrations/move/{alpha.pk}/", {"target": "confirmed"})
    assert refused.status_code == 302
    assert Registration.objects.get(pk=alpha.pk).status == Status.CANCELLED
    assert client.get(f"/admin/events/registrations/move/{alpha.pk}/").status_code == 405


@freeze_time(SOON)
def test_capacity_per_event(client, data):
    client.force_login(in_english(events_staff()))
    event = data["event"]
    page = client.get(f"/admin/events/events/inspect/{event.pk}/").content.decode()
    assert "2 confirmed, 1 on the waiting list" in page and "0 places left" in page
    assert client.post(f"/admin/events/events/capacity/{event.pk}/", {"capacity": "-1"}).status_code == 302
    assert EventCapacity.objects.get(pk=event.pk).capacity == 2
    response = client.post(f"/admin/events/events/capacity/{event.pk}/", {"capacity": "3", "reason": "Bigger room"})
    assert response.status_code == 302
    assert EventCapacity.objects.get(pk=event.pk).capacity == 3
    assert Registration.objects.get(pk=data["people"][2].pk).status == Status.CONFIRMED
    page = client.get(f"/admin/events/events/inspect/{event.pk}/").content.decode()
    assert "Capacity changed from 2 to 3" in page and "Bigger room" in page
    listing = client.get("/admin/events/events/").content.decode()
    assert "Organoid symposium" in listing
    found = client.get("/admin/events/events/?q=Organoid").context["object_list"]
    assert [e.pk for e in found] == [event.pk] and (found[0].confirmed, found[0].waitlisted) == (3, 0)
    (entry,) = audit.history(EventCapacity.objects.get(pk=event.pk))
    assert entry.data["source"] == "staff"


def test_attendee_list_exports_per_event(client, data):
    client.force_login(in_english(events_staff()))
    key = data["info"].key
    response = client.get(f"/admin/events/registrations/?event={key}&status=confirmed&export=csv")
    assert response.status_code == 200
    assert "attendees-organoid-symposium" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows[0]) == 12  # the headings (written while the response streams, in the active language)
    assert sorted(row[2] for row in rows[1:]) == ["Alpha Sample", "Beta Sample"]
    alpha = next(row for row in rows[1:] if row[2] == "Alpha Sample")
    assert alpha[5] == '\'=HYPERLINK("x")'  # a formula stays text
    xlsx = client.get(f"/admin/events/registrations/?event={key}&status=confirmed&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = list(sheet.values)
    assert len(values) == 3 and values[0][2] in ("Name", "姓名")
    assert {row[3] for row in values[1:]} == {"alpha@example.org", "beta@example.org"}

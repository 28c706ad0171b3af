"""Peer review as staff and reviewers need it: reviewers picked by hand from the expert pool (conflicts shown and
refused), each assigned reviewer emailed in their language with the link, the budget sheet open to the reviewer who
scores "Budget", and only accounts of the Reviewers group linked to an expert (and let into the files)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import translation
from wagtail.users.models import UserProfile

from records.files import store_upload
from records.grants import services
from records.grants.models import Assignment, Reviewer, Status
from records.grants.roles import GRANTS_OFFICE, REVIEWERS
from records.recruitment.roles import HR_STAFF
from tests.factories import grants as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    call = f.make_call()
    host = f.make_institution(call.programme, name="示例第一医院")
    application = f.make_application(
        call, host, status=Status.PEER_REVIEW, team=[{"name": "李团队", "institution_name": "示例大学"}]
    )
    officer = f.office_user("officer")
    english_admin(officer)
    client.force_login(officer)
    return {"call": call, "host": host, "application": application, "officer": officer}


def english_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def queued(response):
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def test_staff_pick_reviewers_by_hand_from_the_pool(client, world, django_capture_on_commit_callbacks):
    application = world["application"]
    # Nobody of the pool shares the category's field: the suggestions cannot find them, staff can.
    cardiologist = f.make_reviewer("cardiology", name="王心内", institution_name="示例心血管研究所")
    same_host = f.make_reviewer("cardiology", name="赵同院", institution_name="示例第一医院")
    on_team = f.make_reviewer("cardiology", name="李团队", institution_name="示例大学")
    url = f"/admin/grants/applications/reviewers/{application.pk}/"

    page = client.get(url, {"q": "示例"}).content.decode()
    assert "王心内" in page and "赵同院" in page and "李团队" in page
    assert re.search(rf'value="{cardiologist.pk}" id="\w+-{cardiologist.pk}"( checked)?>', page)  # may be ticked
    assert re.search(rf'value="{same_host.pk}" id="\w+-{same_host.pk}" disabled>', page)
    assert "works at the host institution" in page and "is a member of the team" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reviewers": [cardiologist.pk]})
    assert response.status_code == 302
    assert list(application.assignments.values_list("reviewer__name", flat=True)) == ["王心内"]
    (message,) = queued(response)
    assert "王心内" in message
    assert [m.to for m in mail.outbox] == [[cardiologist.email]]

    # A conflicted expert posted anyway is refused, and nothing is assigned.
    for expert in (same_host, on_team):
        response = client.post(url, {"reviewers": [expert.pk]})
        assert response.status_code == 400
        assert "conflict of interest with this application" in response.content.decode()  # the message, shown
    assert application.assignments.count() == 1


def test_the_pool_is_searched_by_field_of_expertise(client, world):
    application = world["application"]
    f.make_reviewer("cardiology", name="王心内")
    f.make_reviewer("neuroscience", name="孙神经")
    field = f.expertise("cardiology")
    page = client.get(f"/admin/grants/applications/reviewers/{application.pk}/", {"field": field.pk}).content.decode()
    results = page.split("Search results")[-1] if "Search results" in page else page.split("搜索结果")[-1]
    assert "王心内" in results and "孙神经" not in results


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [("en", "Review request: ", "The grants office asks you to review"), ("zh-hans", "评审邀请", "邀请您评审")],
)
def test_an_assigned_reviewer_is_emailed_in_their_language_with_the_link(
    world, django_capture_on_commit_callbacks, settings, language, subject, words
):
    settings.SITE_BASE_URL = "https://smart.example.org"
    reviewer = f.make_reviewer("oncology")
    reviewer.language = language
    reviewer.save()
    with django_capture_on_commit_callbacks(execute=True):
        (assignment,) = services.assign_reviewers(world["application"], world["officer"], reviewers=[reviewer])
    (message,) = mail.outbox
    assert message.to == [reviewer.email]
    assert subject in message.subject and world["application"].reference in message.subject
    assert words in message.body
    assert f"https://smart.example.org/admin/grants/my-reviews/{assignment.pk}/" in message.body
    assert world["application"].pi_email not in message.body and world["application"].pi_phone not in message.body


def test_the_replacement_after_a_recusal_is_emailed_too(client, world, django_capture_on_commit_callbacks):
    first, second = f.make_reviewer("oncology"), f.make_reviewer("oncology")
    (assignment,) = services.assign_reviewers(world["application"], world["officer"], reviewers=[first])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/grants/applications/recuse/{assignment.pk}/", {"reason": "同一课题组"})
    assert [m.to for m in mail.outbox] == [[second.email]]
    (message,) = queued(response)
    assert first.name in message and second.name in message


def test_the_reviewer_opens_the_budget_sheet_they_score(client, world):
    application = world["application"]
    proposal = f.pdf_upload()
    proposal.checked_kind = "pdf"
    budget = f.xlsx_upload()
    budget.checked_kind = "xlsx"
    application.proposal = store_upload(proposal, role="proposal", owner=application)
    application.budget_sheet = store_upload(budget, role="budget", owner=application)
    application.save()
    reviewer = f.make_reviewer("oncology")
    (assignment,) = services.assign_reviewers(application, world["officer"], reviewers=[reviewer])
    client.force_login(reviewer.user)
    page = client.get(f"/admin/grants/my-reviews/{assignment.pk}/").content.decode()
    budget_url = f"/admin/records/files/{application.budget_sheet.pk}/"
    assert budget_url in page
    response = client.get(budget_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")  # the XLSX itself

    # Out of the Reviewers group, the same account opens nothing any more.
    reviewer.user.groups.remove(Group.objects.get(name=REVIEWERS))
    client.force_login(type(reviewer.user).objects.get(pk=reviewer.user.pk))
    for stored in (application.budget_sheet, application.proposal):
        assert client.get(f"/admin/records/files/{stored.pk}/").status_code in (302, 403, 404)


def test_only_reviewers_group_accounts_can_be_linked_to_a_reviewer(client, world):
    admin = f.user("boss", is_superuser=True, is_staff=True)
    hr = f.user("hr-person", HR_STAFF) if Group.objects.filter(name=HR_STAFF).exists() else None
    if hr is None:
        from records.recruitment.roles import ensure_groups

        ensure_groups()
        hr = f.user("hr-person", HR_STAFF)
    office = f.user("office-person", GRANTS_OFFICE)
    free_reviewer = f.user("expert-account", REVIEWERS)
    linked = f.make_reviewer("oncology")  # its account is taken
    page = client.get("/admin/grants/reviewers/new/").content.decode()
    options = page.split('name="user"')[1].split("</select>")[0]
    assert "expert-account" in options
    for other in (admin, hr, office, world["officer"], linked.user):
        assert f'value="{other.pk}"' not in options, other.username
    assert "Reviewers" in page or "评审专家" in page  # the help text names the group

    data = {
        "name": "新专家",
        "institution_name": "示例研究院",
        "email": "new.expert@example.org",
        "active": "on",
        "language": "en",
        "expertise": [f.expertise("oncology").pk],
    }
    response = client.post("/admin/grants/reviewers/new/", {**data, "user": hr.pk})
    assert response.status_code == 200 and not Reviewer.objects.filter(email="new.expert@example.org").exists()
    response = client.post("/admin/grants/reviewers/new/", {**data, "user": free_reviewer.pk})
    assert response.status_code == 302
    assert Reviewer.objects.get(email="new.expert@example.org").user == free_reviewer
    # The model refuses it whatever form saves it.
    expert = Reviewer(name="x", institution_name="y", email="x@example.org", user=office)
    with translation.override("en"):
        with pytest.raises(Exception) as error:
            expert.full_clean()
        assert "Reviewers" in str(error.value)


def test_the_assign_screen_and_its_message(client, world, django_capture_on_commit_callbacks):
    f.make_reviewer("oncology", name="甲专家")
    f.make_reviewer("oncology", name="乙专家")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/grants/applications/assign/{world['application'].pk}/", {"count": 3})
    messages = queued(response)
    assert "甲专家" in messages[0] and "乙专家" in messages[0]
    assert "2 of the 3" in messages[1]
    assert Assignment.objects.count() == 2 and len(mail.outbox) == 2
    response = client.post(f"/admin/grants/applications/assign/{world['application'].pk}/", {"count": "many"})
    assert queued(response), "an invalid count is answered with a message too"

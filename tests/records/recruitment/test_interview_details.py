"""Interview rounds hold their details in both languages (issue 17, point 6): each candidate's invitation and .ics
give the round's title, room and instructions in the language they applied in (an English candidate once got a
Chinese room name)."""

import icalendar
import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from records.recruitment import services
from records.recruitment.models import InterviewRound, Status
from tests.factories import recruitment as f

pytestmark = pytest.mark.django_db

NOW = f.at(2099, 3, 1)
DETAILS = {
    "title": "2099年PI面试（示例）",
    "title_en": "2099 PI interviews (sample)",
    "location_zh": "深圳医学科学院大楼 101 会议室",
    "location_en": "SMART Building, Room 101",
    "instructions_zh": "请携带身份证，提前十分钟到一楼前台登记。",
    "instructions_en": "Please bring your passport and sign in at the ground-floor reception ten minutes early.",
}


@pytest.fixture
def bilingual_round():
    interview_round = InterviewRound.objects.create(category="pi", held_on=f.at(2099, 3, 5).date(), **DETAILS)
    slots = f.make_slots(interview_round, count=2, first=f.at(2099, 3, 5, 9, 30))
    return interview_round, slots


@pytest.mark.parametrize(
    ("language", "ours", "theirs"),
    [
        ("en", ("title_en", "location_en", "instructions_en"), ("title", "location_zh", "instructions_zh")),
        ("zh-hans", ("title", "location_zh", "instructions_zh"), ("title_en", "location_en", "instructions_en")),
    ],
)
def test_each_candidate_reads_the_round_in_their_language(
    bilingual_round, django_capture_on_commit_callbacks, language, ours, theirs
):
    _round, slots = bilingual_round
    application = f.make_application(status=Status.INTERVIEW, language=language)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(application, slots[0], f.hr_user(), now=NOW)
    [message] = mail.outbox
    for name in ours:
        assert DETAILS[name] in message.body, name
    for name in theirs:
        assert DETAILS[name] not in message.body, name
    [(_name, content, _type)] = message.attachments
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["location"]) == DETAILS[ours[1]]
    assert DETAILS[ours[2]] in str(event["description"])


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_round_needs_its_room_and_instructions_in_both_languages(client, language):
    hr = f.hr_user()
    profile = UserProfile.get_for_user(hr)
    profile.preferred_language = language
    profile.save()
    client.force_login(hr)
    data = {"category": "pi", "held_on": "2099-05-06", **DETAILS}
    half = {**data, "location_en": "", "instructions_zh": ""}
    response = client.post("/admin/recruitment/rounds/new/", half)
    assert response.status_code == 200 and not InterviewRound.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) == {"location_en", "instructions_zh"}
    response = client.post("/admin/recruitment/rounds/new/", data)
    assert response.status_code == 302
    saved = InterviewRound.objects.get()
    assert (saved.location_zh, saved.location_en) == (DETAILS["location_zh"], DETAILS["location_en"])
    inspect = client.get(f"/admin/recruitment/rounds/inspect/{saved.pk}/").content.decode()
    assert DETAILS["location_en"] in inspect and DETAILS["instructions_zh"] in inspect

"""Emails to candidates, really sent through the locmem backend in the language they applied in: acknowledgement,
interview invitation with an .ics (parsed with icalendar, Asia/Shanghai), offer and rejection."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core import mail

from records.recruitment import services
from records.recruitment.models import Status
from tests.factories import recruitment as f

pytestmark = pytest.mark.django_db

NOW = f.at(2099, 3, 1)


@pytest.fixture
def interview_setting():
    hr = f.hr_user()
    interview_round = f.make_round(title="2099 PI interviews (sample)", location="SMART Building, Room 101")
    slots = f.make_slots(interview_round, count=2, first=f.at(2099, 3, 5, 9, 30))
    return hr, interview_round, slots


def _only_mail():
    assert len(mail.outbox) == 1
    return mail.outbox.pop()


@pytest.mark.parametrize(
    ("language", "subject", "body", "summary"),
    [
        ("en", "Interview invitation: Principal investigator", "We are pleased to invite you", "SMART interview"),
        ("zh-hans", "面试邀请：Principal investigator", "诚邀您参加面试", "深圳医科院面试"),
    ],
)
def test_interview_invitation_with_an_ics_in_the_candidates_language(
    interview_setting, django_capture_on_commit_callbacks, language, subject, body, summary
):
    hr, interview_round, slots = interview_setting
    application = f.make_application(status=Status.INTERVIEW, language=language, name="Sample Candidate")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interview = services.schedule(application, slots[0], hr, now=NOW)
    message = _only_mail()
    assert message.to == [application.email]
    assert message.subject.startswith(subject) and application.reference in message.subject
    assert body in message.body and "Sample Candidate" in message.body
    assert "SMART Building, Room 101" in message.body
    assert ("2099年3月5日" if language == "zh-hans" else "5 March 2099, 09:30 – 10:00") in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("interview.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime.datetime(2099, 3, 5, 9, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert str(start.tzinfo) == "Asia/Shanghai" and event["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert end - start == datetime.timedelta(minutes=30)
    assert str(event["summary"]).startswith(summary)
    assert str(event["location"]) == "SMART Building, Room 101"
    assert application.reference in str(event["description"])
    assert str(event["uid"]).startswith(f"recruitment-interview-{interview.pk}@")
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


@pytest.mark.parametrize(
    ("language", "offer", "rejection"),
    [
        ("en", ("Offer: ", "We are delighted to offer you"), ("Your application: ", "we regret that we cannot offer")),
        ("zh-hans", ("录用通知：", "我们很高兴地通知您"), ("关于您的申请：", "很遗憾")),
    ],
)
def test_outcome_emails_in_the_candidates_language_without_the_internal_reason(
    django_capture_on_commit_callbacks, language, offer, rejection
):
    hr = f.hr_user()
    offered = f.make_application(status=Status.INTERVIEW, language=language)
    rejected = f.make_application(status=Status.SCREENING, language=language)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        f.hold_and_send(offered, Status.OFFER, hr, reason="Panel agreed by phone")
    message = _only_mail()
    assert message.subject.startswith(offer[0]) and offer[1] in message.body and message.to == [offered.email]
    with django_capture_on_commit_callbacks(execute=True):
        f.hold_and_send(rejected, Status.REJECTED, hr, reason="INTERNAL: publication record too thin")
    message = _only_mail()
    assert message.subject.startswith(rejection[0]) and rejection[1] in message.body
    assert "INTERNAL" not in message.body and rejected.reference in message.subject


def test_other_moves_send_no_email(django_capture_on_commit_callbacks):
    hr = f.hr_user()
    application = f.make_application()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(application, Status.SCREENING, hr)
        services.move(application, Status.WITHDRAWN, hr, reason="Took another position")
    assert mail.outbox == []


@pytest.mark.parametrize(("language", "greeting"), [("en", "Dear "), ("zh-hans", "，您好：")])
def test_acknowledgement_in_the_language_applied_in(django_capture_on_commit_callbacks, language, greeting):
    with django_capture_on_commit_callbacks(execute=True):
        application = f.make_application(language=language)
    message = _only_mail()
    assert application.reference in message.subject and greeting in message.body.splitlines()[0]

"""Every staff action of the grants office and HR ends with a message that says what happened, whether the action
was done, refused or mistyped (seen: no message confirmed that reviewers were assigned or a recusal recorded)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from records.grants import services as grants
from records.grants.models import InstitutionStatus
from records.grants.models import Status as GrantStatus
from records.recruitment import services as recruitment
from records.recruitment.models import Interview, Outcome
from records.recruitment.models import Status as JobStatus
from tests.factories import grants as g
from tests.factories import recruitment as r

pytestmark = pytest.mark.django_db
MESSAGE = re.compile(r'<li class="(success|error|warning)">\s*(?:<svg.*?</svg>)?\s*(.*?)\s*(?:<button|</li>)', re.S)


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def said(client, url, data=None):
    """POST ``data`` to ``url``, follow where it leads, and return the messages shown there as (level, text)."""
    response = client.post(url, data or {}, follow=True)
    shown = [(level, re.sub(r"\s+", " ", text).strip()) for level, text in MESSAGE.findall(response.content.decode())]
    return [(level, text) for level, text in shown if text]


def test_every_grants_office_action_says_what_happened(client, django_capture_on_commit_callbacks):
    officer = english(g.office_user("officer"))
    client.force_login(officer)
    call = g.make_call(budget=Decimal("5000000"))
    host = g.make_institution(call.programme, name="示例第一医院")
    pending = g.make_institution(call.programme, status=InstitutionStatus.PENDING, name="待审单位")
    submitted = g.make_application(call, host)
    peer = g.make_application(call, host, status=GrantStatus.PEER_REVIEW)
    panel = g.make_application(call, host, status=GrantStatus.PANEL_REVIEW)
    experts = [g.make_reviewer("oncology", name=f"专家{n}") for n in range(4)]
    base = "/admin/grants/applications"

    with django_capture_on_commit_callbacks(execute=True):
        checks = {
            "move": said(client, f"{base}/move/{submitted.pk}/", {"target": GrantStatus.FORMAL_REVIEW}),
            "move refused": said(client, f"{base}/move/{submitted.pk}/", {"target": GrantStatus.FUNDED}),
            "assign suggested": said(client, f"{base}/assign/{peer.pk}/", {"count": 1}),
            "assign, no count": said(client, f"{base}/assign/{peer.pk}/", {"count": ""}),
            "pick by hand": said(client, f"{base}/reviewers/{peer.pk}/", {"reviewers": [experts[3].pk]}),
            "pick nobody": said(client, f"{base}/reviewers/{peer.pk}/", {}),
            "decide": said(client, f"{base}/decide/{panel.pk}/", {"decision": "fund", "award_amount": "300000"}),
            "decide contradiction": said(
                client, f"{base}/decide/{panel.pk}/", {"decision": "not_fund", "award_amount": "750000"}
            ),
            "withdraw decision": said(client, f"{base}/withdraw-decision/{panel.pk}/"),
            "withdraw nothing": said(client, f"{base}/withdraw-decision/{panel.pk}/"),
            "institution, no choice": said(client, f"/admin/grants/institutions/decide/{pending.pk}/", {}),
            "institution": said(
                client, f"/admin/grants/institutions/decide/{pending.pk}/", {"decision": "approve", "reason": ""}
            ),
            "release, not ticked": said(client, f"/admin/grants/calls/release/{call.pk}/", {"fingerprint": "x"}),
        }
        assignment = peer.assignments.first()
        checks["recusal"] = said(client, f"{base}/recuse/{assignment.pk}/", {"reason": "同一课题组"})
        checks["recusal, no reason"] = said(client, f"{base}/recuse/{peer.assignments.last().pk}/", {"reason": ""})
        grants.decide(panel, funded=True, user=officer, award_amount=Decimal("300000"))
        fingerprint = grants.release_summary(call)["fingerprint"]
        release = f"/admin/grants/calls/release/{call.pk}/"
        checks["release"] = said(client, release, {"fingerprint": fingerprint, "confirm": "on"})
        checks["release again"] = said(client, release, {"fingerprint": fingerprint, "confirm": "on"})
        checks["disburse"] = said(
            client, f"{base}/disburse/{panel.pk}/", {"amount": "100000", "paid_on": "2024-12-01", "note": ""}
        )
        checks["disburse, no amount"] = said(client, f"{base}/disburse/{panel.pk}/", {"amount": ""})
        checks["bulk move"] = said(
            client, f"{base}/bulk-move/", {"target": GrantStatus.FORMAL_REVIEW, "reason": "", "confirm": "on"}
        )
    silent = [action for action, messages in checks.items() if not messages]
    assert silent == [], f"no message after: {silent}"
    expected = {
        "move": ("success", "moved to"),
        "assign suggested": ("success", "reviewer assigned: "),
        "pick by hand": ("success", "专家3"),
        "recusal": ("success", "Recusal of"),
        "decide": ("success", "held"),
        "decide contradiction": ("error", "Do not fund"),
        "withdraw decision": ("success", "withdrawn"),
        "institution": ("success", "approved"),
        "release": ("success", "released"),
        "release again": ("warning", "released already"),
        "disburse": ("success", "100,000.00"),
    }
    for action, (level, words) in expected.items():
        assert any(shown_level == level and words in text for shown_level, text in checks[action]), (action, checks)


def test_every_hr_action_says_what_happened(client, django_capture_on_commit_callbacks):
    hr = english(r.hr_user("hr-officer"))
    client.force_login(hr)
    panel_member = r.panel_user()
    held_on = timezone.localdate() + datetime.timedelta(days=20)
    interview_round = r.make_round(held_on=held_on, panel=[panel_member])
    slots = r.make_slots(interview_round, count=3)
    received = r.make_application()
    shortlisted = r.make_application(status=JobStatus.INTERVIEW)
    booked = r.make_application(status=JobStatus.INTERVIEW)
    interview = Interview.objects.create(slot=slots[2], round=interview_round, application=booked)
    base = "/admin/recruitment/applications"

    with django_capture_on_commit_callbacks(execute=True):
        checks = {
            "move": said(client, f"{base}/move/{received.pk}/", {"target": JobStatus.SCREENING}),
            "move refused": said(client, f"{base}/move/{received.pk}/", {"target": JobStatus.HIRED}),
            "schedule": said(client, f"{base}/schedule/{shortlisted.pk}/", {"slot": slots[0].pk}),
            "schedule, taken": said(client, f"{base}/schedule/{shortlisted.pk}/", {"slot": slots[2].pk}),
            "cancel interview": said(client, f"{base}/cancel-interview/{interview.pk}/", {"reason": "Candidate ill"}),
            "cancel, no reason": said(
                client, f"{base}/cancel-interview/{Interview.objects.get(application=shortlisted).pk}/", {}
            ),
            "add slots": said(
                client,
                f"/admin/recruitment/rounds/slots/{interview_round.pk}/",
                {"first_start": f"{held_on:%Y-%m-%d} 14:00", "minutes": 30, "count": 2, "gap_minutes": 0},
            ),
            "add the same slots": said(
                client,
                f"/admin/recruitment/rounds/slots/{interview_round.pk}/",
                {"first_start": f"{held_on:%Y-%m-%d} 14:00", "minutes": 30, "count": 2, "gap_minutes": 0},
            ),
            "hold a rejection": said(
                client, f"{base}/move/{booked.pk}/", {"target": JobStatus.REJECTED, "reason": "Position filled"}
            ),
            "withdraw the held one": said(client, f"{base}/withdraw-outcome/{booked.pk}/"),
            "withdraw nothing": said(client, f"{base}/withdraw-outcome/{booked.pk}/"),
            "send, not ticked": said(client, "/admin/recruitment/outcomes/", {"fingerprint": "x"}),
        }
        recruitment.hold_outcome(booked, Outcome.Kind.REJECTION, hr, "Position filled")
        fingerprint = recruitment.send_summary()["fingerprint"]
        checks["send"] = said(client, "/admin/recruitment/outcomes/", {"fingerprint": fingerprint, "confirm": "on"})
        checks["bulk move"] = said(
            client, f"{base}/bulk-move/", {"target": JobStatus.SCREENING, "reason": "", "confirm": "on"}
        )
    silent = [action for action, messages in checks.items() if not messages]
    assert silent == [], f"no message after: {silent}"
    expected = {
        "schedule": ("success", "Interview scheduled"),
        "cancel interview": ("success", booked.reference),
        "add slots": ("success", "2 slot(s) added"),
        "add the same slots": ("warning", "already"),
        "hold a rejection": ("success", "held"),
        "send": ("success", "1 rejection(s)"),
    }
    for action, (level, words) in expected.items():
        assert any(shown_level == level and words in text for shown_level, text in checks[action]), (action, checks)

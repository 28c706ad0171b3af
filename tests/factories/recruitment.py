"""Recruitment records for tests: applications through the real intake service, rounds, slots, users of each group."""

import datetime
import itertools
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from records.recruitment.models import InterviewRound, InterviewSlot, JobApplication, Status
from records.recruitment.roles import HR_STAFF, INTERVIEW_PANEL, ensure_groups
from records.recruitment.services import PostingInfo, submit_job_application
from records.uploads import PDF, check_upload
from tests.factories.publications import upload

_counter = itertools.count(1)
SHANGHAI = timezone.get_default_timezone()


def user(username=None, *groups, **fields):
    ensure_groups()
    account = get_user_model().objects.create_user(
        username=username or f"user{next(_counter)}", password="secret-password", **fields
    )
    for name in groups:
        account.groups.add(Group.objects.get_or_create(name=name)[0])
    return account


def other_account(kind):
    """A user of another group (``OTHER_KINDS``), for the tests that HR records stay out of their reach."""
    from content.editorial import EDITORS, PUBLISHERS, ensure_editorial_groups
    from records.grants.roles import GRANTS_OFFICE, REVIEWERS
    from records.grants.roles import ensure_groups as ensure_grants_groups

    ensure_editorial_groups()
    ensure_grants_groups()
    groups = {
        "grants office": GRANTS_OFFICE,
        "reviewers": REVIEWERS,
        "communications editors": EDITORS,
        "communications publishers": PUBLISHERS,
        "interview panel": INTERVIEW_PANEL,
    }
    if kind == "no group":
        return user(is_staff=True)
    if kind == "inactive HR staff":
        return user(None, HR_STAFF, is_active=False)
    return user(None, groups[kind])


OTHER_KINDS = [
    "grants office",
    "reviewers",
    "communications editors",
    "communications publishers",
    "interview panel",
    "no group",
]


def hr_user(username=None):
    return user(username, HR_STAFF)


def panel_user(username=None):
    return user(username, INTERVIEW_PANEL)


def checked(name, text=None):
    """A small PDF upload, checked by content as the public form does."""
    uploaded = upload(name, b"%PDF-1.4\n% " + (text or name).encode() + b"\ntrailer<<>>\n%%EOF\n")
    uploaded.checked_kind = check_upload(uploaded, (PDF,))
    return uploaded


def posting(category="pi", title=None, **extra):
    values = {
        "page_id": 7,
        "key": str(uuid.uuid4()),
        "title": title or {"pi": "Principal investigator", "postdoc": "Postdoctoral fellow"}.get(category, category),
        "url": "https://example.org/en/careers/sample/",
        "category": category,
        "closes_on": None,
        "research_statement_required": category == "pi",
    }
    values.update(extra)
    return PostingInfo(**values)


def make_application(
    *, status=Status.RECEIVED, category="pi", language="en", name=None, email=None, submitted_at=None, closed_at=None
):
    """An application stored by the real intake service (files in private storage), then put in ``status``."""
    number = next(_counter)
    application, _created = submit_job_application(
        posting=posting(category),
        data={
            "name": name or f"Sample Candidate {number}",
            "email": email or f"candidate{number}@example.org",
            "phone": "+86 755 0000 0000",
            "current_position": "Assistant professor",
            "institution": "Sample University",
            "highest_degree": "PhD",
            "consent": True,
        },
        cv=checked("cv.pdf", f"CV {number}"),
        cover_letter=checked("letter.pdf", f"Letter {number}"),
        research_statement=checked("statement.pdf", f"Statement {number}") if category == "pi" else None,
        language=language,
        now=submitted_at,
    )
    updates = {"status": status}
    if closed_at is not None:
        updates["closed_at"] = closed_at
    JobApplication.objects.filter(pk=application.pk).update(**updates)
    application.refresh_from_db()
    return application


def at(year, month, day, hour=9, minute=0):
    """An aware datetime in Beijing time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def make_round(*, category="pi", held_on=None, panel=(), title="PI interviews (sample)", location="Room 101", **extra):
    """A round whose title and location are the same in both languages unless ``extra`` says otherwise."""
    values = {"title_en": title, "location_zh": location, "location_en": location, **extra}
    interview_round = InterviewRound.objects.create(
        title=title, category=category, held_on=held_on or datetime.date(2099, 3, 5), **values
    )
    interview_round.panel.add(*panel)
    return interview_round


def make_slots(interview_round, count=3, minutes=30, first=None):
    first = first or datetime.datetime.combine(interview_round.held_on, datetime.time(9, 0), tzinfo=SHANGHAI)
    return [
        InterviewSlot.objects.create(
            round=interview_round,
            starts_at=first + datetime.timedelta(minutes=index * minutes),
            ends_at=first + datetime.timedelta(minutes=(index + 1) * minutes),
        )
        for index in range(count)
    ]


def hold_and_send(application, target, user, reason="", confirmed=True):
    """Hold an offer or a rejection (``target``: Status.OFFER or Status.REJECTED) and send it at once."""
    from records.recruitment.services import outcomes

    outcomes.hold_outcome(application, outcomes.KINDS[target], user, reason, confirmed=confirmed)
    summary = outcomes.send_summary(application)
    return outcomes.send_outcomes(user, fingerprint=summary["fingerprint"], application=application)

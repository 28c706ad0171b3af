"""manage.py load_events_demo: the events taking registrations filled to capacity with a waiting list, visibly
sample data, the audit trail matching each status, and a second run changing nothing."""

import io

import pytest
from django.core.management import call_command

from records import audit
from records.events.models import EventCapacity, Registration
from records.notifications import Notification
from tests.factories.pages import build_site
from tests.factories.publications import build_events

pytestmark = pytest.mark.django_db
Status = Registration.Status


def run():
    out = io.StringIO()
    call_command("load_events_demo", stdout=out)
    return out.getvalue()


def test_the_demo_fills_the_open_event_with_sample_registrations_once(mailoutbox):
    pages = build_events(build_site())
    key = str(pages["event"].translation_key)
    output = run()
    assert "类器官前沿论坛: 2 confirmed, 5 on the waiting list, 2 cancelled" in output
    assert output.strip().splitlines()[-1].startswith("Done: 1 of 1 event(s) with open registration filled, 9 sample")
    stored = Registration.objects.filter(event_key=key)
    assert stored.count() == 9
    assert stored.filter(status=Status.CONFIRMED).count() == EventCapacity.objects.get(event_key=key).capacity == 2
    assert set(stored.values_list("language", flat=True)) <= {"zh-hans", "en"}
    for registration in stored:
        assert registration.email.endswith("@example.org")
        assert "示例" in registration.name or "Sample" in registration.name
        history = list(audit.history(registration))
        assert history[0].action == "registered"
        final = history[-1].to_state
        assert final == registration.status, registration.reference
    promoted = stored.exclude(promoted_at=None)
    assert promoted.count() == 2 and all(r.status == Status.CONFIRMED for r in promoted)
    assert len({r.reference for r in stored}) == 9
    assert not Notification.objects.exists() and mailoutbox == []  # no email to sample people
    second = run()
    assert "has registrations already" in second
    assert Registration.objects.count() == 9
    # The past symposium takes no registrations: nothing was made up for it.
    assert not Registration.objects.filter(event_key=str(pages["past_event"].translation_key)).exists()


def test_without_events_the_command_says_what_to_do():
    assert "run load_demo first" in run()

"""An applicant withdraws an undecided application from the status page, through a link emailed to the PI."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from wagtail.models import Locale

from records import audit
from records.grants.models import Status
from tests.factories import grants as f
from tests.factories.pages import locales

from .test_intake import site  # noqa: F401  (the fixture: home, call, institution, funding pages)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def _lookup(client, url, application):
    return client.post(url, {"reference": application.reference, "email": application.pi_email})


def _ask_for_link(client, url, application):
    return client.post(
        url,
        {
            "action": "request_withdrawal",
            "withdrawal-reference": application.reference,
            "withdrawal-email": application.pi_email,
        },
    )


def _link(message):
    return re.search(r"https?://\S+\?withdraw=\S+", message.body).group(0)


def test_the_applicant_withdraws_in_chinese(client, site, django_capture_on_commit_callbacks):  # noqa: F811
    application = f.make_application(site["call"], site["institution"], status=Status.PEER_REVIEW)
    found = _lookup(client, site["status_url"], application)
    html = found.content.decode()
    assert "撤回" in html and 'name="withdrawal-reference"' in html and 'value="request_withdrawal"' in html

    with django_capture_on_commit_callbacks(execute=True):
        asked = _ask_for_link(client, site["status_url"], application)
    assert asked.status_code == 200 and asked.context["withdrawal_requested"]
    (link_mail,) = mail.outbox
    assert link_mail.to == [application.pi_email] and "撤回" in link_mail.subject
    link = _link(link_mail)
    assert link.startswith("http://testserver/zh-hans/status/?withdraw=")
    application.refresh_from_db()
    assert application.status == Status.PEER_REVIEW  # nothing changes until the link is used

    path = link.removeprefix("http://testserver")
    opened = client.get(path)
    assert opened.status_code == 200 and 'value="withdraw"' in opened.content.decode()
    token = opened.context["withdrawal_form"]["token"].value()

    incomplete = client.post(site["status_url"], {"action": "withdraw", "token": token, "reason": ""})
    assert incomplete.status_code == 400
    assert set(incomplete.context["withdrawal_form"].errors) == {"reason", "confirm"}
    application.refresh_from_db()
    assert application.status == Status.PEER_REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            site["status_url"], {"action": "withdraw", "token": token, "reason": "转往海外工作", "confirm": "on"}
        )
    assert done.status_code == 200 and done.context["withdrawn"]
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert "已撤回" in mail.outbox[-1].subject and "转往海外工作" in mail.outbox[-1].body

    again = client.post(site["status_url"], {"action": "withdraw", "token": token, "reason": "再次", "confirm": "on"})
    assert again.status_code == 200 and "不能再撤回" in again.content.decode()
    assert audit.history(application).filter(action="moved").count() == 1
    assert len(mail.outbox) == 2

    client.force_login(f.office_user())  # the grants office sees both steps in the history, in words
    history = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    assert "已向项目负责人发送撤回链接" in history and "转往海外工作" in history


def test_the_applicant_withdraws_in_english(client, site, django_capture_on_commit_callbacks):  # noqa: F811
    _zh, en = locales()
    status_page = site["pages"][2]
    english_home = status_page.get_parent().specific.copy_for_translation(Locale.objects.get(pk=en.pk))
    english_home.save_revision().publish()
    english = status_page.copy_for_translation(Locale.objects.get(pk=en.pk))
    english.title = "Application status"
    english.save_revision().publish()
    application = f.make_application(site["call"], site["institution"], status=Status.SUBMITTED, language="en")

    found = _lookup(client, "/en/status/", application)
    assert "Withdraw this application" in found.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _ask_for_link(client, "/en/status/", application)
    link = _link(mail.outbox[0])
    assert mail.outbox[0].subject == f"Withdrawing your application {application.reference}"
    assert link.startswith("http://testserver/en/status/?withdraw=")
    opened = client.get(link.removeprefix("http://testserver"))
    assert "I understand that a withdrawn application cannot be reinstated." in opened.content.decode()
    token = opened.context["withdrawal_form"]["token"].value()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/status/", {"action": "withdraw", "token": token, "reason": "Moving abroad", "confirm": "on"})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert mail.outbox[-1].subject == f"Application withdrawn: {application.reference}"


def test_knowing_the_reference_and_email_is_not_enough(client, site):  # noqa: F811
    application = f.make_application(site["call"], site["institution"], status=Status.ACCEPTED)
    # A direct withdrawal POST with a made-up token, and a forged link, change nothing.
    posted = client.post(
        site["status_url"], {"action": "withdraw", "token": application.reference, "reason": "x", "confirm": "on"}
    )
    assert posted.status_code == 400 and posted.context["withdrawal_link_invalid"]
    forged = client.get(site["status_url"] + "?withdraw=eyJhIjoxfQ:forged")
    assert forged.status_code == 400 and "已失效" in forged.content.decode()
    # Asking for a link with the wrong email finds nothing and sends nothing.
    wrong = client.post(
        site["status_url"],
        {
            "action": "request_withdrawal",
            "withdrawal-reference": application.reference,
            "withdrawal-email": "x@example.org",
        },
    )
    assert wrong.context["not_found"] and mail.outbox == []
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED


@pytest.mark.parametrize("status", [Status.FUNDED, Status.NOT_FUNDED, Status.REJECTED_FORMAL, Status.WITHDRAWN])
def test_decided_applications_offer_no_withdrawal(client, site, status):  # noqa: F811
    application = f.make_application(site["call"], site["institution"], status=status)
    found = _lookup(client, site["status_url"], application)
    assert found.status_code == 200 and found.context.get("request_form") is None
    asked = _ask_for_link(client, site["status_url"], application)
    assert "该申请已无法撤回" in asked.content.decode() and mail.outbox == []

"""No personal data in logs: the public forms are submitted with recognisable personal data (accepted, refused,
duplicated, with the mail server down, and with a server error that is reported to ADMINS) while every logger
is captured at DEBUG; neither the logs nor the error report name the applicant."""

import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from content.models import ApplicationStatusPage, FundCallPage, InstitutionRegistrationPage, PledgePage
from records.grants.models import Application
from records.intake import issue_token
from records.notifications import Notification
from tests.factories import donations
from tests.factories import grants as f
from tests.factories.pages import publish_child
from tests.factories.publications import build_events, build_jobs, docx_bytes, pdf_bytes, upload
from tests.sharing import tree_layer
from tests.site.security.helpers import production_settings

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What each form is sent: recognisable values that must never reach a log line.
PEOPLE = {
    "grants": {"name": "庄晓雨", "email": "zhuang.xiaoyu@pii.example", "phone": "+86 139-8765-4321"},
    "institution": {"name": "欧阳明轩", "email": "ouyang.mx@pii.example", "phone": "0755-2468-1357"},
    "job": {"name": "Philippa Quarterman", "email": "p.quarterman@pii.example", "phone": "+86 137 1122 3344"},
    "event": {"name": "Bartholomew Ingleby", "email": "b.ingleby@pii.example", "phone": "+86 755 9988 7766"},
    "pledge": {"name": "Wilhelmina Farquharson", "email": "w.farquharson@pii.example", "phone": "+86 135 5566 7788"},
    "sign-in": {"name": "cornelius.staffaccount", "email": "cornelius.s@pii.example", "phone": "203.0.113.77"},
}
NEEDLES = [value for person in PEOPLE.values() for value in person.values()] + [
    "zhuang.xiaoyu",
    "p.quarterman",
    "b.ingleby",
    "ouyang.mx",
    "w.farquharson",
    "cornelius",
    "cv-philippa-quarterman.pdf",
]


@pytest.fixture
def everything_logged(caplog):
    """Capture every logger at DEBUG (loggers that do not propagate are attached to as well)."""
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
    cache.clear()
    yield caplog
    for name in list(logging.root.manager.loggerDict):
        logging.getLogger(name).removeHandler(caplog.handler)


def logged_text(caplog):
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


def assert_no_personal_data(text, where):
    found = [needle for needle in NEEDLES if needle.lower() in text.lower()]
    assert found == [], f"personal data in {where}: {found}"


def token_of(html):
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


@tree_layer
def forms(site_tree):
    pages = build_jobs(build_events(site_tree))
    call = f.make_call()
    institution = f.make_institution(call.programme, name="示例第一医院")
    f.make_round(call.programme)
    pages["call"] = publish_child(pages["home"], FundCallPage(title="2024年度项目申请", slug="call-2024", call=call))
    pages["register"] = publish_child(pages["home"], InstitutionRegistrationPage(title="依托单位注册", slug="register"))
    pages["status"] = publish_child(pages["home"], ApplicationStatusPage(title="申请状态查询", slug="status"))
    pages["pledge"] = publish_child(pages["home"], PledgePage(title="认捐", slug="pledge", intro="在线认捐"))
    pages.update(grant_call=call, institution=institution, designation=donations.designation())
    return pages


def pledge_data(forms, **overrides):
    person = PEOPLE["pledge"]
    data = {
        "form_token": issue_token("donations.pledge"),
        "website": "",
        "donor_type": "individual",
        "donor_name": person["name"],
        "email": person["email"],
        "phone": person["phone"],
        "amount": "12345.60",
        "designation": str(forms["designation"].pk),
        "consent_named": "on",
        "message": "",
        "pipl_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def grants_data(forms, **overrides):
    call, person = forms["grant_call"], PEOPLE["grants"]
    data = {
        "form_token": issue_token("grants.application"),
        "website": "",
        "pi_name": person["name"],
        "pi_title": "研究员",
        "pi_email": person["email"],
        "pi_phone": person["phone"],
        "institution": forms["institution"].pk,
        "application_type": call.budget_caps.first().application_type_id,
        "category": call.programme.categories.first().pk,
        "title": "单细胞测序解析肝癌微环境",
        "abstract": "研究摘要。",
        "keywords": "肝癌",
        "duration_months": "36",
        "requested_budget": "480000.00",
        "team": "王示例 | 示例大学 | 骨干",
        "proposal": f.pdf_upload(),
        "budget_sheet": f.xlsx_upload(),
        "ethics_declaration": "on",
        "pipl_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def institution_data(**overrides):
    person = PEOPLE["institution"]
    data = {
        "form_token": issue_token("grants.institution"),
        "website": "",
        "name": "示例第二医院",
        "credit_code": "91350100M000100Y43",
        "address": "深圳市示例路2号",
        "contact_name": person["name"],
        "contact_email": person["email"],
        "contact_phone": person["phone"],
        "licence": f.pdf_upload("licence.pdf"),
        "pipl_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def job_data(client, url, **overrides):
    person = PEOPLE["job"]
    data = {
        "form_token": token_of(client.get(url).content.decode()),
        "name": person["name"],
        "email": person["email"],
        "phone": person["phone"],
        "current_position": "Assistant professor",
        "institution": "Sample University",
        "highest_degree": "PhD",
        "consent": "on",
        "website": "",
        "cv": upload("cv-philippa-quarterman.pdf", pdf_bytes("CV")),
        "cover_letter": upload("letter.docx", docx_bytes("Dear SMART"), DOCX),
        "research_statement": upload("statement.pdf", pdf_bytes("Statement")),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def event_data(client, url, **overrides):
    person = PEOPLE["event"]
    data = {
        "form_token": token_of(client.get(url).content.decode()),
        "name": person["name"],
        "email": person["email"],
        "phone": person["phone"],
        "organisation": "Sample University",
        "position": "PhD student",
        "attendance": "in_person",
        "notes": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_submissions_log_no_personal_data(client, forms, everything_logged, django_capture_on_commit_callbacks):
    job_url, event_url = forms["pi_en"].url, forms["event_en"].url
    with django_capture_on_commit_callbacks(execute=True):
        # Accepted.
        assert client.post(forms["call"].url, grants_data(forms)).status_code == 302
        assert client.post(forms["register"].url, institution_data()).status_code == 302
        assert client.post(job_url, job_data(client, job_url)).status_code == 302
        assert client.post(event_url, event_data(client, event_url)).status_code == 302
        assert client.post(forms["pledge"].url, pledge_data(forms)).status_code == 302
        # The application looked up (found, and with another address: not found).
        reference = Application.objects.get(pi_email=PEOPLE["grants"]["email"]).reference
        lookup = {"reference": reference, "email": PEOPLE["grants"]["email"]}
        assert reference in client.post(forms["status"].url, lookup).content.decode()
        assert client.post(forms["status"].url, {**lookup, "email": PEOPLE["pledge"]["email"]}).status_code == 200
        # Refused: invalid input, duplicates, a forged token.
        assert client.post(forms["call"].url, grants_data(forms, pi_email="not-an-email")).status_code == 400
        assert client.post(forms["register"].url, institution_data()).status_code == 400
        assert client.post(job_url, job_data(client, job_url, consent=None)).status_code in (200, 400)
        assert client.post(event_url, event_data(client, event_url)).status_code in (200, 400)
        assert client.post(forms["call"].url, grants_data(forms, form_token="forged")).status_code == 400
        assert client.post(forms["pledge"].url, pledge_data(forms, amount="-5")).status_code == 400
    assert len(mail.outbox) == 5  # the acknowledgements went out
    assert Application.objects.filter(pi_email=PEOPLE["grants"]["email"]).count() == 1
    assert everything_logged.records, "nothing was logged at all: the capture is not working"
    assert_no_personal_data(logged_text(everything_logged), "the logs")


def test_failed_sign_ins_and_the_lockout_log_no_username_or_address(client, everything_logged):
    """django-axes records failures and the lockout; its log lines name neither the account nor the client."""
    person = PEOPLE["sign-in"]
    get_user_model().objects.create_user(person["name"], person["email"], "the-right-password-123", is_staff=True)
    attempts = settings.AXES_FAILURE_LIMIT + 1
    statuses = [
        client.post(
            "/admin/login/",
            {"username": person["name"], "password": f"wrong-{n}"},
            REMOTE_ADDR=person["phone"],
            HTTP_USER_AGENT="Browser of cornelius",
        ).status_code
        for n in range(attempts)
    ]
    assert statuses[0] == 200 and statuses[-1] == 429  # failures, then locked out
    assert any(record.name.startswith("axes") for record in everything_logged.records), "axes logged nothing"
    assert_no_personal_data(logged_text(everything_logged), "the logs of failed sign-ins")


def test_the_mail_server_being_down_logs_no_address(
    client, forms, everything_logged, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    event_url = forms["event_en"].url
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(event_url, event_data(client, event_url)).status_code == 302
        assert client.post(forms["call"].url, grants_data(forms)).status_code == 302
    failed = Notification.objects.filter(status=Notification.Status.FAILED)
    assert failed.count() == 2
    warnings = [r for r in everything_logged.records if r.levelno >= logging.WARNING and "Notification" in r.message]
    assert len(warnings) == 2
    assert_no_personal_data(logged_text(everything_logged), "the logs of the mail failure")


def test_a_server_error_during_a_submission_logs_and_reports_no_personal_data(forms, everything_logged, settings):
    """Private storage breaks (its folder is replaced by a file): the job application is refused with the translated
    503 page (nothing of it kept), which django.request logs and mails to ADMINS, without the applicant's data."""
    settings.ADMINS = [("Operations", "ops@smart.example")]
    client = Client(raise_request_exception=False)
    job_url = forms["pi_en"].url
    data = job_data(client, job_url)
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    moved = private.with_name(private.name + "-moved")
    private.rename(moved)
    private.write_text("not a folder")
    try:
        response = client.post(job_url, data)
    finally:
        private.unlink()
        moved.rename(private)
    assert response.status_code == 503 and response["Retry-After"]
    errors = [r for r in everything_logged.records if r.name == "django.request" and r.levelno >= logging.ERROR]
    assert errors, "the server error was not logged"
    assert any("storage unavailable" in r.getMessage() for r in everything_logged.records)
    assert_no_personal_data(logged_text(everything_logged), "the logs of the server error")
    reports = [message for message in mail.outbox if message.to == ["ops@smart.example"]]
    assert len(reports) == 1
    report = reports[0].body + "".join(str(alt[0]) for alt in getattr(reports[0], "alternatives", []))
    assert job_url in report
    assert_no_personal_data(report, "the error report mailed to ADMINS")


def test_production_keeps_request_data_out_of_logs_and_reports():
    """Production: console logging with no request data in its format, the private error reporter, quiet axes."""
    names = ["LOGGING", "DEFAULT_EXCEPTION_REPORTER_FILTER", "DEFAULT_EXCEPTION_REPORTER", "AXES_VERBOSE", "DEBUG"]
    production = production_settings(*names)
    formats = [formatter.get("format", "") for formatter in production["LOGGING"].get("formatters", {}).values()]
    assert not any("request" in fmt or "body" in fmt for fmt in formats)
    assert production["DEFAULT_EXCEPTION_REPORTER_FILTER"] == "delivery.security.PrivateExceptionReporterFilter"
    assert production["DEFAULT_EXCEPTION_REPORTER"] == "delivery.security.PrivateExceptionReporter"
    assert production["AXES_VERBOSE"] is False and production["DEBUG"] is False

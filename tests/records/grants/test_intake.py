"""Public intake: the call page and its form, host-institution registration, status look-up, hostile input."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from content.models import ApplicationStatusPage, FundCallPage, InstitutionRegistrationPage
from records.files import StoredFile
from records.grants import services
from records.grants.models import Application, Institution, InstitutionStatus, Status, TeamMember
from records.intake import IntakeToken, issue_token
from records.kept_uploads import KEPT_FOLDER
from records.notifications import Notification
from tests.factories import grants as f
from tests.factories.pages import publish_child

pytestmark = pytest.mark.django_db


def private_files():
    """The files of records in private storage (not the uploads kept for a retry: tests/records/test_kept_uploads)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != KEPT_FOLDER)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def minimal_site():
    """A Chinese home page as the site root: enough to serve the funding pages."""
    from wagtail.models import Page, Site

    from content.models import HomePage
    from tests.factories.pages import locales

    zh, _en = locales()
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="首页", slug="home", locale=zh, hero_heading="探索未来医学")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="SMART")
    return home


@pytest.fixture
def site():
    home = minimal_site()
    call = f.make_call()
    institution = f.make_institution(call.programme, name="示例第一医院")
    f.make_round(call.programme)
    call_page = publish_child(home, FundCallPage(title="2024年度项目申请", slug="call-2024", call=call))
    registration = publish_child(home, InstitutionRegistrationPage(title="依托单位注册", slug="register"))
    status_page = publish_child(home, ApplicationStatusPage(title="申请状态查询", slug="status"))
    return {
        "call": call,
        "institution": institution,
        "call_url": "/zh-hans/call-2024/",
        "register_url": "/zh-hans/register/",
        "status_url": "/zh-hans/status/",
        "pages": (call_page, registration, status_page),
    }


def form_data(site, **overrides):
    call = site["call"]
    data = {
        "form_token": issue_token("grants.application"),
        "website": "",
        "pi_name": "李示例",
        "pi_title": "研究员",
        "pi_email": "li@example.org",
        "pi_phone": "+86 138-0000-0000",
        "institution": site["institution"].pk,
        "application_type": call.budget_caps.first().application_type_id,
        "category": call.programme.categories.first().pk,
        "title": "单细胞测序解析肝癌微环境",
        "abstract": "研究摘要。",
        "keywords": "肝癌",
        "duration_months": "36",
        "requested_budget": "480000.00",
        "team": "王示例 | 示例大学 | 骨干\n赵示例 | 示例第一医院 | 研究生",
        "proposal": f.pdf_upload(),
        "budget_sheet": f.xlsx_upload(),
        "ethics_declaration": "on",
        "pipl_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_open_call_page_shows_the_guide_and_the_form(client, site):
    response = client.get(site["call_url"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "申请指南：请按要求填写。" in html
    assert 'name="form_token"' in html and 'enctype="multipart/form-data"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_closed_call_says_so_and_shows_no_form(client, site):
    call = site["call"]
    call.opens_at = timezone.now() - datetime.timedelta(days=40)
    call.closes_at = timezone.now() - datetime.timedelta(days=1)
    call.save()
    html = client.get(site["call_url"]).content.decode()
    assert 'name="form_token"' not in html
    assert "call-status is-closed" in html


def test_a_valid_application_is_stored_with_its_files_and_acknowledged(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(site["call_url"], form_data(site))
    assert response.status_code == 302 and response["Location"].endswith("?done=1")
    application = Application.objects.get()
    assert application.reference == f"SMRF-{site['call'].programme.year}-000001"
    assert application.status == Status.SUBMITTED
    assert application.requested_budget == Decimal("480000.00")
    assert application.language == "zh-hans"
    assert [m.name for m in application.team.all()] == ["王示例", "赵示例"]
    assert application.proposal.kind == "pdf" and application.budget_sheet.kind == "xlsx"
    assert len(private_files()) == 2
    confirmation = client.get(response["Location"])
    assert application.reference in confirmation.content.decode()
    assert mail.outbox[0].to == ["li@example.org"]
    assert application.reference in mail.outbox[0].subject
    assert site["call"].title_zh in mail.outbox[0].body  # written in the applicant's language


def test_an_english_applicant_gets_the_email_in_english(site, django_capture_on_commit_callbacks):
    call, institution = site["call"], site["institution"]
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(
            call=call,
            data=f.application_data(call, institution),
            proposal=checked_pdf(),
            budget_sheet=checked_pdf("budget.pdf"),
            language="en",
        )
    body = mail.outbox[0].body
    assert call.title_en in body and call.title_zh not in body
    assert Notification.objects.get().language == "en"


def checked_pdf(name="proposal.pdf"):
    upload = f.pdf_upload(name)
    upload.checked_kind = "pdf"
    return upload


def test_a_double_submit_creates_one_application(client, site, django_capture_on_commit_callbacks):
    data = form_data(site)
    token = data["form_token"]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(site["call_url"], data)
        second = client.post(site["call_url"], form_data(site, form_token=token))
    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1
    assert len(private_files()) == 2  # the second submit wrote no file
    assert len(mail.outbox) == 1
    assert IntakeToken.objects.get().record == Application.objects.get()


def test_the_mail_server_being_down_does_not_lose_the_application(client, site, django_capture_on_commit_callbacks):
    broken = override_settings(EMAIL_BACKEND="tests.records.test_shared.BrokenBackend")
    with broken, django_capture_on_commit_callbacks(execute=True):
        response = client.post(site["call_url"], form_data(site))
    assert response.status_code == 302
    assert Application.objects.count() == 1
    assert Notification.objects.get().status == Notification.Status.FAILED


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"pipl_consent": None}, "pipl_consent"),
        ({"ethics_declaration": None}, "ethics_declaration"),
        ({"requested_budget": "500000.01"}, "requested_budget"),  # over the cap
        ({"requested_budget": "-5"}, "requested_budget"),
        ({"requested_budget": "1e9"}, "requested_budget"),
        ({"duration_months": "48"}, "duration_months"),  # over the type's longest duration
        ({"proposal": f.pdf_upload("proposal.pdf", f.exe_bytes())}, "proposal"),  # an .exe renamed .pdf
        ({"proposal": f.pdf_upload("proposal.exe")}, "proposal"),
        ({"budget_sheet": f.pdf_upload("budget.xlsx", f.docx_bytes())}, "budget_sheet"),
        ({"pi_name": "<script>alert(1)</script>"}, "pi_name"),
        ({"pi_phone": "call me maybe"}, "pi_phone"),
        ({"pi_email": "not-an-email"}, "pi_email"),
        ({"title": "x" * 301}, "title"),
        ({"title": "bad\x00byte"}, "title"),
        ({"team": "<b>x</b> | y | z"}, "team"),
        ({"institution": "999999"}, "institution"),
    ],
)
def test_hostile_or_wrong_input_is_refused_and_nothing_is_kept(client, site, overrides, field):
    response = client.post(site["call_url"], form_data(site, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Application.objects.exists()
    assert not StoredFile.objects.exists()
    assert private_files() == []
    assert not TeamMember.objects.exists()


@override_settings(RECORDS_UPLOAD_MAX_BYTES=1024)
def test_an_oversized_file_is_refused(client, site):
    big = f.pdf_upload("proposal.pdf", f.PDF_BYTES[:-6] + b" " * 4096 + b"%%EOF\n")
    response = client.post(site["call_url"], form_data(site, proposal=big))
    assert response.status_code == 400
    assert "proposal" in response.context["form"].errors
    assert not Application.objects.exists() and private_files() == []


def test_script_in_text_is_kept_as_text_and_escaped_for_staff(client, site):
    hostile = '<script>alert("x")</script> 项目'
    response = client.post(site["call_url"], form_data(site, title=hostile, abstract=hostile))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.title == hostile
    client.force_login(f.office_user())
    html = client.get(f"/admin/grants/applications/inspect/{application.pk}/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_the_honeypot_keeps_nothing(client, site):
    response = client.post(site["call_url"], form_data(site, website="http://spam.example"))
    assert response.status_code == 400
    assert not Application.objects.exists() and private_files() == []


def test_a_forged_token_is_refused(client, site):
    response = client.post(site["call_url"], form_data(site, form_token="forged"))
    assert response.status_code == 400
    assert "form_token" in response.context["form"].errors
    assert not Application.objects.exists()


def test_only_approved_institutions_can_be_chosen(client, site):
    pending = f.make_institution(site["call"].programme, status=InstitutionStatus.PENDING)
    response = client.post(site["call_url"], form_data(site, institution=str(pending.pk)))
    assert response.status_code == 400 and "institution" in response.context["form"].errors
    with pytest.raises(services.SubmissionRefused):
        services.submit_application(
            call=site["call"],
            data=f.application_data(site["call"], pending),
            proposal=checked_pdf(),
            budget_sheet=checked_pdf(),
        )


@override_settings(RECORDS_RATE_LIMIT=2)
def test_posts_are_rate_limited_per_ip(client, site):
    for _ in range(2):
        client.post(site["call_url"], form_data(site, pipl_consent=None))
    response = client.post(site["call_url"], form_data(site))
    assert response.status_code == 429
    assert not Application.objects.exists()


# Deadline edges, enforced by the service at the moment of receipt (Beijing time) --------------------


@pytest.fixture
def window(site):
    call = site["call"]
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    call.opens_at = datetime.datetime(2024, 3, 1, 9, 0, tzinfo=shanghai)
    call.closes_at = datetime.datetime(2024, 4, 30, 17, 0, tzinfo=shanghai)
    call.save()
    return call


@pytest.mark.parametrize(
    "moment, accepted",
    [
        (datetime.datetime(2024, 3, 1, 8, 59, 59), False),
        (datetime.datetime(2024, 3, 1, 9, 0, 0), True),
        (datetime.datetime(2024, 4, 30, 16, 59, 59, 999999), True),
        (datetime.datetime(2024, 4, 30, 17, 0, 0), False),
        (datetime.datetime(2024, 4, 30, 17, 0, 1), False),
    ],
)
def test_deadline_edges(site, window, moment, accepted):
    moment = moment.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    submit = lambda: services.submit_application(  # noqa: E731
        call=window,
        data=f.application_data(window, site["institution"]),
        proposal=checked_pdf(),
        budget_sheet=checked_pdf(),
        now=moment,
    )
    if accepted:
        application, created = submit()
        assert created and application.submitted_at == moment
    else:
        with pytest.raises(services.SubmissionRefused) as error:
            submit()
        assert error.value.code == "closed"
        assert "北京时间" in str(error.value.message) or "Beijing time" in str(error.value.message)
        assert not Application.objects.exists() and private_files() == []


def test_a_form_opened_before_the_deadline_and_sent_after_is_refused(client, site):
    data = form_data(site)  # rendered while open
    call = site["call"]
    call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = client.post(site["call_url"], data)
    assert response.status_code == 400
    assert response.context["refusal"]
    assert not Application.objects.exists() and private_files() == []


@pytest.mark.parametrize("amount, ok", [("500000.00", True), ("500000.01", False), ("0.01", True)])
def test_budget_cap_edges(site, amount, ok):
    call = site["call"]
    data = f.application_data(call, site["institution"], requested_budget=Decimal(amount))
    if ok:
        services.submit_application(call=call, data=data, proposal=checked_pdf(), budget_sheet=checked_pdf())
    else:
        with pytest.raises(services.SubmissionRefused) as error:
            services.submit_application(call=call, data=data, proposal=checked_pdf(), budget_sheet=checked_pdf())
        assert error.value.code == "budget"


# Host institution registration ---------------------------------------------------------------------


def registration_data(**overrides):
    data = {
        "form_token": issue_token("grants.institution"),
        "website": "",
        "name": "示例第二医院",
        "credit_code": "91350100M000100Y43",
        "address": "深圳市示例路2号",
        "contact_name": "陈示例",
        "contact_email": "chen@example.org",
        "contact_phone": "0755-87654321",
        "licence": f.pdf_upload("licence.pdf"),
        "pipl_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_an_institution_registers_and_the_grants_office_reviews_it(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(site["register_url"], registration_data(credit_code="91350100m000100y43"))
    assert response.status_code == 302
    institution = Institution.objects.get(name="示例第二医院")
    assert institution.status == InstitutionStatus.PENDING
    assert institution.credit_code == "91350100M000100Y43"
    assert institution.reference.startswith("SMHI-")
    assert institution.licence.kind == "pdf"
    assert institution.reference in client.get(response["Location"]).content.decode()
    assert mail.outbox[0].to == ["chen@example.org"]
    duplicate = client.post(site["register_url"], registration_data())
    assert duplicate.status_code == 400 and duplicate.context["refusal"]


@pytest.mark.parametrize(
    "code", ["91350100M000100Y44", "91350100M000100Y4", "91350100M000100I43", "9135010OM000100Y43", ""]
)
def test_invalid_credit_codes_are_refused(client, site, code):
    response = client.post(site["register_url"], registration_data(credit_code=code))
    assert response.status_code == 400
    assert "credit_code" in response.context["form"].errors
    assert not Institution.objects.filter(name="示例第二医院").exists()
    assert private_files() == []


def test_registration_outside_a_round_is_refused(client, site):
    from records.grants.models import RegistrationRound

    RegistrationRound.objects.update(closes_at=timezone.now() - datetime.timedelta(days=1))
    html = client.get(site["register_url"]).content.decode()
    assert 'name="form_token"' not in html
    response = client.post(site["register_url"], registration_data())
    assert response.status_code == 400
    assert not Institution.objects.filter(name="示例第二医院").exists()


# Status look-up ------------------------------------------------------------------------------------


def test_status_lookup_reveals_only_the_status(client, site):
    application = f.make_application(site["call"], site["institution"], status=Status.PEER_REVIEW)
    application.review_score = Decimal("88.5")
    application.save()
    found = client.post(
        site["status_url"], {"reference": application.reference.lower(), "email": application.pi_email.upper()}
    )
    html = found.content.decode()
    assert found.status_code == 200
    assert application.reference in html
    assert str(services.public_status(application)) in html
    assert "88.5" not in html and application.title not in html and application.pi_name not in html
    wrong = client.post(site["status_url"], {"reference": application.reference, "email": "other@example.org"})
    missing = client.post(site["status_url"], {"reference": "SMRF-2024-999999", "email": application.pi_email})
    assert wrong.context["not_found"] and missing.context["not_found"]
    assert application.reference not in wrong.content.decode().split("<form")[0]


def test_a_post_without_the_csrf_token_is_refused(site):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(site["call_url"], form_data(site))
    assert response.status_code == 403
    assert not Application.objects.exists() and private_files() == []
    page = strict.get(site["call_url"])
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_the_error_summary_lists_each_problem_with_a_link_to_its_field(client, site):
    response = client.post(site["call_url"], form_data(site, pi_email="not-an-email", title="", application_type=None))
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('id="form-errors"')[1].split("</div>")[0]
    assert summary.count("<li>") == 3
    for target in ('href="#id_pi_email"', 'href="#id_title"', 'href="#id_application_type_0"'):
        assert target in summary
        assert f'id="{target[7:-1]}"' in html  # the link leads to the field (the first radio button of a group)


def test_the_application_types_are_radio_buttons_read_whole_on_a_phone(client, site):
    html = client.get(site["call_url"]).content.decode()
    assert '<select name="application_type"' not in html
    assert 'type="radio" name="application_type"' in html
    assert "---------" not in html.split('name="application_type"')[1].split("</fieldset>")[0]


def test_the_status_page_shows_the_date_of_each_stage(client, site):
    import datetime as dt

    from django.utils import timezone

    from records import audit

    application = f.make_application(site["call"], site["institution"], status=Status.PEER_REVIEW)
    application.submitted_at = timezone.make_aware(dt.datetime(2024, 5, 6, 10, 0))
    application.save()
    for day, (before, after) in (
        (10, (Status.SUBMITTED, Status.FORMAL_REVIEW)),
        (20, (Status.FORMAL_REVIEW, Status.ACCEPTED)),
        (25, (Status.ACCEPTED, Status.PEER_REVIEW)),  # the same public status: no new stage
    ):
        audit.record(
            application,
            "transition",
            from_state=before,
            to_state=after,
            reason="staff note",
            at=timezone.make_aware(dt.datetime(2024, 5, day, 9, 0)),
        )
    html = client.post(site["status_url"], {"reference": application.reference, "email": application.pi_email})
    html = html.content.decode()
    stages = html.split('class="status-stages"')[1].split("</ol>")[0]
    assert stages.count("<li>") == 3
    for day, label in (
        ("2024-05-06", "已收到，待形式审查"),
        ("2024-05-10", "形式审查中"),
        ("2024-05-20", "已受理，专家评审中"),
    ):
        assert f'<time datetime="{day}">' in stages and label in stages
    assert "staff note" not in html

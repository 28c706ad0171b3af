"""Grants records for tests: a programme with a call, institutions, reviewers, users of each group, uploads."""

import datetime
import io
import itertools
import zipfile
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from records.grants.models import (
    Application,
    ApplicationType,
    Call,
    CallBudgetCap,
    Category,
    Criterion,
    ExpertiseField,
    Institution,
    InstitutionStatus,
    Programme,
    RegistrationRound,
    Reviewer,
    Status,
    TeamMember,
)
from records.grants.models.institutions import credit_code_check_character
from records.grants.roles import GRANTS_OFFICE, REVIEWERS, ensure_groups
from records.references import next_reference

_counter = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="proposal.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def xlsx_bytes():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["budget", 1000])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def docx_bytes(macro=False):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    return output.getvalue()


def xlsx_upload(name="budget.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(), content_type="application/octet-stream")


def exe_bytes():
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"\x00" * 200
        + b"This program cannot be run in DOS mode."
    )


def valid_credit_code(n=None):
    n = n if n is not None else next(_counter)
    body = f"12440300{n:09d}"
    return body + credit_code_check_character(body)


def user(username=None, *groups, **fields):
    ensure_groups()
    account = get_user_model().objects.create_user(
        username=username or f"user{next(_counter)}", password="secret-password", **fields
    )
    for name in groups:
        account.groups.add(Group.objects.get(name=name))
    return account


def office_user(username=None):
    return user(username, GRANTS_OFFICE)


def expertise(code="oncology"):
    field, _ = ExpertiseField.objects.get_or_create(code=code, defaults={"name_zh": code, "name_en": code})
    return field


def make_call(
    *,
    year=2024,
    opens=None,
    closes=None,
    budget=Decimal("10000000"),
    cap=Decimal("500000"),
    review_deadline=None,
    reviewers_per_application=3,
):
    now = timezone.now()
    programme, _ = Programme.objects.get_or_create(
        year=year, defaults={"name_zh": "深圳市医学研究专项资金", "name_en": "Shenzhen Medical Research Fund"}
    )
    general = ApplicationType.objects.get_or_create(
        programme=programme, code="general", defaults={"name_zh": "面上项目", "name_en": "General project"}
    )[0]
    category = Category.objects.get_or_create(
        programme=programme, code="cancer", defaults={"name_zh": "肿瘤", "name_en": "Cancer"}
    )[0]
    category.expertise.add(expertise("oncology"))
    other = Category.objects.get_or_create(
        programme=programme, code="brain", defaults={"name_zh": "脑科学", "name_en": "Brain science", "sort_order": 1}
    )[0]
    other.expertise.add(expertise("neuroscience"))
    call = Call.objects.create(
        programme=programme,
        code=f"call-{year}-{next(_counter)}",
        title_zh=f"{year}年度深医专项项目申请",
        title_en=f"Shenzhen Medical Research Fund {year} call",
        opens_at=opens or now - datetime.timedelta(days=1),
        closes_at=closes or now + datetime.timedelta(days=30),
        total_budget=budget,
        review_deadline=review_deadline or now + datetime.timedelta(days=60),
        reviewers_per_application=reviewers_per_application,
        guide_zh="申请指南：请按要求填写。",
        guide_en="Guide: please follow the instructions.",
    )
    CallBudgetCap.objects.create(call=call, application_type=general, max_budget=cap, max_duration_months=36)
    for order, (code, zh, en) in enumerate(
        [("innovation", "创新性", "Innovation"), ("feasibility", "可行性", "Feasibility")]
    ):
        Criterion.objects.create(call=call, code=code, name_zh=zh, name_en=en, sort_order=order, max_score=10)
    return call


def make_round(programme, *, open_now=True):
    now = timezone.now()
    if open_now:
        opens, closes = now - datetime.timedelta(days=1), now + datetime.timedelta(days=10)
    else:
        opens, closes = now - datetime.timedelta(days=20), now - datetime.timedelta(days=10)
    number = RegistrationRound.objects.filter(programme=programme).count() + 1
    return RegistrationRound.objects.create(programme=programme, number=number, opens_at=opens, closes_at=closes)


def make_institution(programme=None, *, status=InstitutionStatus.APPROVED, name=None):
    programme = programme or Programme.objects.order_by("-year").first()
    registration_round = RegistrationRound.objects.filter(programme=programme).first() or make_round(programme)
    n = next(_counter)
    return Institution.objects.create(
        reference=next_reference("SMHI", programme.year),
        registration_round=registration_round,
        name=name or f"示例医院{n}",
        credit_code=valid_credit_code(n),
        address="深圳市示例路1号",
        contact_name="示例联系人",
        contact_email=f"contact{n}@example.org",
        contact_phone="0755-12345678",
        status=status,
        decided_at=timezone.now() - datetime.timedelta(days=2) if status != InstitutionStatus.PENDING else None,
    )


def application_data(call, institution, **overrides):
    data = {
        "pi_name": "张示例",
        "pi_title": "研究员",
        "pi_email": f"pi{next(_counter)}@example.org",
        "pi_phone": "13800000000",
        "institution": institution,
        "application_type": call.budget_caps.first().application_type,
        "category": Category.objects.filter(programme=call.programme).order_by("sort_order").first(),
        "title": "肿瘤免疫微环境研究",
        "abstract": "研究摘要。",
        "keywords": "肿瘤",
        "duration_months": 36,
        "requested_budget": Decimal("300000"),
        "ethics_declaration": True,
        "pipl_consent": True,
    }
    data.update(overrides)
    return data


def make_application(call, institution=None, *, status=Status.SUBMITTED, team=(), **fields):
    institution = institution or make_institution(call.programme)
    data = application_data(call, institution)
    data.update(fields)
    for key in ("ethics_declaration", "pipl_consent"):
        data.pop(key, None)
    application = Application.objects.create(
        reference=next_reference("SMRF", call.programme.year),
        call=call,
        status=status,
        ethics_declaration=True,
        pipl_consent=True,
        accepted_at=timezone.now() if status in (Status.ACCEPTED, Status.PEER_REVIEW, Status.PANEL_REVIEW) else None,
        **data,
    )
    for member in team:
        TeamMember.objects.create(application=application, **member)
    return application


def make_reviewer(*fields, institution_name=None, host_institution=None, name=None, with_user=True, active=True):
    n = next(_counter)
    reviewer = Reviewer.objects.create(
        name=name or f"评审专家{n}",
        institution_name=institution_name or f"示例大学{n}",
        host_institution=host_institution,
        email=f"expert{n}@example.org",
        active=active,
    )
    reviewer.expertise.set([expertise(code) for code in (fields or ("oncology",))])
    if with_user:
        reviewer.user = user(f"reviewer{n}", REVIEWERS)
        reviewer.save(update_fields=["user"])
    return reviewer


def decide_and_release(application, user, *, funded=True, award_amount=None, **kwargs):
    """Record the panel's decision on ``application`` and release its call's pending decisions at once."""
    from records.grants import services

    services.decide(application, funded=funded, user=user, award_amount=award_amount, **kwargs)
    summary = services.release_summary(application.call)
    return services.release_decisions(application.call, user, fingerprint=summary["fingerprint"])

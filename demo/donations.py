"""Demo data for the foundation's donation records: two designations with progress notes, and pledges in every
state with their agreements, payments and receipts.

Every donor is visibly fictional (marked 示例 / sample, addresses on example.org); amounts, dates and
progress notes are sample data, not facts about the foundation. Records are made through the services
(the same path as real ones: reference numbers, audit entries, receipts as PDF in private storage), by
a demo staff account, without acknowledgement emails. Idempotent: designations by code, pledges by
email; a second run creates nothing.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from records.donations import services
from records.donations.documents import cjk_font
from records.donations.models import Designation, DonorType, PaymentMethod, Pledge, ProgressNote
from records.donations.roles import FOUNDATION_STAFF, ensure_groups
from records.uploads import PDF

from .datafiles import read

STAFF_USERNAME = "foundation-demo"
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))

_DATA = read("donations", facts=True)

DESIGNATIONS = [
    {
        **designation,
        "notes": [
            tuple(note[key] for key in ("days_ago", "title_zh", "title_en", "text_zh", "text_en"))
            for note in designation["notes"]
        ],
    }
    for designation in _DATA["designations"]
]


@dataclass
class DemoPledge:
    email: str
    donor_type: str
    donor_name: str
    amount: str
    designation: str
    language: str = "zh-hans"
    days_ago: int = 200
    anonymous: bool = False
    consent_named: bool = False
    message: str = ""
    agreement: bool = True
    payments: list = field(default_factory=list)  # (days ago, amount, method)
    cancel: str = ""


PLEDGES = [
    DemoPledge(
        "donor.a.sample@example.org",
        DonorType.INDIVIDUAL,
        "示例捐赠人甲",
        "50000",
        "smart-investigator",
        days_ago=320,
        consent_named=True,
        message="支持源头创新（示例留言）。",
        payments=[(300, "20000", PaymentMethod.BANK_TRANSFER), (150, "30000", PaymentMethod.BANK_TRANSFER)],
    ),
    DemoPledge(
        "giving.sample@example.org",
        DonorType.ORGANISATION,
        "示例科技有限公司",
        "2000000",
        "smart-investigator",
        days_ago=280,
        consent_named=True,
        payments=[(250, "1000000", PaymentMethod.BANK_TRANSFER)],
    ),
    DemoPledge(
        "donor.b.sample@example.org",
        DonorType.INDIVIDUAL,
        "示例捐赠人乙",
        "10000",
        "general-fund",
        days_ago=200,
        anonymous=True,
        payments=[(190, "10000", PaymentMethod.CHEQUE)],
    ),
    DemoPledge(
        "donor.c.sample@example.org",
        DonorType.INDIVIDUAL,
        "Sample Donor C",
        "5000",
        "general-fund",
        language="en",
        days_ago=40,
    ),
    DemoPledge(
        "partner.sample@example.org",
        DonorType.ORGANISATION,
        "示例合作伙伴基金会",
        "300000",
        "general-fund",
        days_ago=10,
        consent_named=True,
        agreement=False,
    ),
    DemoPledge(
        "donor.d.sample@example.org",
        DonorType.INDIVIDUAL,
        "示例捐赠人丁",
        "20000",
        "smart-investigator",
        days_ago=150,
        agreement=False,
        cancel="示例：捐赠人改变了捐赠计划。",
    ),
    DemoPledge(
        "foundation.sample@example.org",
        DonorType.ORGANISATION,
        "Sample Organisation Ltd",
        "500000",
        "smart-investigator",
        language="en",
        days_ago=100,
        consent_named=True,
        message="Sample message: keep up the good work.",
        payments=[(90, "500000", PaymentMethod.BANK_TRANSFER)],
    ),
]


def sample_pdf(title):
    """A small PDF saying it is a sample document (the demo's signed agreements)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont(cjk_font(), 14)
    page.drawString(72, 770, title)
    page.drawString(72, 740, "示例文件，仅供演示 / Sample document for demonstration only")
    page.save()
    upload = ContentFile(buffer.getvalue(), name="sample-agreement.pdf")
    upload.checked_kind = PDF
    return upload


def staff_user():
    ensure_groups()
    user, _created = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME, defaults={"first_name": "示例", "last_name": "基金会工作人员"}
    )
    if _created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=FOUNDATION_STAFF))
    return user


def ensure_designations(today):
    created = 0
    found = {}
    for row in DESIGNATIONS:
        values = {k: v for k, v in row.items() if k not in ("code", "notes")}
        designation, was_created = Designation.objects.get_or_create(code=row["code"], defaults=values)
        created += was_created
        for days_ago, title_zh, title_en, body_zh, body_en in row["notes"]:
            _note, note_created = ProgressNote.objects.get_or_create(
                designation=designation,
                title_zh=title_zh,
                defaults={
                    "reported_on": today - datetime.timedelta(days=days_ago),
                    "title_en": title_en,
                    "body_zh": body_zh,
                    "body_en": body_en,
                },
            )
            created += note_created
        found[row["code"]] = designation
    return found, created


def _moment(today, days_ago, hour=10):
    day = today - datetime.timedelta(days=days_ago)
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


def ensure_pledge(spec, designations, user, today):
    """Create the demo pledge ``spec`` with its history unless a pledge with its email exists; return 1 or 0."""
    if Pledge.objects.filter(email=spec.email).exists():
        return 0
    data = {
        "donor_type": spec.donor_type,
        "donor_name": spec.donor_name,
        "email": spec.email,
        "phone": "",
        "amount": Decimal(spec.amount),
        "designation": designations[spec.designation],
        "anonymous": spec.anonymous,
        "consent_named": spec.consent_named,
        "message": spec.message,
        "pipl_consent": True,
    }
    pledge, _created = services.submit_pledge(
        data=data, language=spec.language, acknowledge=False, now=_moment(today, spec.days_ago)
    )
    if spec.agreement:
        services.record_agreement(pledge, sample_pdf(f"{pledge.reference} 示例捐赠协议 Sample agreement"), user)
    for days_ago, amount, method in spec.payments:
        received_on = today - datetime.timedelta(days=days_ago)
        services.record_payment(
            pledge,
            amount=Decimal(amount),
            received_on=received_on,
            method=method,
            user=user,
            note="示例付款 / sample payment",
            issued_on=received_on,
        )
    if spec.cancel:
        services.cancel(pledge, user, spec.cancel)
    return 1


def load(write=None):
    """Create what is missing of the demo; return (designations and notes created, pledges created)."""
    write = write or (lambda text: None)
    today = timezone.localdate()
    user = staff_user()
    designations, setup_created = ensure_designations(today)
    write(f"designations and progress notes: {setup_created} created")
    pledges_created = 0
    for number, spec in enumerate(PLEDGES, start=1):
        pledges_created += ensure_pledge(spec, designations, user, today)
        write(f"pledges: {number}/{len(PLEDGES)}")
    return setup_created, pledges_created

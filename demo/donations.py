"""Demo data for the foundation's donation records: two designations with progress notes, and pledges in every
state with their agreements, payments and receipts.

Every donor is visibly fictional (marked 示例 / sample, addresses on example.org); amounts, dates and
progress notes are sample data, not facts about the foundation. Records are made through the services
(the same path as real ones: reference numbers, audit entries, receipts as PDF in private storage), by
a demo staff account, without acknowledgement emails. Idempotent: designations by code, pledges by
email; a second run creates nothing. The designations, pledges and texts are in ``demo/data/donations.json``.
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


def _pledge(row):
    payments = [(pay["days_ago"], pay["amount"], PaymentMethod(pay["method"])) for pay in row.get("payments", [])]
    return DemoPledge(**{**row, "donor_type": DonorType(row["donor_type"]), "payments": payments})


PLEDGES = [_pledge(row) for row in _DATA["pledges"]]
TEXTS = _DATA["texts"]


def sample_pdf(title):
    """A small PDF saying it is a sample document (the demo's signed agreements)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont(cjk_font(), 14)
    page.drawString(72, 770, title)
    page.drawString(72, 740, TEXTS["sample_pdf_line"])
    page.save()
    upload = ContentFile(buffer.getvalue(), name="sample-agreement.pdf")
    upload.checked_kind = PDF
    return upload


def staff_user():
    ensure_groups()
    user, _created = get_user_model().objects.get_or_create(username=STAFF_USERNAME, defaults=TEXTS["staff_user"])
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
        services.record_agreement(pledge, sample_pdf(TEXTS["agreement_title"].format(reference=pledge.reference)), user)
    for days_ago, amount, method in spec.payments:
        received_on = today - datetime.timedelta(days=days_ago)
        services.record_payment(
            pledge,
            amount=Decimal(amount),
            received_on=received_on,
            method=method,
            user=user,
            note=TEXTS["payment_note"],
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

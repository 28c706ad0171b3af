"""Donation records for tests: designations, pledges in any state, foundation staff and users of other groups."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from records.donations import services
from records.donations.models import Designation, DonorType, PaymentMethod, Pledge, Status
from records.donations.roles import FOUNDATION_STAFF, ensure_groups
from records.uploads import PDF
from tests.factories.grants import PDF_BYTES, pdf_upload

_counter = itertools.count(1)


def user(username=None, *groups, **fields):
    """A user in the named groups (each group is created if missing)."""
    ensure_groups()
    account = get_user_model().objects.create_user(
        username=username or f"donations-user{next(_counter)}", password="secret-password", **fields
    )
    for name in groups:
        account.groups.add(Group.objects.get_or_create(name=name)[0])
    return account


def staff_user(username=None):
    return user(username, FOUNDATION_STAFF)


def designation(code="smart-investigator", **fields):
    values = {"name_zh": "SMART Investigator 研究资助项目", "name_en": "SMART Investigator programme", **fields}
    return Designation.objects.get_or_create(code=code, defaults=values)[0]


def general_fund():
    return designation(
        "general-fund", name_zh="基金会综合发展（非限定）", name_en="General fund (unrestricted)", sort_order=1
    )


def pledge_data(**overrides):
    data = {
        "donor_type": DonorType.INDIVIDUAL,
        "donor_name": "示例捐赠人",
        "email": f"donor{next(_counter)}@example.org",
        "phone": "13800000000",
        "amount": Decimal("10000.00"),
        "designation": designation(),
        "anonymous": False,
        "consent_named": True,
        "message": "",
        "pipl_consent": True,
    }
    data.update(overrides)
    return data


def agreement_upload(name="agreement.pdf"):
    return pdf_upload(name, PDF_BYTES)


def checked_pdf(name="agreement.pdf"):
    upload = ContentFile(PDF_BYTES, name=name)
    upload.checked_kind = PDF
    return upload


def make_pledge(status=Status.PLEDGED, *, staff=None, received=None, language="zh-hans", now=None, **fields):
    """A pledge brought to ``status`` through the services (agreement, payments, cancellation)."""
    pledge, _created = services.submit_pledge(data=pledge_data(**fields), language=language, acknowledge=False, now=now)
    if status == Status.PLEDGED:
        return pledge
    staff = staff or staff_user()
    if status == Status.CANCELLED:
        services.cancel(pledge, staff, "捐赠人改变计划")
        return Pledge.objects.get(pk=pledge.pk)
    services.record_agreement(pledge, checked_pdf(), staff)
    today = timezone.localdate()
    if status == Status.PARTLY_RECEIVED:
        amount = received or (pledge.amount / 2).quantize(Decimal("0.01"))
        services.record_payment(
            pledge, amount=amount, received_on=today, method=PaymentMethod.BANK_TRANSFER, user=staff
        )
    elif status == Status.FULLY_RECEIVED:
        services.record_payment(
            pledge,
            amount=received or pledge.amount,
            received_on=today - datetime.timedelta(days=1),
            method=PaymentMethod.BANK_TRANSFER,
            user=staff,
        )
    return Pledge.objects.get(pk=pledge.pk)

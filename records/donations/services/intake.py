"""Intake from the public pledge form."""

from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from records import intake
from records.notifications import notify
from records.references import next_reference

from ..models import CENT, MAX_AMOUNT, Designation, DonorType, Pledge, Status
from .errors import PledgeRefused

PLEDGE_KIND = "donations.pledge"
PLEDGE_PREFIX = "SMDN"


def active_designations():
    """The designations donors may choose on the pledge form, in their order."""
    return Designation.objects.filter(active=True).order_by("sort_order", "code")


def check_pledge(data):
    """Raise ``PledgeRefused`` unless ``data`` is an acceptable pledge."""
    designation = data.get("designation")
    if designation is None or not designation.active:
        raise PledgeRefused(_("Please choose one of the designations offered."), code="designation")
    amount = data.get("amount")
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount < CENT or amount > MAX_AMOUNT:
        raise PledgeRefused(
            _("The amount must be between CNY 0.01 and CNY %(max)s.") % {"max": f"{MAX_AMOUNT:,.2f}"}, code="amount"
        )
    if amount != amount.quantize(CENT):
        raise PledgeRefused(_("The amount can have at most two decimal places."), code="amount")
    if data.get("donor_type") not in DonorType.values:
        raise PledgeRefused(_("Please say whether you give as an individual or an organisation."), code="donor_type")
    if not data.get("pipl_consent"):
        raise PledgeRefused(_("The consent to personal information processing is required."), code="consent")


def submit_pledge(*, data, language=None, token=None, transfer_details=None, acknowledge=True, now=None):
    """Store a pledge from the public form and return ``(pledge, created)``.

    ``data`` holds the form's cleaned fields (donor_type, donor_name, email, phone, amount, designation,
    anonymous, consent_named, message, pipl_consent). In one transaction: the pledge with its reference
    number (``SMDN-<year>-<n>``), an audit entry and the acknowledgement email in ``language`` (sent after
    commit, with ``transfer_details``, the bank transfer instructions as ``(label, value)`` pairs). With a
    form ``token`` a repeated submit of the same form returns the first pledge (``created`` False).
    """
    now = now or timezone.now()
    language = language or translation.get_language() or "zh-hans"
    check_pledge(data)

    def build():
        pledge = Pledge(
            reference=next_reference(PLEDGE_PREFIX, timezone.localtime(now).year),
            status=Status.PLEDGED,
            donor_type=data["donor_type"],
            donor_name=data["donor_name"].strip(),
            email=data["email"].strip().lower(),
            phone=(data.get("phone") or "").strip(),
            amount=data["amount"],
            designation=data["designation"],
            anonymous=bool(data.get("anonymous")),
            consent_named=bool(data.get("consent_named")),
            message=(data.get("message") or "").strip(),
            pipl_consent=True,
            consent_at=now,
            language=language,
            pledged_at=now,
        )
        pledge.save(force_insert=True)
        return intake.Receipt(
            pledge, "submitted", to_state=Status.PLEDGED, acknowledge=acknowledgement if acknowledge else None
        )

    def acknowledgement(pledge):
        with translation.override(language):
            context = {
                "reference": pledge.reference,
                "donor_name": pledge.donor_name,
                "amount": f"{pledge.amount:,.2f}",
                "designation": pledge.designation.name_in(language),
                "transfer_details": [[str(label), str(value)] for label, value in (transfer_details or ())],
            }
        notify(pledge.email, "donations/pledge_received", context, language=language, owner=pledge)

    return intake.receive(PLEDGE_KIND, token, build, at=now)

"""Working a pledge: the signed agreement, manual moves (cancel), payments with their receipts."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records import audit
from records.files import atomic_with_files, store_upload
from records.references import next_reference
from records.uploads import PDF

from .. import documents
from ..machine import PAYABLE_STATES, PAYMENT_TARGETS, PLEDGE_PIPELINE, agreement_reason
from ..models import CENT, MAX_AMOUNT, Payment, PaymentMethod, Pledge, Status
from ..roles import is_foundation_staff
from .errors import DonationsError, OverPledge

RECEIPT_PREFIX = "SMRC"


def _staff_only(user):
    if not is_foundation_staff(user):
        raise PermissionDenied(_("Only foundation staff can work donation records."))


def move(pledge, to_state, user, reason=""):
    """Move ``pledge`` to ``to_state`` by hand (foundation staff), logged with ``reason``.

    "Partly received" and "fully received" follow from recorded payments and are refused here; the
    agreement is recorded with ``record_agreement``.
    """
    _staff_only(user)
    if to_state in PAYMENT_TARGETS:
        raise DonationsError(_("Received amounts follow from the payments recorded."), code="by_payment")
    return PLEDGE_PIPELINE.move(pledge, to_state, user=user, reason=reason)


def cancel(pledge, user, reason):
    """Cancel an open pledge; a reason is required."""
    return move(pledge, Status.CANCELLED, user, reason)


def record_agreement(pledge, upload, user, reason=""):
    """Store the signed agreement (an upload checked by content) in private storage and mark the pledge signed."""
    _staff_only(user)
    with atomic_with_files():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if locked.status != Status.PLEDGED:
            raise DonationsError(
                _("An agreement can be recorded only for a pledge that is “%(state)s”.")
                % {"state": PLEDGE_PIPELINE.label(Status.PLEDGED)},
                code="invalid_transition",
            )
        stored = store_upload(upload, role="agreement", owner=locked)
        Pledge.objects.filter(pk=pledge.pk).update(agreement=stored)
        pledge.agreement = stored
        PLEDGE_PIPELINE.move(pledge, Status.AGREEMENT_SIGNED, user=user, reason=reason, data={"file": str(stored.pk)})
    return pledge


def _amount(value):
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError) as error:
        raise DonationsError(_("Enter the amount in CNY, for example 5000.00."), code="amount") from error
    if not amount.is_finite() or amount < CENT or amount > MAX_AMOUNT:
        raise DonationsError(_("The amount must be more than zero and at most CNY 100,000,000.00."), code="amount")
    if amount != amount.quantize(CENT):
        raise DonationsError(_("The amount can have at most two decimal places."), code="amount")
    return amount


def _pdf_upload(content, name):
    upload = ContentFile(content, name=name)
    upload.checked_kind = PDF
    return upload


def record_payment(pledge, *, amount, received_on, method, user, note="", over_pledge_note="", issued_on=None):
    """Record a payment received against ``pledge``, issue its receipt and move the pledge on; return the payment.

    Only for a pledge whose agreement is signed (or partly received), or one still "pledged" that the
    foundation's rule lets be paid without an agreement (``machine.agreement_reason`` says why not otherwise:
    a ``DonationsError`` with code "agreement_required"). The payments may add up to more
    than the pledge only with an explicit ``over_pledge_note`` (logged); otherwise the payment is
    refused with ``OverPledge``. The receipt takes the next number of its own gap-free yearly sequence
    (``SMRC-<year>-<n>``, taken in this transaction, so a failed payment gives its number back) and its
    PDF, in Chinese and English, is stored in private storage. The pledge becomes "partly received" or,
    once the payments reach the pledged amount, "fully received".
    """
    _staff_only(user)
    amount = _amount(amount)
    if method not in PaymentMethod.values:
        raise DonationsError(_("Choose how the payment was made."), code="method")
    if not isinstance(received_on, datetime.date):
        raise DonationsError(_("Enter the date the payment was received."), code="date")
    today = timezone.localdate()
    if received_on > today:
        raise DonationsError(_("The date received cannot be in the future."), code="date")
    issued_on = issued_on or today
    over_pledge_note = (over_pledge_note or "").strip()
    with atomic_with_files():
        locked = Pledge.objects.select_for_update().select_related("designation").get(pk=pledge.pk)
        without_agreement = False
        if locked.status == Status.PLEDGED:
            reason = agreement_reason(locked)
            if reason:
                raise DonationsError(reason, code="agreement_required")
            without_agreement = True
        elif locked.status not in PAYABLE_STATES:
            raise DonationsError(
                _("Payments can be recorded only for a pledge with a signed agreement that is not fully received."),
                code="not_payable",
            )
        received = locked.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        total = received + amount
        if total > locked.amount and not over_pledge_note:
            raise OverPledge(
                _(
                    "This payment would bring the payments to CNY %(total)s, more than the pledge of CNY %(pledged)s. "
                    "Add a note explaining the difference to record it."
                )
                % {"total": f"{total:,.2f}", "pledged": f"{locked.amount:,.2f}"},
                code="over_pledge",
            )
        payment = Payment(
            pledge=locked,
            amount=amount,
            received_on=received_on,
            method=method,
            note=(note or "").strip()[:300],
            over_pledge_note=over_pledge_note if total > locked.amount else "",
            receipt_number=next_reference(RECEIPT_PREFIX, issued_on.year),
            receipt_issued_on=issued_on,
            recorded_by=user,
        )
        payment.save(force_insert=True)
        try:
            content = documents.receipt_pdf(payment)
        except documents.FontMissing as error:
            raise DonationsError(
                _(
                    "The receipt cannot be made: the server lacks its font. Nothing was recorded; "
                    "tell the site's administrators."
                ),
                code="font",
            ) from error
        payment.receipt = store_upload(
            _pdf_upload(content, f"{payment.receipt_number}.pdf"), role="receipt", owner=locked
        )
        payment.save(update_fields=["receipt"])
        audit.record(
            locked,
            "payment_recorded",
            user=user,
            reason=payment.over_pledge_note,
            data={
                "amount": str(amount),
                "received_on": received_on.isoformat(),
                "method": method,
                "receipt": payment.receipt_number,
                "total_received": str(total),
                "over_pledge": total > locked.amount,
                "without_agreement": without_agreement,
            },
        )
        target = Status.FULLY_RECEIVED if total >= locked.amount else Status.PARTLY_RECEIVED
        if target != locked.status:
            PLEDGE_PIPELINE.move(locked, target, user=user, data={"receipt": payment.receipt_number})
        pledge.status = locked.status
    return payment

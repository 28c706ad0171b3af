"""Panel review and awards: the ranked list, decisions within the call's budget, disbursements."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from records import audit

from ..models import Application, Call, Disbursement, Status
from ..pipeline import APPLICATION_PIPELINE
from .errors import BudgetExceeded, GrantsError
from .pipeline import notify_outcome


def ranking(call, category=None, states=(Status.PANEL_REVIEW,)):
    """Applications of ``call`` in ``states`` ranked by mean review score within each category.

    Each row carries ``rank`` (1 = best in its category); ties are broken by the earlier submission.
    """
    queryset = Application.objects.filter(call=call, status__in=states)
    if category is not None:
        queryset = queryset.filter(category=category)
    return (
        queryset.select_related("category", "application_type", "institution")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("category_id")],
                order_by=[F("review_score").desc(nulls_last=True), F("submitted_at").asc(), F("pk").asc()],
            )
        )
        .order_by("category__sort_order", "category__code", "rank")
    )


def committed_awards(call, exclude=None):
    queryset = Application.objects.filter(call=call, status=Status.FUNDED)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.aggregate(total=Sum("award_amount"))["total"] or Decimal("0")


def _amount(value):
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError) as error:
        raise GrantsError(_("Enter the award as an amount in CNY."), code="amount") from error
    if amount <= 0:
        raise GrantsError(_("The award must be more than zero."), code="amount")
    return amount


def decide(application, *, funded, user, award_amount=None, reason="", override=False, meeting=None):
    """Record the panel's decision on ``application`` (in panel review) and email the applicant.

    Funding needs an award no larger than the requested budget; the call's funded total may not
    exceed its budget unless ``override`` is set with a ``reason`` (both are logged).
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        if funded:
            award = _amount(award_amount)
            if award > application.requested_budget:
                raise GrantsError(_("The award cannot be larger than the requested budget."), code="over_request")
            committed = committed_awards(call, exclude=application)
            over = committed + award > call.total_budget
            if over and not override:
                raise BudgetExceeded(
                    _(
                        "Funding this application would take the call to CNY %(total)s, over its budget of CNY "
                        "%(budget)s. Confirm an override with a reason to go ahead."
                    )
                    % {"total": f"{committed + award:,.2f}", "budget": f"{call.total_budget:,.2f}"},
                    code="budget",
                )
            if over and not reason:
                raise GrantsError(_("Please give the reason for going over the budget."), code="reason_required")
            Application.objects.filter(pk=application.pk).update(award_amount=award, panel_meeting=meeting)
            application.award_amount, application.panel_meeting = award, meeting
            APPLICATION_PIPELINE.move(
                application,
                Status.FUNDED,
                user=user,
                reason=reason,
                data={"award": str(award), "budget_override": bool(over), "committed_before": str(committed)},
            )
            notify_outcome(application, "grants/application_funded", reason="")
        else:
            Application.objects.filter(pk=application.pk).update(panel_meeting=meeting)
            application.panel_meeting = meeting
            APPLICATION_PIPELINE.move(application, Status.NOT_FUNDED, user=user, reason=reason)
            notify_outcome(application, "grants/application_not_funded", reason="")
    return application


def record_disbursement(application, amount, paid_on, user, note=""):
    """Record a payment of a funded project's award; the payments never add up to more than the award."""
    from ..roles import is_grants_staff

    if not is_grants_staff(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    amount = _amount(amount)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.FUNDED or locked.award_amount is None:
            raise GrantsError(_("Only funded projects receive disbursements."), code="not_funded")
        paid = locked.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if paid + amount > locked.award_amount:
            raise GrantsError(
                _("This payment would take the disbursements to CNY %(total)s, more than the award of CNY %(award)s.")
                % {"total": f"{paid + amount:,.2f}", "award": f"{locked.award_amount:,.2f}"},
                code="over_award",
            )
        disbursement = Disbursement.objects.create(
            application=locked, amount=amount, paid_on=paid_on, note=note, recorded_by=user
        )
        audit.record(
            locked,
            "disbursed",
            user=user,
            data={"amount": str(amount), "paid_on": paid_on.isoformat(), "total_paid": str(paid + amount)},
        )
    return disbursement

"""Panel review and awards: the ranked list and disbursements (decisions: ``services.decisions``)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from records import audit

from ..models import Application, Disbursement, Status
from ..roles import is_grants_staff
from .decisions import committed_awards, parse_amount  # noqa: F401  (committed_awards: re-exported)
from .errors import GrantsError


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


def record_disbursement(application, amount, paid_on, user, note=""):
    """Record a payment of a funded project's award; the payments never add up to more than the award."""
    if not is_grants_staff(user):
        raise PermissionDenied
    amount = parse_amount(amount)
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

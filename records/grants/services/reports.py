"""Figures for the per-call dashboard, from a handful of grouped queries (fast at ten times the 2023 volume)."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from ..machine import IN_REVIEW_STATES
from ..models import (
    Application,
    ApplicationType,
    Assignment,
    Category,
    Disbursement,
    Institution,
    InstitutionStatus,
    Status,
)
from ..models.setup import localized


def registered_institutions(call):
    """Host institutions approved by the call's closing time (those that could apply)."""
    return Institution.objects.filter(status=InstitutionStatus.APPROVED, decided_at__lte=call.closes_at).count()


def _zero():
    return {"received": 0, "funded": 0, "awarded": Decimal("0")}


def dashboard(call):
    """The call's figures: received, institutions, accepted, in review, funded, awarded, disbursed, and more."""
    applications = Application.objects.filter(call=call).order_by()
    # One scan of the call's applications, grouped; everything else is summed up from these groups.
    groups = applications.values("category_id", "application_type_id", "status").annotate(
        n=Count("pk"),
        accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
        awarded=Sum("award_amount"),
        requested=Sum("requested_budget"),
    )
    by_status = defaultdict(int)
    by_category = defaultdict(_zero)
    by_type = defaultdict(_zero)
    figures = {"received": 0, "accepted": 0, "awarded": Decimal("0"), "requested": Decimal("0")}
    for group in groups:
        status, n = group["status"], group["n"]
        by_status[status] += n
        figures["received"] += n
        figures["accepted"] += group["accepted"]
        figures["requested"] += group["requested"] or 0
        for bucket in (by_category[group["category_id"]], by_type[group["application_type_id"]]):
            bucket["received"] += n
        if status == Status.FUNDED:
            awarded = group["awarded"] or Decimal("0")
            figures["awarded"] += awarded
            for bucket in (by_category[group["category_id"]], by_type[group["application_type_id"]]):
                bucket["funded"] += n
                bucket["awarded"] += awarded
    figures.update(
        institutions=applications.aggregate(n=Count("institution", distinct=True))["n"],
        in_review=sum(by_status[state] for state in IN_REVIEW_STATES),
        awaiting=by_status[Status.SUBMITTED],
        rejected_formal=by_status[Status.REJECTED_FORMAL],
        funded=by_status[Status.FUNDED],
        not_funded=by_status[Status.NOT_FUNDED],
        withdrawn=by_status[Status.WITHDRAWN],
    )
    figures["disbursed"] = Disbursement.objects.filter(application__call=call).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal("0")
    figures["registered_institutions"] = registered_institutions(call)
    figures["budget"] = call.total_budget
    figures["remaining"] = call.total_budget - figures["awarded"]
    figures["fully_disbursed"] = figures["funded"] > 0 and figures["disbursed"] >= figures["awarded"]
    figures["by_status"] = [(Status(value).label, by_status.get(value, 0)) for value in Status.values]
    figures["by_category"] = [
        {"code": category.code, "name": localized(category, "name"), **by_category[category.pk]}
        for category in Category.objects.filter(programme_id=call.programme_id)
        if category.pk in by_category
    ]
    figures["by_type"] = [
        {"code": kind.code, "name": localized(kind, "name"), **by_type[kind.pk]}
        for kind in ApplicationType.objects.filter(programme_id=call.programme_id)
        if kind.pk in by_type
    ]
    assignments = Assignment.objects.filter(application__call=call).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(state=Assignment.State.ASSIGNED)),
        recused=Count("pk", filter=Q(state=Assignment.State.RECUSED)),
        submitted=Count("pk", filter=Q(state=Assignment.State.SUBMITTED)),
        reviewers=Count("reviewer", distinct=True),
    )
    # A review exists exactly for each submitted assignment (record_review makes both in one transaction).
    figures["reviews"] = assignments.pop("submitted")
    figures["assignments"] = assignments
    return figures

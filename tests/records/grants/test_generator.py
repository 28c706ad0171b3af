"""The demo generator: the 2023 figures of the work report exactly, data consistent with the pipeline."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q, Sum

from records.audit import AuditEntry
from records.grants import services
from records.grants.models import (
    Application,
    Assignment,
    Call,
    CallBudgetCap,
    Disbursement,
    Institution,
    InstitutionStatus,
    Programme,
    Review,
    Reviewer,
    Score,
    Status,
)
from records.references import next_reference

pytestmark = pytest.mark.django_db


def test_the_2023_call_shows_exactly_the_work_report_figures():
    out = StringIO()
    call_command("load_grants_demo", stdout=out)
    output = out.getvalue()
    assert "[ 1]" in output and "Done in" in output  # progress, then a one-line summary
    call = Call.objects.get(code="smrf-2023")
    figures = services.dashboard(call)
    assert figures["registered_institutions"] == 124
    assert figures["received"] == 2711
    assert figures["institutions"] == 88
    assert figures["accepted"] == 2648
    assert figures["funded"] == 285
    assert figures["awarded"] == Decimal("195996000")
    assert figures["disbursed"] == Decimal("195996000") and figures["fully_disbursed"]
    assert figures["rejected_formal"] == 2711 - 2648
    assert figures["not_funded"] == 2648 - 285
    assert figures["in_review"] == 0
    assert call.programme.types.count() == 4 and call.programme.categories.count() == 11
    assert Reviewer.objects.count() > 9000
    assert figures["awarded"] <= call.total_budget
    assert "124 registered institutions, 2,711 applications from 88 institutions" in output

    apps = Application.objects.filter(call=call)
    # Reviews consistent with the pipeline: 3 submitted reviews for every accepted application, none for others.
    per_app = apps.annotate(
        reviews=Count("assignments", filter=Q(assignments__state=Assignment.State.SUBMITTED))
    ).values_list("status", "reviews", "review_count")
    for status, reviews, review_count in per_app:
        expected = 0 if status == Status.REJECTED_FORMAL else 3
        assert reviews == review_count == expected
    assert Review.objects.filter(assignment__application__call=call).count() == 2648 * 3
    assert Score.objects.filter(review__assignment__application__call=call).count() == 2648 * 3 * 4
    recused = Assignment.objects.filter(application__call=call, state=Assignment.State.RECUSED)
    assert recused.exists() and not recused.filter(review__isnull=False).exists()
    # No reviewer reviews an application of their own institution.
    assert not Assignment.objects.filter(
        Q(reviewer__host_institution=F("application__institution"))
        | Q(reviewer__institution_name=F("application__institution__name"))
    ).exists()
    # Funded applications are the best ranked of their category; awards within requests and caps.
    for category_id in apps.values_list("category", flat=True).distinct():
        group = apps.filter(category_id=category_id, accepted_at__isnull=False)
        worst_funded = group.filter(status=Status.FUNDED).order_by("review_score").first()
        best_unfunded = group.filter(status=Status.NOT_FUNDED).order_by("-review_score").first()
        if worst_funded and best_unfunded:
            assert worst_funded.review_score >= best_unfunded.review_score
    assert not apps.filter(status=Status.FUNDED, award_amount__gt=F("requested_budget")).exists()
    for cap in CallBudgetCap.objects.filter(call=call):
        assert not apps.filter(application_type=cap.application_type, requested_budget__gt=cap.max_budget).exists()
    paid = Disbursement.objects.filter(application__call=call).values("application").annotate(total=Sum("amount"))
    assert all(row["total"] == apps.get(pk=row["application"]).award_amount for row in paid)
    # The whole history is in the audit log.
    assert AuditEntry.objects.filter(action="moved", to_state=Status.FUNDED).count() == 285
    assert AuditEntry.objects.filter(action="submitted").count() == 2711 + 48
    # Reference numbers carry on after the generated ones.
    assert next_reference("SMRF", 2023) == "SMRF-2023-002712"
    # An open 2024 call, with approved institutions to apply through.
    call_2024 = Call.objects.get(code="smrf-2024")
    assert call_2024.is_open()
    assert Institution.objects.filter(status=InstitutionStatus.APPROVED).count() == 126
    assert services.dashboard(call_2024)["received"] == 48

    # Running it again leaves the data alone; --replace builds it again.
    again = StringIO()
    call_command("load_grants_demo", stdout=again)
    assert "already there" in again.getvalue()
    assert Programme.objects.count() == 2


def test_a_small_scale_run_replaces_the_data():
    call_command("load_grants_demo", scale=0.05, reviewers=200, stdout=StringIO())
    call_command("load_grants_demo", scale=0.05, reviewers=200, replace=True, no_2024=True, stdout=StringIO())
    call = Call.objects.get(code="smrf-2023")
    figures = services.dashboard(call)
    assert figures["received"] == round(2711 * 0.05)
    assert figures["funded"] == round(285 * 0.05)
    assert figures["awarded"] == figures["disbursed"] > 0
    assert not Call.objects.filter(code="smrf-2024").exists()
    assert Reviewer.objects.count() == 200

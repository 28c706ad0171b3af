"""Figures for HR: applications, interview rounds, interviews and hires per category and year.

Applications count in the year they were submitted, interviews in the year of their slot, rounds in the
year they were held, hires in the year the candidate was hired (all in Beijing time). Only fields that
anonymisation keeps are used, so the figures stay the same after it.
"""

from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import ExtractYear

from ..models import Category, Interview, InterviewRound, JobApplication, Status

COLUMNS = ("applications", "rounds", "interviews", "hires")


def _counts(queryset, year_field, category_field):
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear(year_field))
        .values("year", category_field)
        .annotate(n=Count("pk", distinct=True))
    )
    return {(row["year"], row[category_field]): row["n"] for row in rows}


def figures(year=None, category=None):
    """A row per (year, category) with applications, rounds, interviews and hires, newest year first.

    Each row: ``{"year", "category", "category_label", "applications", "rounds", "interviews", "hires"}``.
    """
    applications = JobApplication.objects.all()
    rounds = InterviewRound.objects.all()
    interviews = Interview.objects.all()
    hires = JobApplication.objects.filter(status=Status.HIRED, closed_at__isnull=False)
    if category:
        applications = applications.filter(posting_category=category)
        rounds = rounds.filter(category=category)
        interviews = interviews.filter(application__posting_category=category)
        hires = hires.filter(posting_category=category)
    counts = {
        "applications": _counts(applications, "submitted_at", "posting_category"),
        "rounds": _counts(rounds, "held_on", "category"),
        "interviews": _counts(interviews, "slot__starts_at", "application__posting_category"),
        "hires": _counts(hires, "closed_at", "posting_category"),
    }
    table = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for column, values in counts.items():
        for key, n in values.items():
            table[key][column] = n
    order = {value: index for index, value in enumerate(Category.values)}
    rows = []
    for (row_year, row_category), values in table.items():
        if year and row_year != int(year):
            continue
        label = Category(row_category).label if row_category in order else row_category
        rows.append({"year": row_year, "category": row_category, "category_label": label, **values})
    rows.sort(key=lambda row: (-row["year"], order.get(row["category"], len(order)), row["category"]))
    return rows


def totals(rows):
    """The sums of ``rows`` per column."""
    return {column: sum(row[column] for row in rows) for column in COLUMNS}


def years():
    """Every year in which an application was submitted or a round held, newest first."""
    found = set(JobApplication.objects.order_by().annotate(y=ExtractYear("submitted_at")).values_list("y", flat=True))
    found |= set(InterviewRound.objects.order_by().annotate(y=ExtractYear("held_on")).values_list("y", flat=True))
    return sorted(found, reverse=True)

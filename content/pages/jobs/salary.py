"""What a posting states about the work: its employment type, and its salary (range, period, limits, wording)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmploymentType(models.TextChoices):
    """schema.org employmentType values."""

    FULL_TIME = "FULL_TIME", _("Full time")
    PART_TIME = "PART_TIME", _("Part time")
    CONTRACTOR = "CONTRACTOR", _("Fixed-term contract")
    TEMPORARY = "TEMPORARY", _("Temporary")
    INTERN = "INTERN", _("Internship")
    OTHER = "OTHER", _("Other (for example a study programme)")


class SalaryPeriod(models.TextChoices):
    YEAR = "YEAR", _("per year")
    MONTH = "MONTH", _("per month")


# The most a posting may state per month (CNY): a larger figure is a typing slip (a yearly amount in the
# monthly field, a zero too many), never a SMART salary. A year's bound is twelve months of it.
MONTHLY_SALARY_LIMIT = Decimal("1000000")
SALARY_LIMITS = {SalaryPeriod.MONTH: MONTHLY_SALARY_LIMIT, SalaryPeriod.YEAR: MONTHLY_SALARY_LIMIT * 12}

# How a salary range reads, per period: (range, one amount, from, up to).
SALARY_WORDING = {
    SalaryPeriod.MONTH: (
        _("Monthly salary CNY %(low)s–%(high)s"),
        _("Monthly salary CNY %(amount)s"),
        _("Monthly salary from CNY %(amount)s"),
        _("Monthly salary up to CNY %(amount)s"),
    ),
    SalaryPeriod.YEAR: (
        _("Annual salary CNY %(low)s–%(high)s"),
        _("Annual salary CNY %(amount)s"),
        _("Annual salary from CNY %(amount)s"),
        _("Annual salary up to CNY %(amount)s"),
    ),
}


def salary_amount(value):
    """An amount of yuan with thousands separators, whole yuan without decimals (20,000; 20,000.50)."""
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"

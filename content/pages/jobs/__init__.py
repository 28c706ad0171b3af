"""人才招聘, job postings, as a package: the page models, the index, the salary wording and the JSON-LD part.

What callers import from ``content.pages.jobs`` is re-exported here.
"""

from records.recruitment.models import Category as JobCategory  # one list: postings and their applications

from .index import JobIndexPage
from .models import TEXT_FEATURES, JobPostingPage
from .salary import MONTHLY_SALARY_LIMIT, SALARY_LIMITS, SALARY_WORDING, EmploymentType, SalaryPeriod, salary_amount

__all__ = [
    "MONTHLY_SALARY_LIMIT",
    "SALARY_LIMITS",
    "SALARY_WORDING",
    "TEXT_FEATURES",
    "EmploymentType",
    "JobCategory",
    "JobIndexPage",
    "JobPostingPage",
    "SalaryPeriod",
    "salary_amount",
]

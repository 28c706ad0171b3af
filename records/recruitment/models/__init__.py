"""Recruitment records: job applications, interview rounds, slots, interviews, evaluations, held outcomes."""

from .applications import FILE_FIELDS, PERSONAL_FIELDS, Category, JobApplication, Status  # noqa: F401
from .interviews import MAX_SCORE, MIN_SCORE, Evaluation, Interview, InterviewRound, InterviewSlot  # noqa: F401
from .outcomes import Outcome  # noqa: F401

"""The recruitment demo: the seeds' figures exactly, visibly sample candidates, idempotent, progress and summary."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo import facts
from demo import recruitment as demo
from records.recruitment import services
from records.recruitment.models import Evaluation, Interview, InterviewRound, JobApplication, Status

pytestmark = pytest.mark.django_db


def test_the_figures_are_the_seeds():
    assert demo.PI_INTERVIEW_ROUNDS_2023 == facts.PI_INTERVIEWS_2023
    assert demo.PIS_HIRED_2023 == facts.PIS_RECRUITED_2023
    assert demo.POSTDOCS_RECRUITED == facts.POSTDOCS_RECRUITED
    assert demo.PIS_PLANNED_2024 == facts.PIS_PLANNED_2024


def test_demo_data_matches_the_seeds_and_loads_once():
    out = StringIO()
    call_command("load_recruitment_demo", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert any(line.startswith("2023: 4 PI interview rounds, 7 PIs hired") for line in lines)
    assert lines[-1].startswith("Done in ") and "hires (sample candidates)" in lines[-1]
    rows = {(row["year"], row["category"]): row for row in services.figures()}
    assert (rows[(2023, "pi")]["rounds"], rows[(2023, "pi")]["hires"]) == (4, 7)
    assert sum(row["hires"] for row in rows.values() if row["category"] == "postdoc") == 3
    assert not any(row["hires"] for (year, _category), row in rows.items() if year >= 2024)
    assert JobApplication.objects.filter(posting_category="phd").exists()
    assert JobApplication.objects.filter(posting_title__contains="深圳湾实验室").count() == 5
    assert JobApplication.objects.filter(posting_title__contains="25").exists()
    applications = JobApplication.objects.all()
    assert all("示例" in a.name and a.email.endswith("@example.org") for a in applications)
    assert all(a.cv is not None for a in applications)
    hired = applications.filter(status=Status.HIRED)
    assert all(Interview.objects.filter(application=a).exists() and a.closed_at for a in hired)
    assert Evaluation.objects.filter(interview__application__in=hired).exists()
    upcoming = InterviewRound.objects.filter(title__contains="即将举行").get()
    assert services.free_slots(upcoming).count() == upcoming.slots.count() > 0
    counts = (JobApplication.objects.count(), InterviewRound.objects.count(), Interview.objects.count())
    again = StringIO()
    call_command("load_recruitment_demo", stdout=again)
    assert "already there" in again.getvalue()
    assert (JobApplication.objects.count(), InterviewRound.objects.count(), Interview.objects.count()) == counts

"""Reports per category and year, and retention: anonymising candidates who were not hired keeps every count."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from records import audit
from records.files import StoredFile
from records.notifications import Notification
from records.recruitment import services
from records.recruitment.models import Evaluation, Interview, JobApplication, Status
from records.recruitment.services import retention
from tests.factories import recruitment as f

pytestmark = pytest.mark.django_db

NOW = f.at(2026, 6, 1)


def private_files():
    return {p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.fixture
def history():
    """2023 and 2024 records: PI and postdoc applications, two rounds, interviews, evaluations, hires."""
    hr, member = f.hr_user(), f.panel_user()
    pi_round = f.make_round(category="pi", held_on=datetime.date(2023, 12, 31), panel=[member])
    postdoc_round = f.make_round(category="postdoc", held_on=datetime.date(2024, 1, 10), panel=[member])
    pi_slots = f.make_slots(pi_round, count=2, minutes=60, first=f.at(2023, 12, 31, 23, 0))  # 23:00, then 00:00
    postdoc_slots = f.make_slots(postdoc_round, count=1)
    made = {}

    def app(key, status, category="pi", submitted=None, closed=None):
        submitted = submitted or f.at(2023, 5, 1)
        made[key] = f.make_application(status=status, category=category, submitted_at=submitted, closed_at=closed)
        return made[key]

    app("hired", Status.HIRED, closed=f.at(2024, 1, 1, 0, 30))  # the first minutes of 2024 in Beijing
    app("rejected_old", Status.REJECTED, closed=f.at(2024, 1, 20))
    app("withdrawn_old", Status.WITHDRAWN, closed=f.at(2024, 2, 1))
    app("rejected_recent", Status.REJECTED, submitted=f.at(2025, 9, 1), closed=f.at(2026, 1, 5))
    app("open", Status.SCREENING, submitted=f.at(2024, 1, 1, 7, 59))
    app("postdoc_old", Status.REJECTED, category="postdoc", closed=f.at(2024, 3, 1))
    for key, slot in (("hired", pi_slots[0]), ("rejected_old", pi_slots[1])):
        Interview.objects.create(slot=slot, round=pi_round, application=made[key])
    Interview.objects.create(slot=postdoc_slots[0], round=postdoc_round, application=made["postdoc_old"])
    for interview in Interview.objects.all():
        services.record_evaluation(interview, member, score=7, comments=f"Comments on {interview.application.name}")
    return {"hr": hr, **made}


def test_figures_per_category_and_year(history):
    rows = {(row["year"], row["category"]): row for row in services.figures()}
    assert rows[(2023, "pi")] | {} == {
        "year": 2023,
        "category": "pi",
        "category_label": rows[(2023, "pi")]["category_label"],
        "applications": 3,
        "rounds": 1,
        "interviews": 1,  # 23:00 on 31 December in Beijing
        "hires": 0,
    }
    assert (rows[(2024, "pi")]["applications"], rows[(2024, "pi")]["interviews"]) == (1, 1)
    assert rows[(2024, "pi")]["hires"] == 1  # hired at 00:30 on 1 January 2024, Beijing time
    assert rows[(2023, "postdoc")]["applications"] == 1 and rows[(2024, "postdoc")]["rounds"] == 1
    assert rows[(2025, "pi")]["applications"] == 1
    assert [row["year"] for row in services.figures()] == sorted(
        (row["year"] for row in services.figures()), reverse=True
    )
    assert {row["category"] for row in services.figures(category="postdoc")} == {"postdoc"}
    assert {row["year"] for row in services.figures(year=2024)} == {2024}
    totals = services.totals(services.figures())
    assert totals == {"applications": 6, "rounds": 2, "interviews": 3, "hires": 1}


def test_only_candidates_closed_without_a_hire_for_the_period_are_due(history):
    due = set(retention.due(now=NOW, days=365).values_list("pk", flat=True))
    assert due == {history[key].pk for key in ("rejected_old", "withdrawn_old", "postdoc_old")}
    assert set(retention.due(now=NOW, days=100).values_list("pk", flat=True)) == due | {history["rejected_recent"].pk}
    with override_settings(RECRUITMENT_RETENTION_DAYS=10_000):
        assert not retention.due(now=NOW).exists()


def test_anonymising_keeps_the_report_identical_and_deletes_personal_data_and_files(
    history, django_capture_on_commit_callbacks
):
    before_figures = services.figures()
    old = history["rejected_old"]
    files = list(StoredFile.objects.filter(owner_id=str(old.pk)))
    paths = [Path(stored.file.path) for stored in files]
    assert len(files) == 3 and all(path.exists() for path in paths)
    hired_before = JobApplication.objects.filter(pk=history["hired"].pk).values().get()
    hired_files = {
        p
        for p in private_files()
        if any(str(p).endswith(s.file.name) for s in StoredFile.objects.filter(owner_id=str(history["hired"].pk)))
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.anonymise(old, now=NOW) == 3
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.current_position, old.institution, old.highest_degree) == ("",) * 6
    assert (old.cv, old.cover_letter, old.research_statement) == (None, None, None)
    assert (old.status, old.posting_category, old.reference) == (
        Status.REJECTED,
        "pi",
        history["rejected_old"].reference,
    )
    assert old.anonymised_at == NOW and old.submitted_at == f.at(2023, 5, 1)
    assert not StoredFile.objects.filter(pk__in=[s.pk for s in files]).exists()
    assert not any(path.exists() for path in paths)
    assert not Notification.objects.filter(owner_id=str(old.pk), owner_type__model="jobapplication").exists()
    assert list(Evaluation.objects.filter(interview__application=old).values_list("score", "comments")) == [(7, "")]
    assert audit.history(old).filter(action="anonymised").exists()
    assert services.figures() == before_figures
    assert JobApplication.objects.filter(pk=history["hired"].pk).values().get() == hired_before
    assert hired_files and all(path.exists() for path in hired_files)
    assert retention.anonymise(old, now=NOW) is None  # once only
    assert retention.anonymise(history["hired"], now=NOW) is None  # never a hired candidate
    assert retention.anonymise(history["open"], now=NOW) is None  # nor one still in the pipeline


def test_the_command_dry_run_then_anonymise_with_progress_and_summary(history, django_capture_on_commit_callbacks):
    before_figures = services.figures()
    before_files = private_files()
    out = StringIO()
    call_command("anonymise_candidates", "--dry-run", "--days", "365", stdout=out)
    assert "3 candidate(s)" in out.getvalue() and "would be anonymised" in out.getvalue()
    assert JobApplication.objects.filter(anonymised_at__isnull=False).count() == 0
    assert private_files() == before_files
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_candidates", "--days", "365", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert "3/3" in out.getvalue()
    assert (
        lines[-1].startswith("Anonymised 3 candidate(s)") and "8 private file(s) deleted" in lines[-1]
    )  # 3 + 3 + 2 (no statement for a postdoc)
    assert len(before_files - private_files()) == 8
    assert services.figures() == before_figures
    kept = JobApplication.objects.filter(anonymised_at__isnull=True)
    assert set(kept.values_list("pk", flat=True)) == {history[key].pk for key in ("hired", "rejected_recent", "open")}
    out = StringIO()
    call_command("anonymise_candidates", "--days", "365", stdout=out)
    assert out.getvalue().strip().splitlines()[-1].startswith("Anonymised 0 candidate(s)")

from django.core.management.base import BaseCommand, CommandError

from records.recruitment.models import JobApplication
from records.recruitment.services import retention


class Command(BaseCommand):
    help = (
        "Anonymise candidates who were not hired (rejected or withdrawn) once their application has been closed "
        "for RECRUITMENT_RETENTION_DAYS (default 365): personal fields, private files, queued emails and panel "
        "comments are deleted; status, category and dates stay for the reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Retention period in days (default: the setting).")
        parser.add_argument("--dry-run", action="store_true", help="Only count the candidates that are due.")

    def handle(self, *args, days, dry_run, **options):
        days = retention.retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        due = retention.due(days=days).order_by("pk")
        total = due.count()
        if dry_run:
            self.stdout.write(f"Dry run: {total} candidate(s) closed more than {days} days ago would be anonymised.")
            return
        anonymised = files = 0
        for index, pk in enumerate(due.values_list("pk", flat=True).iterator(chunk_size=500), start=1):
            deleted = retention.anonymise(JobApplication(pk=pk))
            if deleted is not None:
                anonymised += 1
                files += deleted
            if index % 100 == 0 or index == total:
                self.stdout.write(f"  {index}/{total}", ending="\r" if index < total else "\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"Anonymised {anonymised} candidate(s) closed over {days} days ago; {files} private file(s) deleted."
            )
        )

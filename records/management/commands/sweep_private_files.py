import datetime

from django.core.management.base import BaseCommand

from records.files import ORPHAN_AGE, sweep_orphans


class Command(BaseCommand):
    help = (
        "Delete the files of private storage that belong to no record (left by a process killed in the middle of a "
        "submission) and are older than --older-than-hours. The scheduler runs it once a day. A younger file may "
        "belong to a submission still under way: never sweep files younger than the longest a request can take."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than-hours", type=float, default=ORPHAN_AGE.total_seconds() / 3600)

    def handle(self, *args, older_than_hours, **options):
        count = sweep_orphans(datetime.timedelta(hours=older_than_hours))
        self.stdout.write(f"Deleted {count} private file(s) that belonged to no record.")

from django.core.management.base import BaseCommand

from records.notifications import MAX_ATTEMPTS, retry_failed


class Command(BaseCommand):
    help = "Send again the notification emails that failed (e.g. while the mail server was down)."

    def add_arguments(self, parser):
        parser.add_argument("--max-attempts", type=int, default=MAX_ATTEMPTS)

    def handle(self, *args, max_attempts, **options):
        count = retry_failed(max_attempts=max_attempts)
        self.stdout.write(f"Queued {count} notification(s) for another attempt.")

"""The scheduler process: publishes and unpublishes scheduled pages without anyone remembering a cron job.

`make run` starts it beside the web server; in production run it as its own service
(one instance is enough). Each tick runs Wagtail's `publish_scheduled` command and queues another attempt of
the notification emails that failed (``records.notifications.retry_failed``, at most ``MAX_ATTEMPTS`` each).
"""

import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections


def tick():
    """Publish what is due now, and queue again the notification emails that could not be sent yet
    (the mail server was down). Returns nothing; Wagtail logs each page it publishes."""
    from records.notifications import retry_failed

    call_command("publish_scheduled", verbosity=0)
    retry_failed()


class Command(BaseCommand):
    help = "Publish scheduled pages every SCHEDULER_INTERVAL seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=None, help="seconds between runs")
        parser.add_argument("--once", action="store_true", help="run once and exit")

    def handle(self, *args, interval=None, once=False, **options):
        interval = interval or settings.SCHEDULER_INTERVAL
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"Scheduler: publishing scheduled pages every {interval} s (Ctrl+C to stop).")
        runs = 0
        while not stop.is_set():
            try:
                tick()
            except Exception as exc:  # keep the scheduler alive; the error is reported and retried next tick
                self.stderr.write(f"Scheduler: publish_scheduled failed: {exc!r}")
            runs += 1
            if once:
                break
            stop.wait(interval)
            close_old_connections()  # a long-lived process must not keep a stale connection
        self.stdout.write(f"Scheduler stopped after {runs} run(s).")

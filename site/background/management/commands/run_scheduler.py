"""The scheduler process: publishes and unpublishes scheduled pages without anyone remembering a cron job.

`make run` starts it beside the web server; in production run it as its own service
(one instance is enough). Each tick
- runs Wagtail's `publish_scheduled` command;
- queues another attempt of the notification emails that failed (``records.notifications.retry_failed``, at most
  ``MAX_ATTEMPTS`` each);
- marks failed the background tasks of the database queue whose worker stopped while running them: it exited, or
  fell silent for ``TASK_WORKER_SILENCE`` seconds (``background.task_workers.recover_abandoned_tasks``);
- decides about the background tasks of the database queue that failed (``background.task_retries``): each is
  enqueued again with a growing delay, up to ``TASK_MAX_ATTEMPTS`` runs, or given up (at once when the object it
  works on no longer exists);
- once a day, deletes the private files that belong to no record (``records.files.sweep_orphans``: left by a
  process killed in the middle of a submission);
- every ``STATIC_SITE_FRONT_REFRESH`` seconds, when the front server serves a copy of the pages, queues its
  full build (``delivery.tasks.refresh_front_site``), so that pages showing the date follow the clock.
Each part runs even when another one fails; a failed part is reported on stderr and tried again next tick.
"""

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def publish_scheduled():
    call_command("publish_scheduled", verbosity=0)


def retry_notifications():
    from records.notifications import retry_failed

    retry_failed()


def recover_tasks():
    from background.task_workers import recover_abandoned_tasks

    recovered = recover_abandoned_tasks()
    if recovered:
        logger.info("Tasks abandoned by their worker: %d marked failed.", recovered)


def retry_tasks():
    from background.task_retries import retry_failed_tasks

    counts = retry_failed_tasks()
    if any(counts.values()):
        logger.info("Failed tasks: %(retried)d retried, %(given_up)d given up.", counts)


SWEEP_EVERY = 24 * 3600  # seconds between two sweeps of private storage


def sweep_private_files():
    """Once a day (whichever scheduler gets there first, through the shared cache): private files of no record."""
    from django.core.cache import cache

    from records.files import sweep_orphans

    if cache.add("scheduler:sweep-private-files", True, SWEEP_EVERY):
        deleted = sweep_orphans()
        if deleted:
            logger.info("Private storage: %d file(s) of no record deleted.", deleted)


def refresh_front_site():
    """Every STATIC_SITE_FRONT_REFRESH seconds, the front server's copy of the pages is built again: a page that
    shows the date (an event still upcoming, a call still open) is never older than Django's own kept fragments."""
    from django.core.cache import cache

    from delivery.staticgen import front
    from delivery.tasks import refresh_front_site as task

    if not front.enabled():
        return
    key, now = "scheduler:refresh-front-site", time.time()
    due = cache.get(key)
    if due is None or now >= due:  # (none yet: the stack has just built it)
        cache.set(key, now + settings.STATIC_SITE_FRONT_REFRESH, timeout=None)
    if due is not None and now >= due:
        task.enqueue(full=True)


PARTS = (
    ("publish_scheduled", publish_scheduled),
    ("retry_notifications", retry_notifications),
    ("recover_tasks", recover_tasks),  # before retry_tasks, which retries what it marked failed in the same tick
    ("retry_tasks", retry_tasks),
    ("sweep_private_files", sweep_private_files),
    ("refresh_front_site", refresh_front_site),
)


def tick():
    """Publish what is due now, queue again the notification emails that could not be sent yet (the mail server
    was down), mark failed the background tasks whose worker died while running them, and retry or give up the
    failed background tasks. Every part runs even if another raises.
    Returns the parts that failed, ``{name: exception}`` (empty when all went well)."""
    failures = {}
    for name, part in PARTS:
        try:
            part()
        except Exception as exc:  # the other parts still run; this one is tried again next tick
            logger.exception("Scheduler: %s failed.", name)
            failures[name] = exc
    return failures


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
                failures = tick()
            except Exception as exc:  # keep the scheduler alive (the database went away, ...); retried next tick
                failures = {"tick": exc}
            for name, exc in failures.items():
                self.stderr.write(f"Scheduler: {name} failed: {exc!r}")
            runs += 1
            if once:
                break
            stop.wait(interval)
            close_old_connections()  # a long-lived process must not keep a stale connection
        self.stdout.write(f"Scheduler stopped after {runs} run(s).")

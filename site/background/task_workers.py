"""Which task workers are alive, and the runs left behind by those that are not.

django-tasks-db 0.12 leaves no sign that a worker is alive (its issue #5, "Unclean exits of the worker leave
tasks in limbo", is open): a run records only when it started and the ids of the workers that claimed it. So
our ``manage.py db_worker`` (``background/management/commands/db_worker.py``, the library's command with a heartbeat)
keeps one ``TaskWorker`` row per worker process: written when it starts, its ``seen_at`` renewed every
``TASK_WORKER_HEARTBEAT`` seconds by a thread of its own, ``stopped_at`` set when it exits cleanly.

Each scheduler tick calls ``recover_abandoned_tasks()``, which decides about every run still marked running by the
worker that claimed it last:

- a worker heard from within ``TASK_WORKER_SILENCE`` seconds and not stopped is alive: its run is left alone
  however long it takes, so a long task is never run a second time beside itself;
- a worker that stopped, or fell silent longer than that (SIGKILL, out of memory, the machine restarted), left
  its run behind: the run is marked failed at once, a couple of minutes after the death rather than half an hour;
- a worker that keeps no heartbeat (the library's own command, run by some other setup) is judged by time alone:
  its run is taken for abandoned ``TASK_RUNNING_TIMEOUT`` seconds after it started.

An abandoned run is recorded the way the worker records a failure (the library's ``DBTaskResult.set_failed``,
with a ``task_retries.WorkerStopped`` saying why; ``finished_at`` now), and ``task_finished`` is sent as the
worker would have. ``task_retries.retry_failed_tasks()`` then retries it like any failure. Each run is marked in a
transaction that locks it (``select_for_update(skip_locked=True)``) and checks again that it is still running and
still abandoned: two ticks never mark it twice, and a run whose worker is writing its outcome at that moment (the
row locked by that write, or already written) is left alone.
"""

import contextlib
import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.core import checks
from django.core.exceptions import SuspiciousOperation
from django.db import connections, transaction
from django.utils import timezone
from django_tasks.exceptions import InvalidTaskBackendError, InvalidTaskError
from django_tasks.signals import task_finished

from .models import TaskWorker
from .task_retries import BATCH, RUNNING, WorkerStopped, queue_installed, results

logger = logging.getLogger(__name__)

FORGOTTEN_AFTER = datetime.timedelta(days=7)  # rows of workers not heard from for this long are deleted


# -- the worker's side -------------------------------------------------------------------------------------------


def beat(worker_id, *, starting=False):
    """Record that the worker ``worker_id`` (this process) is alive now; ``starting``: it starts now."""
    now = timezone.now()
    if not starting and TaskWorker.objects.filter(worker_id=worker_id).update(seen_at=now, stopped_at=None):
        return
    host = socket.gethostname()[:100]
    values = {"hostname": host, "pid": os.getpid(), "started_at": now, "seen_at": now, "stopped_at": None}
    TaskWorker.objects.update_or_create(worker_id=worker_id, defaults=values)


def stopped(worker_id):
    """Record that the worker ``worker_id`` exited cleanly."""
    now = timezone.now()
    TaskWorker.objects.filter(worker_id=worker_id).update(seen_at=now, stopped_at=now)


class Heartbeat:
    """``with Heartbeat(worker_id):`` around a worker's run: the first beat is written before it (so the worker is
    known before it claims anything), a thread renews it every ``TASK_WORKER_HEARTBEAT`` seconds, and a clean exit
    is recorded after it. A write that fails (the database is away) is logged, never raised: the next beat tries
    again, and a worker whose exit could not be recorded falls silent, which the scheduler reads the same way."""

    def __init__(self, worker_id):
        self.worker_id = worker_id
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, name=f"heartbeat-{worker_id}", daemon=True)

    def __enter__(self):
        self.record(beat, starting=True)
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.done.set()
        self.thread.join(timeout=settings.TASK_WORKER_HEARTBEAT + 10)
        self.record(stopped)

    def record(self, write, **kwargs):
        try:
            write(self.worker_id, **kwargs)
        except Exception:  # the database restarts, say: the next write reconnects
            logger.warning("Task worker %s: heartbeat not recorded.", self.worker_id, exc_info=True)
            connections.close_all()  # this thread's connections only

    def run(self):
        try:
            while not self.done.wait(settings.TASK_WORKER_HEARTBEAT):
                self.record(beat)
        finally:
            connections.close_all()


def check_heartbeat_settings(**kwargs):
    """A system check: a worker must be able to miss a beat or two before it is taken for dead."""
    if settings.TASK_WORKER_SILENCE < 3 * settings.TASK_WORKER_HEARTBEAT:
        return [
            checks.Error(
                "TASK_WORKER_SILENCE must be at least three times TASK_WORKER_HEARTBEAT: a worker that is merely "
                "slow to beat would be taken for dead and its task run a second time.",
                id="delivery.E001",  # the id it had before this room moved out of delivery (SILENCED_SYSTEM_CHECKS)
            )
        ]
    return []


# -- the scheduler's side ----------------------------------------------------------------------------------------


def running_timeout():
    """How long after it started a run of a worker without heartbeat is taken for abandoned."""
    return datetime.timedelta(seconds=settings.TASK_RUNNING_TIMEOUT)


def silence():
    """How long a worker may go unheard before it is taken for dead."""
    return datetime.timedelta(seconds=settings.TASK_WORKER_SILENCE)


def why_abandoned(started_at, worker_id, worker, now):
    """Why the run is abandoned, in words for the record, or ``None`` while it may still be running."""
    if worker is None:  # a worker without heartbeat: time is the only signal
        if started_at >= now - running_timeout():
            return None
        seconds = int((now - started_at).total_seconds())
        return (
            f"worker {worker_id} stopped while running this task: still marked running {seconds} s after it "
            f"started, longer than TASK_RUNNING_TIMEOUT ({settings.TASK_RUNNING_TIMEOUT} s)"
        )
    if worker.stopped_at is not None:
        return f"worker {worker_id} stopped while running this task: it exited before the task finished"
    if worker.seen_at >= now - silence():
        return None
    seconds = int((now - worker.seen_at).total_seconds())
    return (
        f"worker {worker_id} stopped while running this task: last heard from {seconds} s ago, longer than "
        f"TASK_WORKER_SILENCE ({settings.TASK_WORKER_SILENCE} s)"
    )


def last_worker(result):
    return result.worker_ids[-1] if result.worker_ids else "?"  # the worker that claimed it last


def abandon(result_id, now):
    """Mark the run ``result_id`` failed if it is still running and abandoned; whether it was. One transaction that
    locks it (skipping it when another tick or its worker holds it) and looks at its worker again."""
    with transaction.atomic():
        result = results().select_for_update(skip_locked=True).filter(pk=result_id, status=RUNNING).first()
        if result is None:
            return False
        worker_id = last_worker(result)
        reason = why_abandoned(
            result.started_at, worker_id, TaskWorker.objects.filter(worker_id=worker_id).first(), now
        )
        if reason is None:
            return False
        result.set_failed(WorkerStopped(reason))
    logger.warning("Task result %s (%s) abandoned by its worker %s.", result.pk, result.task_path, worker_id)
    # As the worker would have on finishing (the task's code or backend may be gone; a receiver's error is not ours).
    with contextlib.suppress(ImportError, SuspiciousOperation, InvalidTaskBackendError, InvalidTaskError):
        task_finished.send_robust(sender=type(result.task.get_backend()), task_result=result.task_result)
    return True


def recover_abandoned_tasks(*, now=None, limit=BATCH):
    """Mark failed every run left behind by its worker (see the module docstring); ``retry_failed_tasks()`` then
    decides about it like any failure. Returns how many. Also forgets workers not heard from for a week.

    A run that cannot be marked now (the database hiccups) is logged and left for the next tick.
    """
    if not queue_installed():
        return 0
    now = now or timezone.now()
    TaskWorker.objects.filter(seen_at__lt=now - FORGOTTEN_AFTER).delete()
    running = list(results().filter(status=RUNNING).order_by("started_at").only("pk", "started_at", "worker_ids"))
    workers = TaskWorker.objects.in_bulk([last_worker(result) for result in running], field_name="worker_id")
    recovered = 0
    for result in running:
        worker_id = last_worker(result)
        if why_abandoned(result.started_at, worker_id, workers.get(worker_id), now) is None:
            continue
        try:
            recovered += abandon(result.pk, now)
        except Exception:  # keep recovering the others; this one is tried again next tick
            logger.exception("Could not recover abandoned task result %s.", result.pk)
        if recovered >= limit:
            break
    return recovered


def workers(limit=20):
    """The task workers heard from in the past week, for the staff screen: running ones first, newest first."""
    now = timezone.now()
    rows = list(TaskWorker.objects.filter(seen_at__gte=now - FORGOTTEN_AFTER).order_by("-seen_at")[:limit])
    for row in rows:
        row.state = row.state_at(now, silence())
    return sorted(rows, key=lambda row: row.state != "running")

"""Another attempt for a background task of the database queue that failed, a bounded number of times.

django-tasks and django-tasks-db (0.12) run a task once: a run that raises leaves a ``DBTaskResult`` with status
``FAILED`` and nothing runs it again (their own ``retry`` helper only retries the queue's database writes). So the
scheduler process does it: each tick calls ``recover_abandoned_tasks()`` and then ``retry_failed_tasks()``, which
decides once about every failure it has not decided yet and records the decision as a ``TaskRetry``:

- retried: the same task (path, args, kwargs, queue, priority, backend) is enqueued again as a new result, to run
  no sooner than ``TASK_RETRY_DELAY`` seconds after the failure, doubling with each attempt (60 s, 2, 4, 8 min
  by default; never more than a day);
- given up, when ``TASK_MAX_ATTEMPTS`` runs (the first one included, default 5) have failed; or at once when the
  task raised ``ObjectDoesNotExist`` (a ``Model.DoesNotExist``): the page, image or record it works on was
  deleted in the meantime, e.g. Wagtail's ``update_reference_index_task`` or modelsearch's
  ``insert_or_update_object_task`` for a deleted page. Such a run can never succeed. (With the database queue a
  task becomes visible to the worker only when the transaction that enqueued it commits, together with the
  object, so a missing object is gone for good rather than not yet committed.) Also at once when the task or its
  backend can no longer be loaded (the code was removed, the queue is no longer configured).

A run whose worker died (SIGKILL, out of memory, the machine restarted) would stay ``RUNNING`` for ever: the
worker never writes its outcome, and workers pick up ``READY`` results only. ``background.task_workers`` finds such
runs by the workers' heartbeats (or, for a worker without one, by ``TASK_RUNNING_TIMEOUT``) and marks them failed
with a ``WorkerStopped``; from then on they are failures like any other here: retried after the growing delay,
counted in the attempts, given up after ``TASK_MAX_ATTEMPTS``, and shown to staff with an explanation.

Each decision happens in one transaction that locks the failed result (``select_for_update(skip_locked=True)``)
and is guarded by the unique ``TaskRetry.failed_result_id``: two ticks at the same moment never enqueue a retry
twice, and the new result and its record are written together, so a retry is never lost either.

Staff may ask for another attempt at once from Reports → Background problems (``retry_now``): a failure not
decided yet, or given up, is enqueued to run now (one more attempt; if it fails as well, the scheduler decides
about that failure as about any other), and a retry still waiting for its delay is brought forward.
"""

import dataclasses
import datetime
import importlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_tasks.exceptions import InvalidTaskBackendError, InvalidTaskError

from records.notifications import without_addresses

from .models import TaskRetry

logger = logging.getLogger(__name__)

FAILED, READY, RUNNING, SUCCESSFUL = "FAILED", "READY", "RUNNING", "SUCCESSFUL"
MAX_DELAY = datetime.timedelta(days=1)
BATCH = 200  # failures decided per tick at most; the rest wait for the next tick
ERROR_LENGTH = 200


class NotRunnable(Exception):
    """The failed task's code or backend can no longer be loaded."""


class WorkerStopped(Exception):
    """Recorded for a run whose worker stopped while running it (killed, out of memory, machine restarted), by
    ``background.task_workers``. Never raised."""


WORKER_STOPPED = f"{WorkerStopped.__module__}.{WorkerStopped.__qualname__}"  # its exception_class_path
# Its exception_class_path too in the runs recorded before this room moved out of ``delivery``.
WORKER_STOPPED_PATHS = (WORKER_STOPPED, "delivery.task_retries.WorkerStopped")


def queue_installed():
    """Is the database queue (``django_tasks_db``) installed? Without it there are no failed results."""
    return apps.is_installed("django_tasks_db")


def results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


def max_attempts():
    return settings.TASK_MAX_ATTEMPTS


def retry_delay(attempt):
    """How long after failed run number ``attempt`` the next run may start: doubling from TASK_RETRY_DELAY."""
    seconds = settings.TASK_RETRY_DELAY * 2 ** max(attempt - 1, 0)
    return min(datetime.timedelta(seconds=seconds), MAX_DELAY)


def attempt_of(result_id):
    """Which run of its task the result ``result_id`` is: 1 for the first, 2 for its first retry, ..."""
    previous = TaskRetry.objects.filter(retry_result_id=result_id).values_list("attempt", flat=True).first()
    return (previous or 0) + 1


def resolve(path):
    """The object at a dotted path that may name a nested class (``app.models.Page.DoesNotExist``), or None."""
    parts = path.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for name in parts[split:]:
                value = getattr(value, name)
        except AttributeError:
            return None
        return value
    return None


def object_missing(exception_class_path):
    """Did the run fail because the object it works on no longer exists (an ``ObjectDoesNotExist``)?"""
    exception_class = resolve(exception_class_path)
    if isinstance(exception_class, type):
        return issubclass(exception_class, ObjectDoesNotExist)
    return exception_class_path.rsplit(".", 1)[-1] in ("DoesNotExist", "ObjectDoesNotExist")


def runnable_task(failed, run_after):
    """The failed result's task (same path, queue, priority, backend) to run no sooner than ``run_after``."""
    from django_tasks_db.backend import DatabaseBackend

    try:
        task = failed.task.using(run_after=run_after)
        backend = task.get_backend()
    except (ImportError, SuspiciousOperation, InvalidTaskBackendError, InvalidTaskError) as error:
        raise NotRunnable(failed.task_path) from error
    if not isinstance(backend, DatabaseBackend):  # it would run right here, inside the scheduler's transaction
        raise NotRunnable(failed.task_path)
    return task


def enqueue_again(failed, run_after):
    """Enqueue the failed result's task with its arguments; the new result's id (in the current transaction)."""
    task = runnable_task(failed, run_after)
    arguments = failed.args_kwargs or {}
    new = task.enqueue(*arguments.get("args", []), **arguments.get("kwargs", {}))
    return new.id


def give_up_reason(failed, attempt):
    """Why the failure ``failed`` (run number ``attempt``) is not worth another run, or None."""
    if object_missing(failed.exception_class_path):
        return TaskRetry.Reason.OBJECT_MISSING
    try:
        runnable_task(failed, None)
    except NotRunnable:
        return TaskRetry.Reason.NOT_RUNNABLE
    if attempt >= max_attempts():
        return TaskRetry.Reason.MAX_ATTEMPTS
    return None


def decide(result_id, now):
    """Decide once about the failed result ``result_id``: "retried", "given_up", or None when it is not ours to
    decide (another tick holds or has decided it, it is no longer failed). One transaction."""
    with transaction.atomic():
        failed = results().select_for_update(skip_locked=True).filter(pk=result_id, status=FAILED).first()
        if failed is None or TaskRetry.objects.filter(failed_result_id=failed.pk).exists():
            return None
        attempt = attempt_of(failed.pk)
        reason = give_up_reason(failed, attempt)
        record = TaskRetry(failed_result_id=failed.pk, task_path=failed.task_path, attempt=attempt, decided_at=now)
        if reason:
            record.outcome, record.reason = TaskRetry.Outcome.GIVEN_UP, reason
        else:
            record.outcome = TaskRetry.Outcome.RETRIED
            record.retry_result_id = enqueue_again(failed, (failed.finished_at or now) + retry_delay(attempt))
        record.save(force_insert=True)
    if reason:
        logger.warning(
            "Task result %s (%s) given up after attempt %d: %s.", failed.pk, failed.task_path, attempt, reason
        )
    return record.outcome


def retry_failed_tasks(*, now=None, limit=BATCH):
    """Decide about every failed task result not decided yet (see the module docstring).

    Returns ``{"retried": n, "given_up": m}``. A failure that cannot be decided now (the database hiccups) is
    logged and left for the next tick; the others are decided all the same.
    """
    counts = {"retried": 0, "given_up": 0}
    if not queue_installed():
        return counts
    now = now or timezone.now()
    decided = TaskRetry.objects.values("failed_result_id")
    pending = (
        results().filter(status=FAILED).exclude(pk__in=decided).order_by("finished_at").values_list("pk", flat=True)
    )
    for result_id in list(pending[:limit]):
        try:
            outcome = decide(result_id, now)
        except IntegrityError:  # another tick recorded this failure first (the unique constraint)
            continue
        except Exception:  # keep deciding about the others; this one is tried again next tick
            logger.exception("Could not decide about failed task result %s.", result_id)
            continue
        if outcome == TaskRetry.Outcome.RETRIED:
            counts["retried"] += 1
        elif outcome == TaskRetry.Outcome.GIVEN_UP:
            counts["given_up"] += 1
    return counts


def retry_now(result_id, *, user=None, now=None):
    """Staff ask for another run of a failed task at once. Returns what happened:

    ``"queued"`` (enqueued to run now: the failure was not decided yet, or was given up), ``"brought_forward"``
    (its retry was still waiting for its delay and may run now), ``"not_failed"`` (no such failed result, or its
    retry has already run or is running) or ``"not_runnable"`` (the task's code or backend is gone).
    """
    if not queue_installed():
        return "not_failed"
    now = now or timezone.now()
    try:
        with transaction.atomic():
            failed = results().select_for_update().filter(pk=result_id, status=FAILED).first()
            if failed is None:
                return "not_failed"
            record = TaskRetry.objects.select_for_update().filter(failed_result_id=failed.pk).first()
            if record is not None and record.outcome == TaskRetry.Outcome.RETRIED:
                moved = results().filter(pk=record.retry_result_id, status=READY).update(run_after=now)
                return "brought_forward" if moved else "not_failed"
            try:
                new_id = enqueue_again(failed, now)
            except NotRunnable:
                return "not_runnable"
            if record is None:
                record = TaskRetry(
                    failed_result_id=failed.pk, task_path=failed.task_path, attempt=attempt_of(failed.pk)
                )
            record.outcome, record.reason, record.retry_result_id = TaskRetry.Outcome.RETRIED, "", new_id
            record.requested_by, record.decided_at = user, now
            record.save()
    except IntegrityError:  # a scheduler tick decided about it at this very moment: that decision stands
        return "not_failed"
    logger.info("Task result %s (%s) retried at a staff request.", failed.pk, failed.task_path)
    return "queued"


def error_summary(result):
    """The exception class and the first line of its message, without email addresses, for the staff screen.

    Only these: arguments and the rest of the traceback may carry personal data.
    """
    path = result.exception_class_path or ""
    shown = path.removeprefix("builtins.")
    prefixes = (f"{shown}: ", f"{path}: ")
    first_line = ""
    for line in reversed((result.traceback or "").splitlines()):  # the exception's own line comes last
        if line in (shown, path):
            break
        prefix = next((prefix for prefix in prefixes if line.startswith(prefix)), None)
        if prefix:
            first_line = line[len(prefix) :].strip()
            break
    summary = f"{shown}: {first_line}" if first_line else shown
    summary = without_addresses(summary)
    return summary if len(summary) <= ERROR_LENGTH else summary[: ERROR_LENGTH - 1] + "…"


@dataclasses.dataclass
class FailedTask:
    """One failed task on the staff screen: the latest failed run of its task, and what happens next."""

    id: str
    task_path: str
    failed_at: datetime.datetime
    error: str
    attempt: int
    max_attempts: int
    state: str  # will_retry, will_give_up, waiting, running, succeeded, failed_again, result_gone, given_up
    reason: str = ""
    run_after: datetime.datetime | None = None
    requested_by_staff: bool = False
    worker_stopped: bool = False  # its worker stopped while running it (``WorkerStopped``, recovered by a tick)

    @property
    def task_name(self):
        return self.task_path.rsplit(".", 1)[-1]

    @property
    def can_retry(self):
        return self.state in ("will_retry", "will_give_up", "waiting", "given_up")

    @property
    def given_up(self):
        return self.state in ("will_give_up", "given_up")

    @property
    def label(self):
        """What has happened or will happen to it, in the active language."""
        reason = TaskRetry.Reason(self.reason).label if self.reason else ""
        values = {"next": self.attempt + 1, "max": self.max_attempts, "reason": reason}
        if self.state == "will_retry":
            return _("Will be retried by the scheduler: attempt %(next)d of %(max)d.") % values
        if self.state == "will_give_up":
            return _("Will be given up by the scheduler: %(reason)s.") % values
        if self.state == "given_up":
            return _("Given up: %(reason)s.") % values
        if self.state == "waiting" and self.run_after <= timezone.now():
            text = _("Retried: attempt %(next)d is queued.") % values
        elif self.state == "waiting":
            values["time"] = formats.date_format(timezone.localtime(self.run_after), "SHORT_DATETIME_FORMAT")
            text = _("Retried: attempt %(next)d waits until %(time)s.") % values
        elif self.state == "running":
            text = _("Retried: attempt %(next)d is running.") % values
        elif self.state == "succeeded":
            text = _("Retried: attempt %(next)d succeeded.") % values
        elif self.state == "failed_again":
            text = _("Retried: attempt %(next)d failed too.") % values
        else:
            text = _("Retried: attempt %(next)d; its result is no longer kept.") % values
        if self.requested_by_staff:
            text = " ".join((text, _("Retry requested by staff.")))
        return text


RETRY_STATES = {READY: "waiting", RUNNING: "running", SUCCESSFUL: "succeeded", FAILED: "failed_again"}


def failed_tasks(limit=100):
    """The failed tasks for the staff screen, newest first, one row per task: a failure whose retry failed in turn
    is shown by that later failure. Returns ``(rows, count)``; ``rows`` holds at most ``limit``."""
    if not queue_installed():
        return [], 0
    superseded = TaskRetry.objects.filter(
        outcome=TaskRetry.Outcome.RETRIED, retry_result_id__in=results().filter(status=FAILED).values("pk")
    ).values("failed_result_id")
    latest = results().filter(status=FAILED).exclude(pk__in=superseded).order_by("-finished_at")
    failures = list(latest[:limit])
    ids = [failure.pk for failure in failures]
    records = {record.failed_result_id: record for record in TaskRetry.objects.filter(failed_result_id__in=ids)}
    previous = dict(TaskRetry.objects.filter(retry_result_id__in=ids).values_list("retry_result_id", "attempt"))
    retry_ids = [record.retry_result_id for record in records.values() if record.retry_result_id]
    retries = {row["pk"]: row for row in results().filter(pk__in=retry_ids).values("pk", "status", "run_after")}
    limit_attempts = max_attempts()
    rows = []
    for failure in failures:
        attempt = previous.get(failure.pk, 0) + 1
        row = FailedTask(
            id=str(failure.pk),
            task_path=failure.task_path,
            failed_at=failure.finished_at,
            error=error_summary(failure),
            attempt=attempt,
            max_attempts=limit_attempts,
            state="will_retry",
            worker_stopped=failure.exception_class_path in WORKER_STOPPED_PATHS,
        )
        record = records.get(failure.pk)
        if record is None:
            reason = give_up_reason(failure, attempt)
            if reason:
                row.state, row.reason = "will_give_up", reason
        elif record.outcome == TaskRetry.Outcome.GIVEN_UP:
            row.state, row.reason = "given_up", record.reason
        else:
            retry = retries.get(record.retry_result_id)
            row.state = RETRY_STATES.get(retry["status"], "result_gone") if retry else "result_gone"
            row.run_after = retry["run_after"] if retry else None
            row.requested_by_staff = record.requested_by_id is not None
        rows.append(row)
    return rows, latest.count()

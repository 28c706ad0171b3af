"""The records of the background tasks: what the scheduler decided about each failed task of the database queue
(``background.task_retries``), and the task workers heard from (``background.task_workers``).

Both keep the app label they were created under, ``delivery`` (``Meta.app_label``), and its migrations
(``site/delivery/migrations``, where a change to them is migrated): their tables (``delivery_taskretry``,
``delivery_taskworker``), content types and the ``delivery.retry_task`` permission are those of every existing
database. ``delivery.models`` imports them, so that the label's ``post_migrate`` creates those permissions.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TaskRetry(models.Model):
    """One decision about one failed run of a task: run it again (``retry_result_id``) or give up.

    The ids are those of ``django_tasks_db``'s ``DBTaskResult`` rows, kept as plain UUIDs (not foreign keys) so
    this app does not depend on the queue app being installed, and so pruning old results leaves the history.
    ``failed_result_id`` is unique: a failure is decided once, even by two scheduler ticks at the same moment.
    ``attempt`` counts the runs up to and including the failed one (1: the task's first run failed).
    """

    class Outcome(models.TextChoices):
        RETRIED = "retried", _("Retried")
        GIVEN_UP = "given_up", _("Given up")

    class Reason(models.TextChoices):
        MAX_ATTEMPTS = "max_attempts", _("every attempt failed")
        OBJECT_MISSING = "object_missing", _("the object no longer exists")
        NOT_RUNNABLE = "not_runnable", _("the task can no longer be run")

    failed_result_id = models.UUIDField(_("failed task result"), unique=True)
    task_path = models.TextField(_("task"))
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True, default="")
    retry_result_id = models.UUIDField(_("retry task result"), unique=True, null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "delivery"
        verbose_name = _("task retry")
        verbose_name_plural = _("task retries")
        default_permissions = ("view",)
        permissions = [("retry_task", "Can retry failed background tasks")]

    def __str__(self):
        return f"{self.task_path} #{self.attempt} ({self.outcome})"


class TaskWorker(models.Model):
    """A worker process of the database queue (``manage.py db_worker``) and when it was last heard from: its
    heartbeat (``background.task_workers``). A run still marked running by a worker that stopped or fell silent was
    left behind; one whose worker is alive is left alone however long it takes."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=100)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last heard from"), db_index=True)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)

    class Meta:
        app_label = "delivery"
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")
        default_permissions = ()

    def __str__(self):
        return self.worker_id

    def state_at(self, now, silence):
        """``running``, ``stopped`` (it exited cleanly) or ``silent`` (not heard from for longer than ``silence``:
        killed, out of memory, its machine down)."""
        if self.stopped_at is not None:
            return "stopped"
        return "running" if self.seen_at >= now - silence else "silent"

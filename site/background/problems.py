"""A staff screen of what went wrong in the background: notification emails not sent yet, failed tasks.

Reports → "Background problems" in the Wagtail admin (for users who may view notifications). It lists the
notification emails that failed (the mail server was down, refused them) with their attempts and last
error, and the background tasks of the database queue that failed, newest first. A failed notification is
tried again by the scheduler process on each tick (``records.notifications.retry_failed``, at most
``MAX_ATTEMPTS`` times); "Try again now" queues them all at once.

A failed task is shown once, by its latest failed run (``background.task_retries.failed_tasks``): its task, when it
failed, the exception class and the first line of its message (email addresses masked), the number of runs so
far out of ``TASK_MAX_ATTEMPTS``, and what the scheduler did or will do: retry it after a growing delay (and how
that retry went), or give up (all attempts failed, or the object it works on no longer exists). A run whose worker
stopped while running it (killed, out of memory, server restarted) is counted as failed by the scheduler
(``task_workers.recover_abandoned_tasks``) and explained as such. With the database queue, the task workers heard
from in the past week are listed too: running, stopped, or silent (taken for dead), so staff see when no worker
is left to run the queue. Users who also have ``delivery.retry_task`` may retry one at once ("Retry this task
now", a POST; a given-up task gets one more run). No recipient address, task argument or traceback is shown: they
may hold personal data.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView

from records.notifications import MAX_ATTEMPTS, Notification, retry_failed
from records.screens import AdminScreen

from . import task_retries, task_workers

PERMISSION = "records.view_notification"
RETRY_PERMISSION = "delivery.retry_task"
SHOWN = 100


def failed_notifications():
    return Notification.objects.exclude(status=Notification.Status.SENT).filter(attempts__gt=0).order_by("-created_at")


class BackgroundProblemsView(AdminScreen, TemplateView):
    template_name = "background/admin/background_problems.html"
    page_title = _("Background problems")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "task" in request.POST:
            return self.retry_task(request)
        count = retry_failed()
        messages.success(
            request,
            ngettext(
                "%(count)d notification queued for another attempt.",
                "%(count)d notifications queued for another attempt.",
                count,
            )
            % {"count": count},
        )
        return redirect("background_problems")

    def retry_task(self, request):
        if not request.user.has_perm(
            RETRY_PERMISSION
        ):  # a plain 403 (Wagtail would turn PermissionDenied into a redirect)
            return permission_denied(request, PermissionDenied())
        try:
            result_id = UUID(request.POST["task"])
        except ValueError:
            outcome = "not_failed"
        else:
            outcome = task_retries.retry_now(result_id, user=request.user)
        if outcome == "queued":
            messages.success(request, gettext("The task was queued to run again now."))
        elif outcome == "brought_forward":
            messages.success(request, gettext("The task's waiting retry will run now."))
        elif outcome == "not_runnable":
            messages.error(request, gettext("This task can no longer be run, so it cannot be retried."))
        else:
            messages.error(request, gettext("This task has not failed, or has been retried already."))
        return redirect("background_problems")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notifications = failed_notifications()
        tasks, task_count = task_retries.failed_tasks(SHOWN)
        context.update(
            notifications=notifications[:SHOWN],
            notification_count=notifications.count(),
            tasks=tasks,
            task_count=task_count,
            max_attempts=MAX_ATTEMPTS,
            max_task_attempts=task_retries.max_attempts(),
            can_retry_tasks=self.request.user.has_perm(RETRY_PERMISSION),
            queue_installed=task_retries.queue_installed(),
        )
        if context["queue_installed"]:
            workers = task_workers.workers()
            context.update(workers=workers, workers_running=any(worker.state == "running" for worker in workers))
        return context

"""A staff screen of what went wrong in the background: notification emails not sent yet, failed tasks.

Reports → "Background problems" in the Wagtail admin (for users who may view notifications). It lists the
notification emails that failed (the mail server was down, refused them) with their attempts and last
error, and the background tasks of the database queue that failed, newest first. A failed notification is
tried again by the scheduler process on each tick (``records.notifications.retry_failed``, at most
``MAX_ATTEMPTS`` times); a retry from this screen queues the selected ones at once. No recipient address
is shown: staff find the record through the notification's owner.
"""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from records.notifications import MAX_ATTEMPTS, Notification, retry_failed

PERMISSION = "records.view_notification"
SHOWN = 100


def failed_notifications():
    return Notification.objects.exclude(status=Notification.Status.SENT).filter(attempts__gt=0).order_by("-created_at")


def failed_tasks():
    """Failed tasks of the database queue (empty when tasks run in process)."""
    if not apps.is_installed("django_tasks_db"):
        return []
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="FAILED").order_by("-finished_at")


class BackgroundProblemsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "delivery/admin/background_problems.html"
    page_title = _("Background problems")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
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
        return redirect("delivery_background_problems")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notifications = failed_notifications()
        tasks = failed_tasks()
        context.update(
            notifications=notifications[:SHOWN],
            notification_count=notifications.count(),
            tasks=list(tasks[:SHOWN]),
            max_attempts=MAX_ATTEMPTS,
        )
        return context

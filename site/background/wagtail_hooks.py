"""The background room's screens in the Wagtail admin: Reports → Background problems, and the permission to retry
failed background tasks there."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .problems import PERMISSION, BackgroundProblemsView


@hooks.register("register_admin_urls")
def register_background_problems_url():
    return [path("reports/background-problems/", BackgroundProblemsView.as_view(), name="background_problems")]


class BackgroundProblemsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_background_problems_menu_item():
    return BackgroundProblemsMenuItem(
        _("Background problems"), reverse("background_problems"), icon_name="warning", order=900
    )


@hooks.register("register_permissions")
def register_task_retry_permission():
    """Retrying failed background tasks (Reports → Background problems), granted to groups in Settings → Groups."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="delivery", codename="retry_task")

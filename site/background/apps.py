from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "background"
    verbose_name = _("Background tasks")

    def ready(self):
        from django.core import checks

        from .task_workers import check_heartbeat_settings

        checks.register(check_heartbeat_settings)

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "records.grants"
    label = "grants"
    verbose_name = _("Grants")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import access  # noqa: F401  (registers private-file access checks)
        from .signal_handlers import ensure_grants_groups

        post_migrate.connect(ensure_grants_groups, sender=self, dispatch_uid="grants-groups-setup")

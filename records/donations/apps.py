from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "records.donations"
    label = "donations"
    verbose_name = _("Donations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import access  # noqa: F401  (registers private-file access checks)
        from .signal_handlers import ensure_donations_groups

        post_migrate.connect(ensure_donations_groups, sender=self, dispatch_uid="donations-groups-setup")

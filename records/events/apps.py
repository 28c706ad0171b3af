from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "records.events"
    label = "events"
    verbose_name = _("Event registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import ensure_events_groups

        post_migrate.connect(ensure_events_groups, sender=self, dispatch_uid="events-groups-setup")

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        from .signal_handlers import connect_digest_feed_handlers, connect_event_handlers, ensure_editorial_setup

        post_migrate.connect(ensure_editorial_setup, sender=self, dispatch_uid="content-editorial-setup")
        connect_digest_feed_handlers()
        from .image_metadata import connect_image_metadata_handlers
        from .lookups import connect_lookup_handlers
        from .renditions import connect_rendition_handlers

        connect_lookup_handlers()
        connect_rendition_handlers()
        connect_event_handlers()
        connect_image_metadata_handlers()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = _("Delivery")

    def ready(self):
        from .signal_handlers import connect_page_cache_handlers, connect_static_site_handlers

        connect_page_cache_handlers()
        connect_static_site_handlers()

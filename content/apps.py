from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        from . import publishing
        from .signal_handlers import connect_event_handlers, ensure_editorial_setup

        post_migrate.connect(ensure_editorial_setup, sender=self, dispatch_uid="content-editorial-setup")
        publishing.connect()
        from .image_metadata import connect_image_metadata_handlers
        from .renditions import connect_rendition_handlers

        connect_rendition_handlers()
        connect_event_handlers()
        connect_image_metadata_handlers()
        self.use_readable_slugs()
        from .choosers import use_lazy_snippet_chooser_texts

        use_lazy_snippet_chooser_texts()
        from .admin_i18n import translate_derived_labels

        translate_derived_labels()
        from .stored_names import connect_translated_names

        connect_translated_names()

    @staticmethod
    def use_readable_slugs():
        """Slug fields of the admin get the slug input that fills ASCII slugs in (after Wagtail registers its own)."""
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .slug_admin import SlugInput

        register_form_field_override(models.SlugField, override={"widget": SlugInput})

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "records.recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import access  # noqa: F401  (registers the private-file access check)
        from .signal_handlers import ensure_recruitment_groups

        post_migrate.connect(ensure_recruitment_groups, sender=self, dispatch_uid="recruitment-groups-setup")

"""Reactions inside the content room."""

from django.apps import apps
from django.contrib.auth.management import create_permissions


def ensure_editorial_setup(sender, using="default", **kwargs):
    """After migrate: make sure permissions exist, then the editorial groups and workflow."""
    from .editorial import ensure_editorial_groups

    for label in ("wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs", "content", "wagtail_localize"):
        if apps.is_installed(label) or label in apps.app_configs:
            create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_editorial_groups()

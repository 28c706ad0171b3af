"""Reactions inside the events app."""

from django.apps import apps
from django.contrib.auth.management import create_permissions


def ensure_events_groups(sender, using="default", **kwargs):
    """After migrate: make sure the permissions exist, then the "Events staff" group."""
    from .roles import ensure_groups

    for label in ("wagtailadmin", "events"):
        if label in apps.app_configs:
            create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_groups()

"""Reactions inside the donations app."""

from django.apps import apps
from django.contrib.auth.management import create_permissions


def ensure_donations_groups(sender, using="default", **kwargs):
    """After migrate: make sure the permissions exist, then the "Foundation staff" group."""
    from .roles import ensure_groups

    for label in ("wagtailadmin", "donations", "content"):
        if label in apps.app_configs:
            create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_groups()

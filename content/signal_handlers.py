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


def sync_event_registrations(sender, instance=None, **kwargs):
    """An event page was published: the registrations back office takes over its details and capacity
    (a larger capacity moves the waiting list up, with an email to each one who gets a place)."""
    from records.events.services import sync_event

    sync_event(instance.event_info())


def connect_event_handlers():
    from wagtail.signals import page_published

    from .pages.events import EventPage

    page_published.connect(sync_event_registrations, sender=EventPage, dispatch_uid="events-registrations-sync")

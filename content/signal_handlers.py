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


def _is_digest_page(sender, instance=None):
    from .pages.digest import DigestIndexPage, DigestIssuePage

    digest_classes = (DigestIndexPage, DigestIssuePage)
    for model in (sender, type(instance), getattr(instance, "specific_class", None)):
        if isinstance(model, type) and issubclass(model, digest_classes):
            return True
    return False


def invalidate_digest_feeds_for_page(sender, instance=None, **kwargs):
    """A digest index or issue was published, unpublished, moved or deleted: its feeds must be rebuilt."""
    if _is_digest_page(sender, instance):
        from .feeds import invalidate_feeds

        invalidate_feeds()


def invalidate_digest_feeds(sender=None, **kwargs):
    """Something every feed may show changed (privacy, a field of medicine, a PDF edition): rebuild them."""
    from .feeds import invalidate_feeds

    invalidate_feeds()


def connect_digest_feed_handlers():
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .pages.digest import DigestIndexPage, DigestIssuePage
    from .taxonomy import FieldOfMedicine

    page_published.connect(invalidate_digest_feeds_for_page, dispatch_uid="digest-feeds-published")
    page_unpublished.connect(invalidate_digest_feeds_for_page, dispatch_uid="digest-feeds-unpublished")
    post_page_move.connect(invalidate_digest_feeds_for_page, dispatch_uid="digest-feeds-moved")
    for model in (DigestIndexPage, DigestIssuePage):
        post_delete.connect(invalidate_digest_feeds_for_page, sender=model, dispatch_uid=f"digest-feeds-del-{model}")
    for model in (PageViewRestriction, FieldOfMedicine, get_document_model()):
        post_save.connect(invalidate_digest_feeds, sender=model, dispatch_uid=f"digest-feeds-save-{model}")
        post_delete.connect(invalidate_digest_feeds, sender=model, dispatch_uid=f"digest-feeds-delete-{model}")


def sync_event_registrations(sender, instance=None, **kwargs):
    """An event page was published: the registrations back office takes over its details and capacity
    (a larger capacity moves the waiting list up, with an email to each one who gets a place)."""
    from records.events.services import sync_event

    sync_event(instance.event_info())


def connect_event_handlers():
    from wagtail.signals import page_published

    from .pages.events import EventPage

    page_published.connect(sync_event_registrations, sender=EventPage, dispatch_uid="events-registrations-sync")

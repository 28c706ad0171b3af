"""Keep the public index in step with the page tree: every change is handed to a background task."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import tasks


def on_published(sender, instance, **kwargs):
    tasks.update_pages.enqueue([instance.pk])


def on_unpublished(sender, instance, **kwargs):
    tasks.update_pages.enqueue([instance.pk])


def on_tree_changed(sender, instance, **kwargs):
    """Moved or renamed: the URLs (and maybe the privacy) of the page and all its descendants changed."""
    tasks.update_subtree.enqueue(instance.pk)


def on_page_deleted(sender, instance, **kwargs):
    """Sent for the base Page row of every deleted page, its descendants included."""
    tasks.remove_pages.enqueue([instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    """A view restriction was added, changed or lifted: the page and its descendants change audience."""
    tasks.update_subtree.enqueue(instance.page_id)


def connect():
    page_published.connect(on_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(on_tree_changed, dispatch_uid="search-page-moved")
    page_slug_changed.connect(on_tree_changed, dispatch_uid="search-page-slug-changed")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search-page-deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-deleted")

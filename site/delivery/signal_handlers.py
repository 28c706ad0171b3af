"""The delivery room's reactions to publishing: the full-page cache is purged, the static site follows.

Page cache (delivery.pagecache): publishing, unpublishing, moves, deletions and edits of menus, footers and
privacy settings purge every cached page. Static site (delivery.staticgen): every change is collected
for the current transaction and handed to one background task once it commits
(a page deleted with its children, or a bulk publish, is one update). Only when static publishing is
enabled (STATIC_BUILD_DIR set). The front server's copy (``STATIC_SITE_FRONT``, ``delivery.staticgen.front``)
follows everything that purges the page cache, and stops being served as the transaction commits, before the
task runs: nginx hands every page to Django until the task has caught up.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import pagecache
from .staticgen import front
from .staticgen.incremental import enabled

_pending = threading.local()


def _queue(changed=(), removed=(), full=False):
    if not enabled() or (full and not front.enabled()):
        return
    batch = getattr(_pending, "batch", None)
    first = batch is None
    if first:
        batch = _pending.batch = {"changed": set(), "removed": set(), "full": False}
    batch["changed"].update(changed)
    batch["removed"].update(removed)
    batch["full"] = batch["full"] or full
    if first:
        transaction.on_commit(_flush)  # outside a transaction: runs at once


def _flush():
    from .tasks import update_static_site

    batch = getattr(_pending, "batch", None)
    _pending.batch = None
    if not batch or not (batch["changed"] or batch["removed"] or batch["full"]):
        return
    if front.enabled():  # nginx stops serving the copy now; the task serves it again once it has caught up
        front.suspend(batch["changed"], batch["removed"], batch["full"])
    update_static_site.enqueue(sorted(batch["changed"]), sorted(batch["removed"]))


def on_page_changed(sender, instance, **kwargs):
    """Published, unpublished, moved or renamed."""
    _queue(changed=[instance.pk])


def on_page_deleted(sender, instance, **kwargs):
    """Sent for the base Page row of every deleted page, its descendants included."""
    _queue(removed=[instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    """A page became private or public again: it and its subtree appear in or leave the static site."""
    _queue(changed=[instance.page_id])


def connect_static_site_handlers():
    page_published.connect(on_page_changed, dispatch_uid="delivery-static-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="delivery-static-unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="delivery-static-moved")
    page_slug_changed.connect(on_page_changed, dispatch_uid="delivery-static-slug-changed")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="delivery-static-deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="delivery-static-restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="delivery-static-unrestricted")


# -- the full-page cache -----------------------------------------------------------------------------------------
def purge_page_cache(sender=None, **kwargs):
    """Listings, menus and language switchers of other pages change too: forget every cached page."""
    if pagecache.enabled():
        pagecache.purge()


def rebuild_front_site(sender=None, **kwargs):
    """A snippet, image, document, site or locale changed: any page may show it, so the front server's copy is
    withdrawn at once and built again (pages changing are followed page by page, above)."""
    _queue(full=True)


def connect_page_cache_handlers():
    """Pages, and everything pages show: menus, footers and other snippets, images, documents, privacy, sites."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site

    from content.models import EventSeries, FieldOfMedicine, Footer, MainMenu, Person, Topic

    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished"), (post_page_move, "moved")):
        signal.connect(purge_page_cache, dispatch_uid=f"delivery-pagecache-{name}")
    post_delete.connect(purge_page_cache, sender=Page, dispatch_uid="delivery-pagecache-deleted")
    snippets = {MainMenu, Footer, Person, Topic, EventSeries, FieldOfMedicine}
    models = {*snippets, get_image_model(), get_document_model(), PageViewRestriction, Site, Locale}
    for model in models:
        label = model._meta.label_lower
        post_save.connect(purge_page_cache, sender=model, dispatch_uid=f"delivery-pagecache-save-{label}")
        post_delete.connect(purge_page_cache, sender=model, dispatch_uid=f"delivery-pagecache-del-{label}")
        if model is not PageViewRestriction:  # followed page by page (connect_static_site_handlers)
            post_save.connect(rebuild_front_site, sender=model, dispatch_uid=f"delivery-front-save-{label}")
            post_delete.connect(rebuild_front_site, sender=model, dispatch_uid=f"delivery-front-del-{label}")

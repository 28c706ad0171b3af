"""search.index: what enters the public index, and keeping it current.

Only live pages without a view restriction (on themselves or an ancestor), reachable under a site, and
not opted out (search_exclude = True) are indexed. Nothing else is: drafts, private pages, records.
"""

import logging

from django.utils import timezone
from wagtail.models import Page

from .engines import get_engine
from .extract import page_document

logger = logging.getLogger(__name__)

BATCH = 200
# Rooms whose models never enter the public index, whatever they are (by the app's module: records.grants, ...).
EXCLUDED_ROOMS = {"records"}


def indexable_pages():
    """Every page that may be in the public index (base Page queryset, in tree order)."""
    return Page.objects.live().public().filter(depth__gt=1).order_by("path")


def indexable_model(model):
    """Whether pages of this type may enter the index (not of an excluded room, not opted out)."""
    room = model._meta.app_config.name.split(".")[0]
    return not (room in EXCLUDED_ROOMS or getattr(model, "search_exclude", False))


def _allowed(page):
    specific_class = page.specific_class
    return specific_class is not None and indexable_model(specific_class)


def _documents(pages):
    """DocumentData for the pages that have a URL (pages outside any site have none)."""
    documents = []
    for page in pages:
        if not _allowed(page):
            continue
        try:
            url = page.get_url()
        except Exception:  # a page whose URL cannot be worked out is not findable: skip it, never fail indexing
            logger.exception("search: no URL for page %s", page.pk)
            url = None
        if not url:
            continue
        documents.append(page_document(page, url=url))
    return documents


def update(page):
    """Index a page if it may be indexed, otherwise remove it."""
    return update_ids([page.pk])


def remove(page):
    remove_ids([page.pk if hasattr(page, "pk") else page])


def update_ids(page_ids):
    """Bring the index in line for these page ids; returns how many were indexed."""
    page_ids = list(dict.fromkeys(int(i) for i in page_ids))
    if not page_ids:
        return 0
    engine = get_engine()
    indexed = 0
    for start in range(0, len(page_ids), BATCH):
        chunk = page_ids[start : start + BATCH]
        pages = list(indexable_pages().filter(pk__in=chunk).specific())
        documents = _documents(pages)
        engine.index(documents)
        indexed += len(documents)
        kept = {d.page_id for d in documents}
        gone = [i for i in chunk if i not in kept]
        if gone:
            engine.delete(gone)
    return indexed


def update_subtree(page_id):
    """Re-index a page and its descendants, dropping those that may no longer be indexed."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        remove_ids([page_id])
        return 0
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    return update_ids(ids)


def follow_change(data):
    """Bring the index in line with a ``content.publishing.PublicChange`` (as plain data): the pages changed, the
    subtrees moved, renamed or made private or public, the pages deleted, and the pages that show a changed
    snippet, image or document. Returns how many were indexed."""
    from content.publishing import PublicChange, pages_showing

    change = PublicChange.from_data(data)
    ids = set(change.pages) | pages_showing(change)
    gone = set(change.deleted)
    for root in change.subtrees:
        page = Page.objects.filter(pk=root).first()
        if page is None:
            gone.add(root)
        else:
            ids.update(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    remove_ids(sorted(gone))
    return update_ids(sorted(ids - gone))


def remove_ids(page_ids):
    page_ids = [int(i) for i in page_ids]
    if page_ids:
        get_engine().delete(page_ids)


def iter_documents(batch=BATCH):
    """DocumentData of every indexable page, read in batches."""
    ids = list(indexable_pages().values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        pages = indexable_pages().filter(pk__in=chunk).specific()
        yield from _documents(pages)


def rebuild(progress=None):
    """Rebuild the whole index from the page tree; returns the number of documents.

    progress(n) is called as documents are written. Pages published during the rebuild are indexed again
    at the end, so nothing published meanwhile is lost.
    """
    started = timezone.now()
    count = get_engine().rebuild(iter_documents(), progress=progress)
    changed = Page.objects.filter(last_published_at__gte=started).values_list("pk", flat=True)
    if changed:
        update_ids(list(changed))
    return count


def total_indexable():
    return indexable_pages().count()

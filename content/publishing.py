"""The one publish pipeline: what changed in the public output, told once per transaction, and the one generation
that every cache of public output reads.

While a transaction runs, ``record_*`` (connected in ``connect()``) collect what changes the public site:

- pages published, unpublished or made an alias (``pages``); moved, renamed or made private or public again, with
  everything below them (``subtrees``); deleted, each one of a deleted subtree (``deleted``);
- saves and deletions of the other models pages show (``objects``, ``{model label: ids}``; ``images`` and
  ``documents`` apart). That set is derived, never listed by hand (``public_models``): every snippet registered
  with Wagtail, every site setting, Wagtail's image and document models, sites and locales, and every model a
  page type (or a part of one, such as an event's speakers) points to, wherever it lives.

The first change of a transaction moves the generation on at once (requests of the same transaction see it) and
asks for ``flush`` when the transaction commits: the generation moves on again (what another process kept from
before the commit is forgotten) and ONE ``public_content_changed`` signal is sent, with a ``PublicChange``. A
transaction that rolls back sends nothing. Outside a transaction each change is its own.

The generation (``current_generation``) is the only one the caches of public output read: the lookups
(``content.lookups``), the page fragments (``content.fragments``), the digest feeds
(``content.pages.digest.feeds``) and the full-page cache (``delivery.pagecache``). Other rooms react through
the signal: ``search`` updates its index,
``delivery`` the static site; this room knows neither of them.
"""

import logging
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent once per committed transaction that changed public output: ``change`` (a PublicChange).
public_content_changed = Signal()

GENERATION_KEY = "content:public:generation"
CHANGED_AT_KEY = "content:public:changed-at"  # when the generation last moved on (seconds), for Last-Modified
# The generation is read from the shared cache once per request (``request_started``) and at least every second
# outside requests, so a change through any process is seen by the next request of every process.
GENERATION_TTL = 1.0
_local = threading.local()


# -- the generation -----------------------------------------------------------------------------------------------
def bump(sender=None, **kwargs):
    """Move the generation on: every cache of public output forgets what it kept (all languages, every process)."""
    try:
        cache.set_many({GENERATION_KEY: time.time_ns(), CHANGED_AT_KEY: int(time.time())}, timeout=None)
    except Exception:  # the cache being down must not fail a publish; nothing kept can be served meanwhile
        logger.exception("Public content: could not move the cache generation on.")
    forget_generation()


def forget_generation(sender=None, **kwargs):
    """Read the generation again at its next use (connected to ``request_started``)."""
    _local.generation = None


def current_generation():
    """The current generation, a part of every key of kept public output; None while the shared cache cannot be
    reached (then nothing may be kept: no one could tell this process to forget it)."""
    known = getattr(_local, "generation", None)
    if known is not None and time.monotonic() - known[1] < GENERATION_TTL:
        return known[0]
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            generation = cache.get(GENERATION_KEY)
    except Exception:
        logger.exception("Public content: could not read the cache generation.")
        generation = None
    if generation is None:
        return None
    _local.generation = (generation, time.monotonic())
    return generation


def changed_at():
    """When public content last changed (seconds since the epoch; 0 when not known)."""
    try:
        return int(cache.get(CHANGED_AT_KEY) or 0)
    except Exception:
        return 0


# -- what changed -------------------------------------------------------------------------------------------------
@dataclass
class PublicChange:
    """What one transaction changed in the public output."""

    pages: set = field(default_factory=set)
    subtrees: set = field(default_factory=set)
    deleted: set = field(default_factory=set)
    objects: dict = field(default_factory=dict)  # {model label: {ids}}, images and documents excepted
    images: set = field(default_factory=set)
    documents: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.pages or self.subtrees or self.deleted or self.objects or self.images or self.documents)

    @property
    def page_ids(self):
        """Pages changed in place or at the top of a changed subtree (deleted ones excepted)."""
        return (self.pages | self.subtrees) - self.deleted

    @property
    def shown_elsewhere(self):
        """Whether something other than pages changed (a snippet, an image, ...): any page may show it."""
        return bool(self.objects or self.images or self.documents)

    def as_data(self):
        """The change as plain data (JSON) for a background task; ``PublicChange.from_data`` reads it back."""
        return {
            "pages": sorted(self.pages),
            "subtrees": sorted(self.subtrees),
            "deleted": sorted(self.deleted),
            "objects": {label: sorted(ids, key=str) for label, ids in sorted(self.objects.items())},
            "images": sorted(self.images),
            "documents": sorted(self.documents),
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            pages=set(data.get("pages", ())),
            subtrees=set(data.get("subtrees", ())),
            deleted=set(data.get("deleted", ())),
            objects={label: set(ids) for label, ids in (data.get("objects") or {}).items()},
            images=set(data.get("images", ())),
            documents=set(data.get("documents", ())),
        )


@lru_cache(maxsize=1)
def public_models():
    """``{model: kind}`` of the models besides pages whose rows the public site shows (kind: "images",
    "documents" or "objects"). Derived from the registries and the page types, so that a snippet, a setting or a
    model a page points to is followed wherever it is defined, from the day it is added."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from modelcluster.fields import ParentalKey
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, Revision, Site
    from wagtail.snippets.models import get_snippet_models

    found = dict.fromkeys(get_snippet_models(), "objects")
    if apps.is_installed("wagtail.contrib.settings"):
        from wagtail.contrib.settings.registry import registry

        found.update((model, "objects") for model in registry)
    found.update({Site: "objects", Locale: "objects"})
    # What page types point to, and what their parts (the rows a page holds through a ParentalKey) point to.
    holders = [model for model in apps.get_models() if issubclass(model, Page)]
    holders += [
        model
        for model in apps.get_models()
        if any(
            isinstance(f, ParentalKey) and isinstance(f.related_model, type) and issubclass(f.related_model, Page)
            for f in model._meta.get_fields()
        )
    ]
    never = (Page, Revision, ContentType, get_user_model())
    for holder in holders:
        for model_field in holder._meta.get_fields():
            related = getattr(model_field, "related_model", None)
            if not (model_field.concrete and model_field.is_relation and isinstance(related, type)):
                continue
            if isinstance(model_field, ParentalKey) or issubclass(related, never):
                continue
            found.setdefault(related._meta.concrete_model, "objects")
    found[get_image_model()] = "images"
    found[get_document_model()] = "documents"
    return found


# -- collecting during a transaction ------------------------------------------------------------------------------
class _Batch:
    """The changes of one transaction; called when it commits."""

    def __init__(self):
        self.change = PublicChange()

    def __call__(self):
        flush(self.change)


def _batch():
    """The current transaction's batch, started (and its flush asked for) by the first change."""
    connection = transaction.get_connection()
    batch = getattr(_local, "batch", None)
    in_transaction = batch is not None and connection.in_atomic_block
    if in_transaction and any(entry[1] is batch for entry in connection.run_on_commit):
        return batch, False
    batch = _Batch()
    _local.batch = batch
    return batch, True


def _record(**kinds):
    batch, first = _batch()
    change = batch.change
    for kind, values in kinds.items():
        if kind == "objects":
            for label, ids in values.items():
                change.objects.setdefault(label, set()).update(ids)
        else:
            getattr(change, kind).update(values)
    bump()  # requests inside the transaction see the change at once
    if first:
        _when_committed(batch)


def _when_committed(batch):
    """Run ``batch`` when the current transaction commits (outside a transaction: at once)."""
    transaction.on_commit(batch)


def flush(change):
    """The transaction committed: move the generation on and tell the rooms that react."""
    if getattr(_local, "batch", None) is not None and _local.batch.change is change:
        _local.batch = None
    if not change:
        return
    bump()
    public_content_changed.send(sender=PublicChange, change=change)


def record_page(sender, instance, **kwargs):
    """Published or unpublished."""
    _record(pages={instance.pk})


def record_subtree(sender, instance, **kwargs):
    """Moved or renamed: the URLs of the page and of everything below it changed."""
    _record(subtrees={instance.pk})


def record_save(sender, instance, created=False, raw=False, **kwargs):
    from wagtail.models import Page, PageViewRestriction

    if raw:  # fixtures being loaded
        return
    if sender is PageViewRestriction:
        _record(subtrees={instance.page_id})  # the page and its subtree change audience
    elif isinstance(instance, Page):
        if instance.alias_of_id is not None:  # an alias follows its source's restrictions
            _record(pages={instance.pk})
    else:
        kind = public_models().get(sender)
        if kind is not None:
            _record_object(kind, sender, instance.pk)


def record_delete(sender, instance, **kwargs):
    from wagtail.models import Page, PageViewRestriction

    if sender is Page:  # sent for the base row of every deleted page, its descendants included
        _record(deleted={instance.pk})
    elif sender is PageViewRestriction:
        _record(subtrees={instance.page_id})
    else:
        kind = public_models().get(sender)
        if kind is not None:
            _record_object(kind, sender, instance.pk)


def _record_object(kind, model, pk):
    if kind == "objects":
        _record(objects={model._meta.label_lower: {pk}})
    else:
        _record(**{kind: {pk}})


def pages_showing(change):
    """Ids of the pages that point to the snippets, images and documents of ``change``: Wagtail's reference index
    (fields, StreamField choosers, rich-text links and the parts of a page) and the pages' many-to-many fields
    (a white paper's topics), which that index does not hold."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, ReferenceIndex

    wanted = [(apps.get_model(label), ids) for label, ids in change.objects.items()]
    wanted += [(get_image_model(), change.images), (get_document_model(), change.documents)]
    page_type = ContentType.objects.get_for_model(Page)
    found = set()
    for model, ids in wanted:
        if not ids:
            continue
        content_type = ContentType.objects.get_for_model(model)
        rows = ReferenceIndex.objects.filter(
            to_content_type=content_type, to_object_id__in=[str(pk) for pk in ids], base_content_type=page_type
        ).values_list("object_id", flat=True)
        found.update(int(pk) for pk in rows)
        for page_model in apps.get_models():
            if not issubclass(page_model, Page):
                continue
            for model_field in page_model._meta.local_many_to_many:
                if model_field.related_model is model:
                    pages = page_model.objects.filter(**{f"{model_field.name}__in": ids})
                    found.update(pages.values_list("pk", flat=True))
    return found


def connect():
    """Collect every change of public output (called from ``ContentConfig.ready``)."""
    from django.core.signals import request_started
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    request_started.connect(forget_generation, dispatch_uid="content-public-generation-request")
    page_published.connect(record_page, dispatch_uid="content-public-published")
    page_unpublished.connect(record_page, dispatch_uid="content-public-unpublished")
    post_page_move.connect(record_subtree, dispatch_uid="content-public-moved")
    page_slug_changed.connect(record_subtree, dispatch_uid="content-public-slug-changed")
    post_save.connect(record_save, dispatch_uid="content-public-saved")
    post_delete.connect(record_delete, dispatch_uid="content-public-deleted")

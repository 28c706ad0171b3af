"""The reference index and the admin search index of the demo load: each object indexed once, not on every save.

Wagtail updates its reference index (``wagtail.signal_handlers.update_reference_index_on_save``) and modelsearch
its search index (``modelsearch.signal_handlers.post_save_signal_handler``) after every save, through tasks that
the immediate backend runs there and then; the demo saves most pages several times (created, revised, published,
translated), so most of that work was thrown away by the next save. Inside ``deferred_indexing()`` the saves are
only noted, and each noted object is indexed once from its saved state by the same task functions:

- before anything is deleted (so that removing the references of and to the deleted object works on an index as
  complete as it would have been), when ``flush_references()`` is called (the loaders that look up the references
  to a page), and at the end of the block: the reference index;
- at the end of the block: the search index (deletions still remove their entries at once, as before).

The indexes are then what the per-save updates would have left: each object's entry is made from its last saved
state, which is what the last of its per-save updates used (the loader changes indexed content only by saving);
the one exception, the search backend's title_norm weight, is explained at DEFER_SEARCH_INDEX.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler as search_on_save
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

# The search index's entries are the same either way (title, body, autocomplete) except for one ranking weight of
# the PostgreSQL backend, title_norm: "average title length / this title's length", the average taken when the
# entry is written, so per-save indexing leaves values that depend on the order of the saves (0.489 instead of 0.506
# for one digest image, say), and rebuild_search_index (which `make demo` runs next) recomputes them all anyway.
# False keeps the per-save search indexing (about a sixth of the load's time).
DEFER_SEARCH_INDEX = True

_pending = None  # the open deferred_indexing() block's noted objects, or None outside one


class _Pending:
    def __init__(self):
        self.references = {}  # (app_label, model_name, pk) -> None: an ordered set
        self.search = {}
        self.search_models = {
            model
            for model in search_index.get_indexed_models()
            if DEFER_SEARCH_INDEX and getattr(model, "search_auto_update", True)
        }
        self.reference_models = set(ReferenceIndex.tracked_models)

    def flush_references(self):
        _drain(self.references, update_reference_index_task.func)

    def flush_search(self):
        _drain(self.search, insert_or_update_object_task.func)


def _drain(keys, index):
    """Index each noted object once, in the order noted (keys may be noted again while indexing)."""
    while keys:
        key = next(iter(keys))
        del keys[key]
        try:
            index(*key)
        except apps.get_model(*key[:2]).DoesNotExist:  # saved, then deleted: nothing left to index
            pass


def _key(instance):
    return (instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def _note_save(sender, instance, raw=False, **kwargs):
    if _pending is None or raw:
        return
    if sender in _pending.reference_models:
        _pending.references[_key(instance)] = None
    if sender in _pending.search_models:
        _pending.search[_key(instance)] = None


def _before_delete(sender, instance, **kwargs):
    if _pending is not None and _pending.references:
        _pending.flush_references()


def _after_delete(sender, instance, **kwargs):
    """What wagtail's remove_reference_index_on_delete does, which disable_reference_index_auto_update() stops."""
    if _pending is not None and sender in _pending.reference_models:
        with transaction.atomic():
            ReferenceIndex.remove_for_object(instance)
            ReferenceIndex.remove_references_to(instance)


def in_deferred_indexing():
    return _pending is not None


def flush_references():
    """Bring the reference index up to date with every save made so far in the open deferred_indexing() block."""
    if _pending is not None:
        _pending.flush_references()


@contextmanager
def deferred_indexing():
    """Index each object saved in the block once (reference index and search index) instead of on every save."""
    global _pending
    if _pending is not None:  # nested: the outer block indexes
        yield
        return
    pending = _Pending()
    for model in pending.search_models:
        post_save.disconnect(search_on_save, sender=model)
    # Connected per model, as the handlers they stand in for are: a receiver for every model would keep Django
    # from deleting rows in bulk (the reference index's own among them).
    for model in pending.search_models | pending.reference_models:
        post_save.connect(_note_save, sender=model)
    for model in pending.reference_models:
        pre_delete.connect(_before_delete, sender=model)
        post_delete.connect(_after_delete, sender=model)
    _pending = pending
    try:
        with disable_reference_index_auto_update():
            yield
            pending.flush_references()
    finally:
        _pending = None
        for model in pending.search_models | pending.reference_models:
            post_save.disconnect(_note_save, sender=model)
        for model in pending.reference_models:
            pre_delete.disconnect(_before_delete, sender=model)
            post_delete.disconnect(_after_delete, sender=model)
        for model in pending.search_models:
            post_save.connect(search_on_save, sender=model)
    pending.flush_search()

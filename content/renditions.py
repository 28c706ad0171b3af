"""Image renditions for the public templates, remembered in each process.

Wagtail's image tags parse every filter spec again on each render (``Filter.operations`` inspects each
operation's signature) and look each image's renditions up in the cache, then write them back, on every page
view: several milliseconds per ``{% picture %}``. Here a spec is parsed once per process (``filter_for``), and a
rendition once found is remembered in the process under Wagtail's own cache key parts: the image's id, its
file hash (a new file is a new key) and the filter's focal-point key (a moved focal point is a new key), plus
the spec. A rendition deleted without its image changing (``wagtail_update_image_renditions --purge-only``) is
forgotten by this process at once and by the others within ``RENDITION_MEMO_SECONDS``. Misses go through
Wagtail's ``get_renditions`` unchanged (cache, database, creation; a missing source file gives Wagtail's
"not found" rendition, which is not remembered).

The HTML of a tag (``html_for``) is remembered as well, under everything it is made of: the renditions' files and
sizes, the image's id, title and description (the default alt text) and the tag's attributes.
"""

import copy
import threading
import time

from django.conf import settings
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

NOT_FOUND = "not-found"  # the file name of Wagtail's rendition for a missing source image
_filters = {}
_memo = {}
_MEMO_MAX = 20000
_html = {}
_HTML_MAX = 5000
_lock = threading.Lock()


def memo_seconds():
    return getattr(settings, "RENDITION_MEMO_SECONDS", 600)


def filter_for(spec):
    """The ``Filter`` of ``spec``, parsed once per process (its operations are cached on the instance)."""
    found = _filters.get(spec)
    if found is None:
        found = _filters[spec] = Filter(spec=spec)
    return found


def _key(image, filter):
    return (image.pk, image.file_hash, filter.get_cache_key(image), filter.spec)


def renditions(image, specs):
    """``{spec: rendition}`` of ``image`` for each spec, in order, like Wagtail's ``get_renditions_or_not_found``."""
    filters = [filter_for(spec) for spec in specs]
    now = time.monotonic()
    found, missing = {}, []
    for filter in filters:
        remembered = _memo.get(_key(image, filter))
        if remembered is not None and remembered[0] > now:
            found[filter.spec] = _for_image(remembered[1], image)
        else:
            missing.append(filter)
    if missing:
        fresh = get_renditions_or_not_found(image, missing)
        expires = now + memo_seconds()
        with _lock:
            if len(_memo) + len(fresh) > _MEMO_MAX:
                _memo.clear()
            for filter in missing:
                rendition = fresh[filter.spec]
                found[filter.spec] = rendition
                if rendition.file.name != NOT_FOUND:  # not Wagtail's placeholder for a missing source file
                    _memo[_key(image, filter)] = (expires, copy.copy(rendition))
    return {filter.spec: found[filter.spec] for filter in filters}


def _for_image(rendition, image):
    """A copy of a remembered rendition bound to this request's image (its alt text, its collection)."""
    rendition = copy.copy(rendition)
    rendition.image = image
    return rendition


def html_for(kind, image, found, attrs, build):
    """The HTML of an image tag of ``kind`` showing ``found`` ({spec: rendition}) of ``image`` with ``attrs``:
    ``build()``, remembered under what it is made of (a new rendition file or size, title or attribute is a new
    key)."""
    key = (
        kind,
        image.pk,
        image.title,
        getattr(image, "description", ""),
        tuple((spec, rendition.file.name, rendition.width, rendition.height) for spec, rendition in found.items()),
        tuple(sorted((name, str(value)) for name, value in attrs.items())),
    )
    html = _html.get(key)
    if html is None:
        html = build()
        with _lock:
            if len(_html) >= _HTML_MAX:
                _html.clear()
            _html[key] = html
    return html


def forget(sender=None, instance=None, **kwargs):
    """Forget this process's renditions of ``instance``'s image (connected to rendition deletion), or all."""
    with _lock:
        _html.clear()
        if instance is None:
            _memo.clear()
            return
        for key in [key for key in _memo if key[0] == instance.image_id]:
            _memo.pop(key, None)


def connect_rendition_handlers():
    from django.db.models.signals import post_delete
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    post_delete.connect(forget, sender=rendition_model, dispatch_uid="content-renditions-forget")

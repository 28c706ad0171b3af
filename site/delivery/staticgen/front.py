"""The front server's copy of the public pages: served by nginx only while it is exactly what Django would answer.

With ``STATIC_SITE_FRONT`` on, the static site at ``STATIC_BUILD_DIR`` is built in front mode (``build_site(...,
front=True)``: each page as Django renders it for an anonymous visitor, and only the pages Django's answer to
whom could be kept for everyone) and nginx serves it from ``<STATIC_BUILD_DIR>.live``, a symbolic link to the
build folder (``delivery.frontserver``). Any file nginx does not find goes to Django.

A change must show at once, on every page it touches, before any background task has run. So whatever changes
public content (a page published, unpublished, moved, deleted or made private; a menu, footer, snippet, image,
document, site or locale saved or deleted) *suspends* the copy as its transaction commits: ``suspend`` removes
the ``.live`` link (one ``unlink``, atomic) and notes the change, with a new generation number, in
``<STATIC_BUILD_DIR>.builds/front-state``. From then on nginx finds no file and every page is Django's (with its
page cache) until ``refresh`` (the ``update_static_site`` background task) has brought the copy in line with
every change noted so far (the incremental update for pages, a full build for anything else) and, when no
change came meanwhile, links ``.live`` to it again. Two refreshes may run at once (two task workers): each
takes the changes noted when it starts and links the copy only if no change was noted since, so a copy that
misses a change is never served.

The state file and its lock live next to the builds, on the machine's own disk: the copy is one machine's (the
one-machine topology). With several app servers, leave ``STATIC_BUILD_DIR`` unset on them: a change made
through one could not withdraw another machine's files at once (README, "Production topology").
"""

import fcntl
import json
import logging
import os
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings

from .storage import SiteStore, write_file

logger = logging.getLogger(__name__)


def enabled():
    return bool(settings.STATIC_BUILD_DIR) and getattr(settings, "STATIC_SITE_FRONT", False)


def live_link(output=None):
    """The path nginx serves the pages from: ``<STATIC_BUILD_DIR>.live``."""
    output = Path(os.path.abspath(output or settings.STATIC_BUILD_DIR))
    return output.parent / f"{output.name}.live"


def _state_path(store):
    return store.builds / "front-state"  # (not *.json: a build's manifest, pruned with it)


@contextmanager
def _state(output=None):
    """The state file, locked: ``{"generation": n, "pending": [{"generation", "changed", "removed", "full"}]}``."""
    store = SiteStore(output or settings.STATIC_BUILD_DIR)
    store.builds.mkdir(parents=True, exist_ok=True)
    with open(store.builds / ".front-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            path = _state_path(store)
            try:
                state = json.loads(path.read_text("utf-8"))
            except (FileNotFoundError, ValueError):
                state = {"generation": 0, "pending": []}
            before = json.dumps(state, sort_keys=True)
            yield store, state
            if json.dumps(state, sort_keys=True) != before:
                write_file(path, json.dumps(state, separators=(",", ":")).encode("utf-8"))
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def suspend(changed=(), removed=(), full=False, output=None):
    """Stop nginx serving the copy (at once) and note what changed for the next ``refresh``; returns the new
    generation. Cheap: a lock, a small file, one unlink."""
    with _state(output) as (store, state):
        state["generation"] += 1
        entry = {"generation": state["generation"], "changed": sorted(set(map(int, changed)))}
        entry.update(removed=sorted(set(map(int, removed))), full=bool(full))
        state["pending"].append(entry)
        _unlink(live_link(store.output))
        return state["generation"]


def _unlink(link):
    with suppress(FileNotFoundError):
        os.unlink(link)


def _link(link, folder):
    """Point ``link`` at ``folder`` in one rename (nginx sees the old target or the new one, never none)."""
    temporary = link.parent / f".{link.name}.{os.getpid()}.tmp"
    _unlink(temporary)
    temporary.symlink_to(os.path.relpath(folder, link.parent), target_is_directory=True)
    os.replace(temporary, link)


def refresh(full=False, output=None, stream=None):
    """Bring the copy in line with every change noted so far, then serve it again unless a change came meanwhile.

    ``full`` (or a noted change that asks for it, or no build yet): a full build into a new folder; otherwise the
    incremental update of the pages noted. Returns ``(done, served, summary)``: what was done (``"full"``,
    ``"pages"`` or ``"nothing"``), whether the copy is served again, and the BuildSummary (or None)."""
    from .build import build_site, served_manifest
    from .incremental import update_pages

    output = output or settings.STATIC_BUILD_DIR
    store = SiteStore(output)
    with _state(output) as (_store, state):
        generation = state["generation"]
        taken = [entry for entry in state["pending"] if entry["generation"] <= generation]
    _folder, manifest = served_manifest(output)
    front_build = bool(manifest and manifest.get("front"))  # a portable build there is replaced, never served
    full = full or not front_build or any(entry["full"] for entry in taken)
    summary = None
    if full:
        summary = build_site(output=output, workers=settings.STATIC_BUILD_WORKERS, stream=stream, front=True)
        done = "full"
    elif taken:
        changed = {pk for entry in taken for pk in entry["changed"]}
        removed = {pk for entry in taken for pk in entry["removed"]}
        summary = update_pages(sorted(changed), sorted(removed), output=output)
        done = "pages"
    else:
        done = "nothing"
    with _state(output) as (_store, state):
        state["pending"] = [entry for entry in state["pending"] if entry["generation"] > generation]
        served = state["generation"] == generation and store.current() is not None
        if served:
            _link(live_link(store.output), store.current())
    return done, served, summary

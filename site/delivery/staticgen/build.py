"""A full build of the static site: every live public page of every language, the files around them,
written into a new folder that replaces the served one only once it is complete."""

import multiprocessing
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import assets, extras
from .progress import Progress
from .render import Renderer, attach_locales, build_caches
from .storage import SiteStore, read_manifest, write_manifest, write_new

CHUNK = 100  # pages per unit of work handed to a worker process


class BuildError(Exception):
    """Bad options: a clear message, nothing written."""


@dataclass
class BuildSummary:
    pages: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    output: str = ""
    written: list = field(default_factory=list)  # incremental updates: the files rewritten
    removed: list = field(default_factory=list)  # incremental updates: the files deleted
    broken_links: list = field(default_factory=list)

    @property
    def pages_per_second(self):
        return self.pages / self.seconds if self.seconds else 0.0

    def line(self):
        return (
            f"Static site: {self.pages} pages, {self.files} files, {self.bytes / 1_000_000:.1f} MB "
            f"in {self.seconds:.1f} s ({self.pages_per_second:.0f} pages/s) -> {self.output}"
        )


def clean_base_url(value):
    """An origin such as https://www.example.org (a path prefix is refused: pages link from the root)."""
    value = (value or "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query or parts.fragment:
        raise BuildError(
            _("The base URL must be an origin such as https://www.example.org (no path), not “%(value)s”.")
            % {"value": value}
        )
    return value


@contextmanager
def build_settings(base_url):
    """Render on the static site's base URL, with a cache of the build's own.

    Absolute URLs (canonical, hreflang, feeds, sitemap) are built on settings.SITE_BASE_URL. Feeds, feed
    links, menus and lookups are cached with those URLs (and pages here are rendered in their static
    variant): a private cache keeps them from leaking into the dynamic site's cache, and back.
    """
    private = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}}
    host = urlsplit(base_url).hostname
    changes = {"CACHES": private, "ALLOWED_HOSTS": [*settings.ALLOWED_HOSTS, host]}  # the requests built here
    if base_url != settings.SITE_BASE_URL:
        changes["SITE_BASE_URL"] = base_url
    with override_settings(**changes):
        try:
            yield
        finally:
            caches["default"].clear()


def live_page_ids(renderer):
    """The pages to write, in tree order."""
    return list(Page.objects.filter(pk__in=list(renderer.urls)).order_by("path").values_list("pk", flat=True))


def _in_memory_database():
    database = connections["default"].settings_dict
    name = str(database.get("TEST", {}).get("NAME") or database.get("NAME") or "")
    return database["ENGINE"].endswith("sqlite3") and (name == ":memory:" or "mode=memory" in name or not name)


# -- rendering pages (in this process or in worker processes) -------------------------------------------------
_worker = {}


def _init_worker(base_url, dynamic_origin, folder, front=False):
    _worker["renderer"] = Renderer(base_url, dynamic_origin, front=front)
    _worker["folder"] = Path(folder)
    _worker["caches"] = build_caches()
    _worker["caches"].__enter__()  # for the life of the worker process


def render_chunk(page_ids, renderer=None, folder=None):
    """Render some pages and write their files; returns [(page id, {path: size}, assets, search entry)]."""
    renderer = renderer or _worker["renderer"]
    folder = Path(folder or _worker["folder"])
    results = []
    pages = attach_locales(list(Page.objects.filter(pk__in=page_ids).order_by("path").specific()))
    for page in pages:
        rendered = renderer.render_page(page)
        sizes = {}
        for path, body in rendered.files.items():
            write_new(folder / path, body)
            sizes[path] = len(body)
        results.append((page.pk, sizes, rendered.assets, rendered.search_entry, rendered.pagination))
    return results


def _render_all(renderer, page_ids, folder, workers, progress):
    chunks = [page_ids[i : i + CHUNK] for i in range(0, len(page_ids), CHUNK)]
    if workers <= 1 or len(chunks) < 2 or _in_memory_database():
        for chunk in chunks:
            results = render_chunk(chunk, renderer, folder)
            progress.advance(len(results))
            yield from results
        return
    connections.close_all()  # each worker opens its own connection
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(renderer.base_url, renderer.dynamic_origin, str(folder), renderer.front),
    ) as pool:
        for results in pool.map(render_chunk, chunks):
            progress.advance(len(results))
            yield from results


# -- the full build ---------------------------------------------------------------------------------------------
def build_site(
    output=None, base_url=None, dynamic_origin=None, workers=None, stream=None, check_links=False, front=False
):
    """Build the whole static site into a new folder and serve it from ``output``; returns a BuildSummary.

    ``dynamic_origin`` serves forms and search; None: STATIC_DYNAMIC_ORIGIN, else SITE_BASE_URL when the
    static site has another origin; "": none (forms say so, search uses a generated index).
    ``front``: the front server's pages (``Renderer`` with ``front``) on SITE_BASE_URL, nothing else.

    The previous build stays served (and untouched) until the new one is complete; on any error the new
    folder is removed and the error raised.
    """
    output = output or settings.STATIC_BUILD_DIR
    if not output:
        raise BuildError(_("No output folder: pass --output or set STATIC_BUILD_DIR."))
    base_url = clean_base_url(base_url or settings.SITE_BASE_URL)
    if front:
        base_url, dynamic_origin = clean_base_url(settings.SITE_BASE_URL), ""
    elif dynamic_origin is None:
        dynamic_origin = _default_dynamic_origin(base_url)
    dynamic_origin = clean_base_url(dynamic_origin) if dynamic_origin else ""
    workers = workers if workers is not None else settings.STATIC_BUILD_WORKERS
    store = SiteStore(output)
    store.check_output()
    started = time.perf_counter()
    summary = BuildSummary(output=str(store.output))
    with store.lock():
        folder = store.new_build()
        try:
            with build_settings(base_url), build_caches():
                manifest = _build_into(folder, base_url, dynamic_origin, workers, stream, summary, front)
            if check_links:
                from .linkcheck import check_links as run_check

                summary.broken_links = run_check(folder, base_url)
            write_manifest(folder, manifest)
        except BaseException:
            store.discard(folder)
            raise
        store.swap(folder)
        store.prune(settings.STATIC_BUILDS_KEPT)
    summary.seconds = time.perf_counter() - started
    return summary


def _default_dynamic_origin(base_url):
    """STATIC_DYNAMIC_ORIGIN, else the Django site itself when the static copy is served somewhere else."""
    if settings.STATIC_DYNAMIC_ORIGIN:
        return clean_base_url(settings.STATIC_DYNAMIC_ORIGIN)
    return "" if settings.SITE_BASE_URL.rstrip("/") == base_url else settings.SITE_BASE_URL.rstrip("/")


def _build_into(folder, base_url, dynamic_origin, workers, stream, summary, front=False):
    renderer = Renderer(base_url, dynamic_origin, front=front)
    page_ids = live_page_ids(renderer)
    progress = Progress(len(page_ids), stream)
    pages, referenced, entries = {}, set(), {}
    for page_id, sizes, page_assets, entry, pagination in _render_all(renderer, page_ids, folder, workers, progress):
        language = renderer.languages[page_id]
        pages[page_id] = dict(renderer.info[page_id], files=sorted(sizes), search=entry)
        if pagination:
            pages[page_id]["pagination"] = pagination
        referenced.update(page_assets)
        entries.setdefault(language, []).append(entry)
        summary.pages += 1
        summary.files += len(sizes)
        summary.bytes += sum(sizes.values())
    progress.finish()
    manifest = {"base_url": base_url, "dynamic_origin": dynamic_origin, "pages": pages}
    if front:  # the rest is Django's, and nginx serves /static/ and /media/ from their own folders
        return dict(manifest, front=True, site_files=[])
    site_files = site_wide_files(renderer, entries)
    for path, body in site_files.items():
        write_new(folder / path, body)
        referenced.update(renderer.assets_in(body))
        summary.files += 1
        summary.bytes += len(body)
    for count, size in (
        assets.copy_theme_static(folder),
        assets.copy_referenced(folder, referenced)[:2],
        assets.copy_documents(folder),
    ):
        summary.files += count
        summary.bytes += size
    return dict(manifest, site_files=sorted(site_files))


def site_wide_files(renderer, entries_by_language):
    """{path: bytes} of the files that are not one page's: /, robots.txt, sitemap.xml, 404, search (none for the
    front server: Django answers them)."""
    if renderer.front:
        return {}
    files = {
        "index.html": extras.language_redirect(renderer),
        "robots.txt": extras.robots(renderer),
        "sitemap.xml": extras.sitemap_xml(renderer),
        "404.html": extras.not_found(renderer),
    }
    files.update(extras.search_files(renderer, entries_by_language))
    # Their page heads link to the feeds too: to the typed files, as every page does.
    return {path: renderer.finish(body) if path.endswith(".html") else body for path, body in files.items()}


def served_manifest(output):
    """(folder, manifest) of the build served at ``output``, or (None, None)."""
    folder = SiteStore(output).current()
    if folder is None:
        return None, None
    return folder, read_manifest(folder)

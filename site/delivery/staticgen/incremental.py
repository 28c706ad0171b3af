"""Incremental updates of the served static site after a publish, unpublish, move, privacy change or delete.

Only the files a change affects are rendered again, and of those only the ones whose bytes changed are
rewritten (each atomically): the page itself (or its removal), its descendants when its URL changed or
it appeared or disappeared, its old and new parent (listings), its translations (language switcher and
hreflang links), the pages that link to it (Wagtail's reference index; a menu or footer linking to it
means every page of that language), the home page of its language for a news article (latest news),
and the site-wide files: sitemap.xml, the search index, the / page. Feeds and calendars are routes of
the digest and event index pages, so they follow their parent. A digest series itself changing (its
feed links are in every page head) rewrites every page.
"""

import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from . import assets
from .build import BuildSummary, build_settings, site_wide_files
from .render import Renderer, attach_locales, build_caches
from .storage import SiteStore, read_manifest, remove_file, write_file, write_manifest

SITE_WIDE_TYPES = {"content.digestindexpage"}  # their feed links are in the head of every page
HOME_LISTED_TYPES = {"content.newsarticlepage"}  # the home page lists the latest of these
MENU_MODELS = {("content", "mainmenu"), ("content", "footer")}


def enabled():
    return bool(settings.STATIC_BUILD_DIR)


def update_pages(page_ids=(), removed_ids=(), output=None, everything=False):
    """Bring the served static site in line with these changed and deleted pages; returns a BuildSummary
    whose ``written`` and ``removed`` list the files rewritten and deleted (paths relative to the site).
    ``everything``: something any page may show changed (a snippet, an image, ...): every page is checked."""
    store = SiteStore(output or settings.STATIC_BUILD_DIR)
    started = time.perf_counter()
    summary = BuildSummary(output=str(store.output))
    with store.lock():
        folder = store.current()
        manifest = read_manifest(folder) if folder is not None else None
        if manifest is None:
            return summary  # nothing built yet: the first full build will include these pages
        with build_settings(manifest["base_url"]), build_caches():
            renderer = Renderer(
                manifest["base_url"], manifest.get("dynamic_origin", ""), front=manifest.get("front", False)
            )
            changed = set(map(int, page_ids)) | set(map(int, removed_ids))
            targets, full = affected_pages(renderer, manifest, changed)
            if everything:
                targets = full = targets | set(renderer.urls) | set(manifest["pages"])
            _apply(renderer, manifest, folder, targets, full, changed, summary)
        write_manifest(folder, manifest)
    summary.seconds = time.perf_counter() - started
    return summary


def affected_pages(renderer, manifest, changed):
    """(affected, full): the ids of the pages whose files must be checked (rendered again if live and public,
    else removed), and those of them whose every listing page must be rendered again (not only the listing
    pages that show other pages than before or a changed page)."""
    old = manifest["pages"]
    affected = set(changed)
    full = set(changed)
    site_wide = False
    for pk in changed:
        before, now = old.get(pk), renderer.info.get(pk)
        old_url = before["url"] if before else None
        new_url = now["url"] if now else None
        if old_url != new_url:  # moved, renamed, appeared or disappeared: the whole subtree follows
            if old_url:
                affected.update(other for other, info in old.items() if info["url"].startswith(old_url))
            if new_url:
                affected.update(other for other, url in renderer.urls.items() if url.startswith(new_url))
        for info in (before, now):
            if not info:
                continue
            if info.get("parent"):
                affected.add(info["parent"])
            affected.update(renderer.translations.get(info["key"], {}).values())
            affected.update(other for other, data in old.items() if data["key"] == info["key"])
            if info["type"] in HOME_LISTED_TYPES:
                home = _home_of(renderer, info["language"])
                if home:
                    affected.add(home)
            site_wide = site_wide or info["type"] in SITE_WIDE_TYPES
    referencing, menu_languages = _referencing(changed)
    affected.update(referencing)
    for language in menu_languages:
        every = {pk for pk, code in renderer.languages.items() if code == language}
        affected.update(every)
        full.update(every)
    if site_wide:
        affected.update(renderer.urls)
        affected.update(old)
        full.update(affected)
    return affected, full


def _home_of(renderer, language):
    url = renderer.home_urls.get(language)
    return next((pk for pk, page_url in renderer.urls.items() if page_url == url), None)


def _referencing(page_ids):
    """Pages whose content links to these pages, and the languages whose menu or footer does."""
    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.objects.filter(
        to_content_type=page_type, to_object_id__in=[str(pk) for pk in page_ids]
    ).values_list("base_content_type_id", "content_type__app_label", "content_type__model", "object_id")
    pages, menus = set(), []
    for base_type, app_label, model, object_id in rows:
        if base_type == page_type.pk:
            pages.add(int(object_id))
        elif (app_label, model) in MENU_MODELS:
            menus.append((app_label, model, object_id))
    languages = set()
    for app_label, model, object_id in menus:
        snippet_class = ContentType.objects.get_by_natural_key(app_label, model).model_class()
        snippet = snippet_class.objects.filter(pk=object_id).select_related("locale").first()
        if snippet is not None:
            languages.add(snippet.locale.language_code)
    return pages, languages


def _apply(renderer, manifest, folder, targets, full, changed, summary):
    old = manifest["pages"]
    live = [pk for pk in targets if pk in renderer.urls]
    pages = attach_locales(list(Page.objects.filter(pk__in=live).order_by("path").specific()))
    referenced = set()
    for page in pages:
        previous = old.get(page.pk, {}).get("pagination") if page.pk not in full else None
        rendered = renderer.render_page(page, previous_pagination=previous, changed=changed)
        before = set(old.get(page.pk, {}).get("files", []))
        for path, body in rendered.files.items():
            _write_if_changed(folder, path, body, summary)
        produced = set(rendered.files) | rendered.kept
        for path in before - produced:
            _remove(folder, path, summary)
        old[page.pk] = dict(renderer.info[page.pk], files=sorted(produced), search=rendered.search_entry)
        if rendered.pagination:
            old[page.pk]["pagination"] = rendered.pagination
        referenced.update(rendered.assets)
        summary.pages += 1
    rendered_ids = {page.pk for page in pages}
    for pk in targets - rendered_ids:
        for path in old.pop(pk, {}).get("files", []):
            _remove(folder, path, summary)
    entries = {}
    for info in old.values():
        if info.get("search"):
            entries.setdefault(info["language"], []).append(info["search"])
    for path, body in site_wide_files(renderer, entries).items():
        _write_if_changed(folder, path, body, summary)
        referenced.update(renderer.assets_in(body))
    if not renderer.front:  # the front server serves /static/ and /media/ from their own folders
        assets.copy_referenced(folder, referenced)
        assets.copy_documents(folder, only_missing=True)


def _write_if_changed(folder, path, body, summary):
    target = folder / path
    try:
        if target.stat().st_size == len(body) and target.read_bytes() == body:
            return
    except FileNotFoundError:
        pass
    write_file(target, body)
    summary.written.append(path)
    summary.files += 1
    summary.bytes += len(body)


def _remove(folder, path, summary):
    if (folder / path).exists():
        remove_file(folder, path)
        summary.removed.append(path)

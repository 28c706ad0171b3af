"""Load the bilingual demo content: locales, images, documents, the page tree in zh-hans and en, the site,
menus and footers, then any section loaders.

Idempotent: every object is looked up first (pages by slug under their parent, English pages as
translations of the Chinese ones, images and documents by title, snippets by locale) and only what
is missing is created; existing content is never overwritten. A second run creates nothing.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import Collection, Locale, Page, Site

from .build import Blocks
from .documents import ensure_documents
from .images import QR_ARTWORK, ensure_images
from .indexing import deferred_indexing
from .navigation import ensure_footers, ensure_menus
from .pages import build_tree
from .sections import SECTION_LOADERS

COLLECTION_NAME = "示例内容 Demo content"
SITE_NAME = "深圳医学科学院 SMART"
WELCOME_TITLE = "Welcome to your new Wagtail site!"


@dataclass
class DemoSummary:
    """What one run created, step by step, and the home page of each language."""

    steps: dict = field(default_factory=dict)  # step label -> number of objects created (or changed)
    homes: dict = field(default_factory=dict)  # language code -> HomePage
    pages: dict = field(default_factory=dict)  # language code -> {page key: page}

    @property
    def created(self):
        return sum(self.steps.values())

    def line(self):
        if not self.created:
            return "Demo content is up to date: nothing created."
        details = ", ".join(f"{label} {count}" for label, count in self.steps.items() if count)
        return f"Demo content loaded: {self.created} changes ({details})."


class _Progress:
    def __init__(self, stdout, summary):
        self.stdout, self.summary = stdout, summary

    def step(self, name, count, verb="created"):
        self.summary.steps[name] = self.summary.steps.get(name, 0) + count
        self.write(f"{name}: {count} {verb}")

    def write(self, text):
        if self.stdout is not None:
            self.stdout.write(text if text.endswith("\n") else text + "\n")


def load_demo(stdout=None):
    """Create whatever part of the demo content is missing; return a DemoSummary."""
    summary = DemoSummary()
    progress = _Progress(stdout, summary)
    with transaction.atomic(), deferred_indexing():  # each object indexed once, at the end (demo/indexing.py)
        zh, en, count = ensure_locales()
        progress.step("locales", count)
        collection, count = ensure_collection()
        progress.step("collections", count)
        images, count = ensure_images(collection)
        progress.step("images", count)
        documents, count = ensure_documents(collection)
        progress.step("documents", count)
        progress.step("Wagtail welcome pages", remove_welcome_page(), "removed")

        tree = build_tree()
        zh_pages, count = ensure_source_pages(tree, zh, Blocks("zh", images=images, documents=documents))
        progress.step("pages (zh-hans)", count)
        progress.step("sites", ensure_site(zh_pages["home"]), "created or updated")
        en_pages, count = ensure_translations(tree, zh_pages, en, Blocks("en", images=images, documents=documents))
        progress.step("pages (en)", count)

        progress.step("main menus", ensure_menus(zh, en, zh_pages, en_pages))
        progress.step("footers", ensure_footers(zh, en, zh_pages, en_pages, images[QR_ARTWORK.key]))

        summary.homes = {"zh-hans": zh_pages["home"], "en": en_pages["home"]}
        summary.pages = {"zh-hans": zh_pages, "en": en_pages}
        section_count = 0
        for section_loader in SECTION_LOADERS:
            section_count += section_loader(summary.homes, stdout) or 0
        progress.step("section loaders", section_count)
    progress.write(summary.line())
    return summary


def ensure_locales():
    created = 0
    locales = []
    for code in ("zh-hans", "en"):
        locale, was_created = Locale.objects.get_or_create(language_code=code)
        locales.append(locale)
        created += was_created
    return locales[0], locales[1], created


def ensure_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is not None:
        return collection, 0
    return root.add_child(name=COLLECTION_NAME), 1


def remove_welcome_page():
    """Delete the placeholder page of a fresh Wagtail install (if it is still there and untouched)."""
    root = Page.get_first_root_node()
    removed = 0
    plain_page = ContentType.objects.get_for_model(Page)
    for welcome in Page.objects.filter(depth=2, content_type=plain_page, title=WELCOME_TITLE):
        if welcome.get_children_count():
            continue
        # Sites point at it; park them on the root until ensure_site points the default site at the home page.
        Site.objects.filter(root_page=welcome).update(root_page=root)
        welcome.delete()
        removed += 1
    return removed


def ensure_site(home):
    """Point a site at the Chinese home page, with hostname and port taken from SITE_BASE_URL."""
    parsed = urlsplit(settings.SITE_BASE_URL)
    hostname = parsed.hostname or "localhost"
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=SITE_NAME)
        return 1
    wanted = {"hostname": hostname, "port": port, "root_page_id": home.pk}
    if not site.site_name:
        wanted["site_name"] = SITE_NAME
    if not Site.objects.exclude(pk=site.pk).filter(is_default_site=True).exists():
        wanted["is_default_site"] = True
    changed = {name: value for name, value in wanted.items() if getattr(site, name) != value}
    if not changed:
        return 0
    for name, value in changed.items():
        setattr(site, name, value)
    site.save()
    return 1


# -- pages ---------------------------------------------------------------------------------------------


def _plain_fields(values):
    return {name: value for name, value in values.items() if not callable(value)}


def _late_fields(values):
    return {name: value for name, value in values.items() if callable(value)}


def _set_stream(page, name, raw):
    """Store raw StreamField data after checking it: unknown block types would be dropped silently."""
    stream_field = page._meta.get_field(name)
    known = stream_field.stream_block.child_blocks
    unknown = [block["type"] for block in raw if block["type"] not in known]
    if unknown:
        raise ValueError(f"{type(page).__name__}.{name} has no block types {unknown}")
    setattr(page, name, raw)
    stream_field.stream_block.clean(getattr(page, name))  # raises ValidationError on bad demo data


def _complete_and_publish(spec, blocks, lang):
    """Set the fields that need other objects (body, links, tags) and publish the page.

    The page is read afresh: adding its children changed its tree fields (numchild) in the database,
    and publishing a stale copy would write them back wrong.
    """
    page = Page.objects.get(pk=blocks.pages[spec.key].pk).specific
    blocks.pages[spec.key] = page
    for name, value in _late_fields(spec.fields(lang)).items():
        setattr(page, name, value(blocks))
    if spec.body is not None:
        _set_stream(page, spec.body_field, spec.body(blocks))
    if spec.tags.get(lang):
        page.tags.set(spec.tags[lang])
    page.save_revision().publish()
    blocks.pages[spec.key] = Page.objects.get(pk=page.pk).specific


def _find_source(spec, parent, locale):
    if parent.is_root():
        return spec.model.objects.filter(depth=2, locale=locale).order_by("path").first()
    page = parent.get_children().filter(slug=spec.slug, locale=locale).first()
    return page.specific if page is not None else None


def ensure_source_pages(tree, locale, blocks):
    """Create the missing pages of the Chinese tree; return ({key: page}, number created)."""
    pages, created = {}, []
    blocks.pages = pages

    def visit(spec, parent):
        page = _find_source(spec, parent, locale)
        if page is None:
            values = _plain_fields(spec.zh)
            page = spec.model(locale=locale, live=False, **values)
            page.slug = find_available_slug(parent, spec.slug) if parent.is_root() else spec.slug
            if spec.image:
                page.listing_image = blocks.images[spec.image]
            parent.add_child(instance=page)
            created.append(spec)
        pages[spec.key] = page
        for child in spec.children:
            visit(child, page)

    visit(tree, Page.get_first_root_node())
    # Bodies link to other pages, so they are written once every page of the language exists.
    for spec in created:
        _complete_and_publish(spec, blocks, "zh")
    return pages, len(created)


def ensure_translations(tree, sources, locale, blocks):
    """Create the missing English translations (same translation_key); return ({key: page}, number created)."""
    pages, created = {}, []
    blocks.pages = pages
    for spec in tree.walk():  # parents before children: a translation goes under the translated parent
        source = sources[spec.key]
        page = source.get_translation_or_none(locale)
        if page is None:
            page = source.copy_for_translation(locale).specific
            for name, value in _plain_fields(spec.en).items():
                setattr(page, name, value)
            page.save()  # a draft until its body is written and it is published below
            created.append(spec)
        pages[spec.key] = page.specific
    for spec in created:
        _complete_and_publish(spec, blocks, "en")
    return pages, len(created)

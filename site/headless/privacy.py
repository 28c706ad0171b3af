"""What the public API may show: live pages in a site tree outside every view restriction, and images and
documents outside every restricted collection. Decided by the content, never by who asks (a signed-in
editor calling the API sees exactly what an anonymous client sees)."""

from functools import cached_property

from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from content import lookups
from content.lookups import public_q


def site_root_tree_paths():
    """Tree paths of every site's root page and its translations (kept with ``content.lookups``)."""

    def build():
        paths = set()
        for site in Site.objects.select_related("root_page"):
            paths.update(root.path for root in site.root_page.get_translations(inclusive=True))
        return sorted(paths)

    return lookups.cached("site-root-tree-paths", build)


def public_pages(model=Page):
    """Live pages of ``model`` under any site's root page or its translations, outside every view restriction."""
    roots = Q()
    for path in site_root_tree_paths():
        roots |= Q(path__startswith=path)
    if not roots:
        return model.objects.none()
    return model.objects.live().filter(public_q()).filter(roots)  # public_q: .public() without its query


def restricted_collection_ids():
    """Ids of collections under any view restriction, with their descendants."""
    paths = list(
        Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values_list("collection_id", flat=True)
        ).values_list("path", flat=True)
    )
    if not paths:
        return set()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return set(Collection.objects.filter(condition).values_list("pk", flat=True))


class Visibility:
    """Per-request answers to "may the public see this?" for objects reached through pages and blocks."""

    @cached_property
    def restricted_page_paths(self):
        return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))

    @cached_property
    def site_root_paths(self):
        paths = []
        for site in Site.objects.select_related("root_page"):
            paths.extend(root.path for root in site.root_page.get_translations(inclusive=True))
        return tuple(paths)

    @cached_property
    def restricted_collections(self):
        return restricted_collection_ids()

    def page(self, page):
        return (
            page is not None
            and page.live
            and page.path.startswith(self.site_root_paths)
            and not (self.restricted_page_paths and page.path.startswith(self.restricted_page_paths))
        )

    def in_public_collection(self, obj):
        return obj is not None and obj.collection_id not in self.restricted_collections

"""sitemap.xml: every live, public page of every language that lets search engines index it (not a page type
with ``robots_noindex``), each listing its translations (hreflang)."""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from content.i18n import absolute_url, hreflang


class _RootPathCache:
    """Holds Wagtail's cached site root paths while a sitemap page is built."""


def noindex_models():
    """The page models whose pages ask search engines not to index them."""
    return [model for model in get_page_models() if getattr(model, "robots_noindex", False)]


def noindex_labels():
    """``app_label.model`` (lower case, as content types name them) of ``noindex_models()``."""
    return {model._meta.label_lower for model in noindex_models()}


class PageSitemap(Sitemap):
    def items(self):
        noindex = ContentType.objects.get_for_models(*noindex_models()).values() if noindex_models() else []
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .exclude(content_type__in=list(noindex))
            .select_related("locale")
            .only("id", "url_path", "translation_key", "locale", "last_published_at", "latest_revision_created_at")
            .order_by("path")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        pages = list(self.paginator.page(page).object_list)
        cache = _RootPathCache()  # Wagtail caches the site root paths on it: one lookup for all pages
        urls = {}
        for item in pages:
            parts = item.get_url_parts(request=cache)
            if parts and parts[2]:
                urls[item.pk] = parts[2]
        groups = defaultdict(list)
        for item in pages:
            if item.pk in urls:
                groups[item.translation_key].append(item)
        result = []
        for item in pages:
            if item.pk not in urls:
                continue
            alternates = [
                {"lang_code": hreflang(other.locale.language_code), "location": absolute_url(urls[other.pk])}
                for other in groups[item.translation_key]
            ]
            default = next(
                (o for o in groups[item.translation_key] if o.locale.language_code == settings.LANGUAGE_CODE), None
            )
            if default is not None and len(alternates) > 1:
                alternates.append({"lang_code": "x-default", "location": absolute_url(urls[default.pk])})
            result.append(
                {
                    "item": item,
                    "location": absolute_url(urls[item.pk]),
                    "lastmod": item.last_published_at,
                    "changefreq": None,
                    "priority": None,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        return result

"""Locale helpers used by templates, feeds and sitemaps: translations of a page and absolute URLs."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from content import lookups
from content.pages.home import HomePage

# BCP 47 tags for hreflang and <html lang>.
HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}


def hreflang(language_code):
    return HREFLANG.get(language_code, language_code)


def absolute_url(path):
    """The canonical absolute URL of a site-relative path (built from SITE_BASE_URL, never the Host header)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_BASE_URL + path


def page_absolute_url(page):
    """The absolute public URL of a page, built on SITE_BASE_URL (never the Host header); "" if it has none."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return absolute_url(parts[2])


@dataclass
class Alternate:
    code: str
    name: str
    url: str
    available: bool  # False: this language has no translation; url is that language's home page
    current: bool

    @property
    def hreflang(self):
        return hreflang(self.code)

    @property
    def full_url(self):
        return absolute_url(self.url)


def _home_url(language_code):
    def build():
        home = HomePage.objects.live().filter(locale__language_code=language_code).only("url_path").first()
        return home.url if home else f"/{language_code}/"

    return lookups.cached(f"home-url:{language_code}", build)


def page_alternates(page, request=None):
    """One Alternate per site language for a Wagtail page: its live public translation or that language's home.

    The translations' URLs, locales, view restrictions and home pages come from ``content.lookups`` (cached)."""
    codes = {locale_id: code for code, locale_id in lookups.locale_ids().items()}
    translations = {codes.get(locale_id): url for locale_id, url in lookups.page_translations(page, request).items()}
    current = codes.get(page.locale_id)
    result = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translations.get(code)
        if url is not None:
            available = True
        else:
            url, available = _home_url(code), False
        result.append(Alternate(code, info["name_local"], url, available, code == current))
    return result


def path_alternates(request):
    """Alternates for a non-page view (search, errors): the same path under each language prefix."""
    current = get_language()
    result = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(request.get_full_path(), code)
        result.append(Alternate(code, info["name_local"], url, True, code == current))
    return result


def default_alternate(alternates):
    for alternate in alternates:
        if alternate.code == settings.LANGUAGE_CODE and alternate.available:
            return alternate
    return None


def is_page(obj):
    return isinstance(obj, Page)

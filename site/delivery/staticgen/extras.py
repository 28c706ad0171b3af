"""The files of the static site that are not pages: the / language chooser, robots.txt, sitemap.xml,
the 404 page, and the search page of each language with its client-side index."""

import json
from xml.sax.saxutils import escape

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language_info

from content.i18n import absolute_url, hreflang
from content.sitemaps import noindex_labels
from delivery.views import robots_txt

LANGUAGE_REDIRECT_TEMPLATE = "staticgen/language_redirect.html"
SEARCH_TEMPLATE = "staticgen/search_page.html"
SEARCH_REDIRECT_TEMPLATE = "staticgen/search_redirect.html"


def language_redirect(renderer):
    """index.html at /: links to each language, a tiny external script choosing by navigator.language,
    and for visitors without scripts a refresh to the default language."""
    languages = []
    for code, _name in settings.LANGUAGES:
        url = renderer.home_urls.get(code, f"/{code}/")
        info = get_language_info(code)
        languages.append({"code": code, "name": info["name_local"], "hreflang": hreflang(code), "url": url})
    default = next(item for item in languages if item["code"] == settings.LANGUAGE_CODE)
    context = {
        "languages": [dict(item, full_url=absolute_url(item["url"])) for item in languages],
        "default": dict(default, full_url=absolute_url(default["url"])),
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(LANGUAGE_REDIRECT_TEMPLATE, context).encode("utf-8")


def robots(renderer):
    return robots_txt(renderer.request("/robots.txt", settings.LANGUAGE_CODE)).content


def sitemap_xml(renderer):
    """The same sitemap as content.sitemaps.PageSitemap (every live public page in tree order that lets search
    engines index it, each with its translations and x-default as hreflang alternates), written from the build's
    page index."""
    noindex = noindex_labels()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for info in renderer.info.values():
        if info["type"] in noindex:
            continue
        parts = [f"<url><loc>{escape(absolute_url(info['url']))}</loc>"]
        if info.get("lastmod"):
            parts.append(f"<lastmod>{info['lastmod']}</lastmod>")
        group = renderer.translations.get(info["key"], {})
        if len(group) > 1:
            for code, pk in group.items():
                href = escape(absolute_url(renderer.urls[pk]))
                parts.append(f'<xhtml:link rel="alternate" hreflang="{hreflang(code)}" href="{href}"/>')
            if settings.LANGUAGE_CODE in group:
                href = escape(absolute_url(renderer.urls[group[settings.LANGUAGE_CODE]]))
                parts.append(f'<xhtml:link rel="alternate" hreflang="x-default" href="{href}"/>')
        parts.append("</url>")
        lines.append("".join(parts))
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def not_found(renderer):
    request = renderer.request("/404.html", settings.LANGUAGE_CODE)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("404.html", {"request": request}, request=request).encode("utf-8")


def search_files(renderer, entries_by_language):
    """{path: bytes}: each language's search page, and without a dynamic origin its search index JSON."""
    files = {}
    for code, _name in settings.LANGUAGES:
        url = f"/{code}/search/"
        request = renderer.request(url, code)
        with translation.override(code):
            if renderer.dynamic_origin:
                context = {"target": renderer.dynamic_origin + url, "request": request}
                body = render_to_string(SEARCH_REDIRECT_TEMPLATE, context, request=request)
            else:
                context = {"index_url": f"{url}index.json", "search_url": url, "request": request}
                body = render_to_string(SEARCH_TEMPLATE, context, request=request)
        files[f"{code}/search/index.html"] = body.encode("utf-8")
        if not renderer.dynamic_origin:
            entries = sorted(entries_by_language.get(code, []), key=lambda entry: entry["u"])
            data = {"language": code, "pages": entries}
            files[f"{code}/search/index.json"] = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return files

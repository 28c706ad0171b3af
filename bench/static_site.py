"""Static-site generator benchmark: a full build of a bilingual site, then an incremental update after one publish.

    .venv/bin/python bench/static_site.py [--pages 10000] [--workers 2] [--keep]

A throw-away SQLite database and media folder are made in a temporary folder (nothing of the configured
database is touched), migrated, and filled with a bilingual site of about ``--pages`` pages (half Chinese,
half English, every page translated): a home page, ten sections of standard pages, and a news index whose
articles make up the rest (its listing is paginated, so it adds listing pages). Main menus in both
languages. Then:

1. a full build (``build_site``) into a new folder: pages, files, bytes, seconds, pages/s;
2. one news article is edited and published with static publishing enabled (STATIC_BUILD_DIR): the time of
   the publish and of the incremental update the signal handlers run (ImmediateBackend: in process), then
   the same update again in a warm process (what a long-running task worker sees).

Figures are printed, never asserted. ``--keep`` keeps the temporary folder (its path is printed).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = 10

ZH_TEXT = "深圳医学科学院围绕未来医学开展前沿研究，推动临床转化与国际合作，培养青年科学家，建设开放共享的科研平台。"
EN_TEXT = (
    "SMART works on the medicine of the future: frontier research, clinical translation, international "
    "cooperation, young scientists and open research platforms shared with the whole Greater Bay Area."
)


def setup_django(folder):
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def body(text, number):
    return [
        {"type": "heading", "value": f"{number}"},
        {"type": "paragraph", "value": f"<p>{text}</p><p>{text}</p>"},
    ]


def make_site(total):
    """About ``total`` live pages, half in each language; returns (zh news index, a zh article)."""
    import datetime

    from django.db import transaction
    from wagtail.models import Locale, Page, Site

    from content.models import HomePage, MainMenu, NewsArticlePage, NewsIndexPage, SectionIndexPage, StandardPage

    per_language = total // 2
    standard_per_section = max(1, per_language // 5 // SECTIONS)
    articles = per_language - 2 - SECTIONS - SECTIONS * standard_per_section
    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    Site.objects.all().delete()
    started = time.perf_counter()
    made = 0

    def add(parent, page, locale, source=None):
        nonlocal made
        page.locale = locale
        page.live = True
        page.first_published_at = page.last_published_at = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        if source is not None:
            page.translation_key = source.translation_key
        parent.add_child(instance=page)
        made += 1
        if made % 1000 == 0:
            rate = made / (time.perf_counter() - started)
            print(f"  {made} pages created ({rate:.0f}/s)", file=sys.stderr)
        return page

    with transaction.atomic():
        home = add(root, HomePage(title="首页", slug="home", hero_heading="探索未来医学"), zh)
        home_en = add(root, HomePage(title="Home", slug="home-en", hero_heading="Future medicine"), en, home)
        Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="SMART")
        menus = {zh: [], en: []}
        for number in range(SECTIONS):
            section = add(home, SectionIndexPage(title=f"栏目 {number}", slug=f"section-{number}", intro=ZH_TEXT), zh)
            section_en = add(
                home_en,
                SectionIndexPage(title=f"Section {number}", slug=f"section-{number}", intro=EN_TEXT),
                en,
                section,
            )
            menus[zh].append(section)
            menus[en].append(section_en)
            for item in range(standard_per_section):
                page = add(
                    section, StandardPage(title=f"页面 {number}-{item}", slug=f"p{item}", body=body(ZH_TEXT, item)), zh
                )
                add(
                    section_en,
                    StandardPage(title=f"Page {number}-{item}", slug=f"p{item}", body=body(EN_TEXT, item)),
                    en,
                    page,
                )
        news = add(home, NewsIndexPage(title="新闻动态", slug="news"), zh)
        news_en = add(home_en, NewsIndexPage(title="News", slug="news"), en, news)
        menus[zh].append(news)
        menus[en].append(news_en)
        first = None
        for item in range(articles):
            date = datetime.date(2025, 1, 1) + datetime.timedelta(days=item % 365)
            article = add(
                news,
                NewsArticlePage(
                    title=f"新闻 {item}", slug=f"n{item}", date=date, intro=ZH_TEXT, body=body(ZH_TEXT, item)
                ),
                zh,
            )
            first = first or article
            add(
                news_en,
                NewsArticlePage(
                    title=f"News {item}", slug=f"n{item}", date=date, intro=EN_TEXT, body=body(EN_TEXT, item)
                ),
                en,
                article,
            )
        for locale, pages in menus.items():
            items = [{"type": "item", "value": {"page": page.pk, "label": ""}} for page in pages]
            MainMenu.objects.create(locale=locale, name="menu", items=items)
    print(f"site: {made} pages created in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return news, first


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="smart-bench-static-"))
    try:
        setup_django(folder)
        from django.test.utils import override_settings

        from content.models import NewsArticlePage
        from delivery.staticgen import build_site
        from delivery.staticgen.incremental import update_pages

        _news, article = make_site(args.pages)
        output = folder / "site"
        summary = build_site(output=output, base_url="https://www.example.org", workers=args.workers)
        print(f"full build ({args.workers} worker(s)): {summary.line()}")
        for number in (1, 2):
            page = NewsArticlePage.objects.get(pk=article.pk)
            page.title = f"新闻 (edited {number})"
            with override_settings(STATIC_BUILD_DIR=str(output)):
                started = time.perf_counter()
                page.save_revision().publish()  # the signal handlers run the update task in process
                elapsed = time.perf_counter() - started
            print(f"publish #{number} + incremental update (in process): {elapsed:.3f} s")
        page.title = "新闻 (edited 3)"
        page.save_revision().publish()  # static publishing off: only the database changes
        started = time.perf_counter()
        result = update_pages([page.pk], output=output)
        elapsed = time.perf_counter() - started
        print(
            f"incremental update alone (warm): {elapsed:.3f} s, {len(result.written)} files rewritten: "
            + ", ".join(result.written)
        )
        if args.keep:
            print(f"kept: {folder}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

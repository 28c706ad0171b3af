"""Digest feed benchmark: time to build the RSS 2.0 and Atom feeds of a series of 120 issues, cold and cached.

    .venv/bin/python bench/feeds.py [--issues 120] [--items 8] [--repeat 5]

Sets up its own throw-away SQLite database and media folder (nothing of var/ is touched), migrates it, builds
a bilingual site with one digest series of N monthly issues (each with items, half of them with a PDF edition),
then times:

- cold: the feed built from the database (cache cleared before each run), for RSS and for Atom;
- cached: the feed served from the cache (what every poll after the first costs);
- HTTP: a full GET of each feed through Django, and a conditional GET answered 304.

The feed carries the index's newest ``feed_item_limit`` issues (12 by default); the rest are in the archive.
Figures are printed, never asserted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(workdir):
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build_series(issues, items_per_issue):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents import get_document_model
    from wagtail.models import Locale, Page, Site

    from content.models import DigestIndexPage, DigestIssuePage, FieldOfMedicine, HomePage
    from demo.digest import simple_pdf

    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="首页", slug="home", locale=zh, hero_heading="深圳医学科学院")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="SMART")
    fields = [
        FieldOfMedicine.objects.create(locale=zh, slug=slug, name=name, sort_order=n)
        for n, (slug, name) in enumerate(
            [("oncology", "肿瘤学"), ("neuroscience", "神经科学"), ("ai-in-medicine", "医学人工智能")]
        )
    ]
    index = DigestIndexPage(title="全球医学科技动态", slug="digest", intro="<p>基准测试用的示例内容。</p>")
    home.add_child(instance=index)
    index.save_revision().publish()
    Document = get_document_model()
    start = datetime.date(2026, 11, 1)
    for n in range(issues):
        year, month = divmod(start.year * 12 + start.month - 1 - n, 12)
        issue_month = datetime.date(year, month + 1, 1)
        pdf = None
        if n % 2 == 0:
            body = simple_pdf(f"Digest {issue_month:%Y-%m}", ["Sample PDF edition for the benchmark."])
            pdf = Document(title=f"digest-{issue_month:%Y-%m}")
            pdf.file.save(f"digest-{issue_month:%Y-%m}.pdf", ContentFile(body), save=False)
            pdf.file_size = len(body)
            pdf.save()
        blocks = [
            {
                "type": "item",
                "value": {
                    "headline": f"示例条目 {issue_month:%Y-%m} · {k} & “引号” 😀",
                    "field": fields[k % len(fields)].pk,
                    "summary": '<p>一段<b>示例</b>摘要，含<a href="/zh-hans/">站内链接</a>与 &amp; 符号。</p>' * 3,
                    "source_name": "《示例临床医学杂志》",
                    "source_url": f"https://example.org/bench/{issue_month:%Y-%m}/{k}",
                    "source_date": (issue_month - datetime.timedelta(days=k + 1)).isoformat(),
                },
            }
            for k in range(items_per_issue)
        ]
        issue = DigestIssuePage(
            title=f"全球医学科技动态 · {issue_month.year}年{issue_month.month}月",
            slug=f"{issue_month:%Y-%m}",
            issue_month=issue_month,
            editors_note="<p>编者按：基准测试用的示例内容。</p>",
            items=blocks,
            pdf_edition=pdf,
        )
        index.add_child(instance=issue)
        issue.save_revision().publish()
        when = timezone.make_aware(datetime.datetime(issue_month.year, issue_month.month, 8, 10))
        DigestIssuePage.objects.filter(pk=issue.pk).update(first_published_at=when, last_published_at=when)
        print(f"\r  issues: {n + 1}/{issues}", end="", flush=True)
    print()
    return DigestIndexPage.objects.get(pk=index.pk)


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def report(label, times):
    print(f"  {label:<34} median {statistics.median(times) * 1000:8.2f} ms   min {min(times) * 1000:8.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=120)
    parser.add_argument("--items", type=int, default=8, help="items per issue")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="smart-bench-feeds-") as workdir:
        print(f"Setting up a throw-away database in {workdir} ...")
        setup_django(workdir)
        index = build_series(args.issues, args.items)

        from django.core.cache import cache
        from django.test import Client

        from content.pages.digest.feeds import build_atom, build_rss, get_feed, invalidate_feeds

        print(
            f"Series of {index.issues().count()} issues, {args.items} items each; "
            f"the feeds carry the newest {index.feed_item_limit}."
        )
        for kind, builder in (("rss", build_rss), ("atom", build_atom)):
            builder(index)  # warm imports, templates and renditions once

            def cold(kind=kind):
                cache.clear()
                get_feed(index, kind)

            def cached(kind=kind):
                get_feed(index, kind)

            report(f"{kind.upper()} cold (build)", timed(cold, args.repeat))
            get_feed(index, kind)
            report(f"{kind.upper()} cached", timed(cached, args.repeat * 20))
            size = len(get_feed(index, kind).body)
            print(f"  {kind.upper()} size: {size / 1024:.1f} KiB")

        def both_cold():
            invalidate_feeds()
            get_feed(index, "rss")
            get_feed(index, "atom")

        report("both feeds cold (after a publish)", timed(both_cold, args.repeat))
        report("both feeds cached", timed(lambda: (get_feed(index, "rss"), get_feed(index, "atom")), args.repeat * 20))

        client = Client()
        for kind in ("rss", "atom"):
            path = f"/zh-hans/digest/feed/{kind}/"
            first = client.get(path)
            etag = first["ETag"]
            report(f"HTTP GET {kind} (cached)", timed(lambda path=path: client.get(path), args.repeat * 4))
            report(
                f"HTTP conditional GET {kind} (304)",
                timed(lambda path=path, etag=etag: client.get(path, HTTP_IF_NONE_MATCH=etag), args.repeat * 4),
            )
        print("Done: figures above; nothing is asserted.")


if __name__ == "__main__":
    main()

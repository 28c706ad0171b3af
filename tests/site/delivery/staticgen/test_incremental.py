"""Incremental updates: after a publish, unpublish, move or delete only the affected files change,
triggered by the delivery room's signal handlers through a background task when STATIC_BUILD_DIR is set."""

import io
from pathlib import Path

from django.test import TestCase, override_settings
from wagtail.models import Page

from delivery.staticgen import build_site, check_links
from delivery.staticgen.incremental import update_pages
from tests.factories.pages import add_navigation
from tests.factories.pages import build_site as build_tree

from .helpers import BASE_URL, ORIGIN, fingerprints, remove, temporary_output


class IncrementalTests(TestCase):
    def setUp(self):
        self.pages = build_tree()
        add_navigation(self.pages)
        self.tmp, self.output = temporary_output()
        self.addCleanup(remove, self.tmp)
        build_site(output=self.output, base_url=BASE_URL, dynamic_origin=ORIGIN, workers=1, stream=io.StringIO())
        self.folder = Path(self.output).resolve()
        self.before = fingerprints(self.folder)

    def changes(self):
        """(rewritten, added, removed) files since the build, by content hash and modification time."""
        after = fingerprints(self.folder)
        changed = {path for path in set(after) & set(self.before) if after[path] != self.before[path]}
        return changed, set(after) - set(self.before), set(self.before) - set(after)

    def publish_in_transaction(self, page):
        """Publish as the admin does; the task runs when the transaction commits."""
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()

    @override_settings(STATIC_BUILD_DIR="")
    def test_nothing_happens_when_static_publishing_is_disabled(self):
        article = self.pages["article_en"]
        article.title = "SMART is founded in Shenzhen"
        self.publish_in_transaction(article)
        self.assertEqual(self.changes(), (set(), set(), set()))

    def test_publishing_a_change_rewrites_only_the_page_its_listing_and_site_wide_files(self):
        article = self.pages["article_en"]
        article.title = "SMART is founded in Shenzhen"
        with override_settings(STATIC_BUILD_DIR=str(self.output)):
            self.publish_in_transaction(article)
        changed, added, removed = self.changes()
        self.assertEqual((added, removed), (set(), set()))
        must = {"en/news/founding/index.html", "en/news/index.html"}
        self.assertLessEqual(must, changed)
        # The Chinese original's switcher and the sitemap (dates of the day) are checked too: unchanged here.
        self.assertLessEqual(changed, must | {"zh-hans/news/founding/index.html", "sitemap.xml"})
        self.assertIn("SMART is founded in Shenzhen", (self.folder / "en/news/index.html").read_text("utf-8"))

    def test_unpublishing_removes_the_page_and_updates_its_listing_and_translation(self):
        article = self.pages["article_en"]
        with override_settings(STATIC_BUILD_DIR=str(self.output)), self.captureOnCommitCallbacks(execute=True):
            article.unpublish()
        changed, added, removed = self.changes()
        self.assertEqual(removed, {"en/news/founding/index.html"})
        self.assertEqual(added, set())
        self.assertLessEqual({"en/news/index.html", "zh-hans/news/founding/index.html", "sitemap.xml"}, changed)
        self.assertLessEqual(
            changed,
            {
                "en/news/index.html",
                "zh-hans/news/founding/index.html",
                "sitemap.xml",
                "en/search/index.json",
                "en/index.html",
            },
        )
        original = (self.folder / "zh-hans/news/founding/index.html").read_text("utf-8")
        self.assertNotIn('hreflang="en" href="http://static.example/en/news/founding/"', original)
        self.assertEqual(check_links(self.folder, BASE_URL), [])

    def test_moving_a_page_moves_its_files(self):
        mission = self.pages["mission"]
        with override_settings(STATIC_BUILD_DIR=str(self.output)), self.captureOnCommitCallbacks(execute=True):
            Page.objects.get(pk=mission.pk).move(self.pages["home"], pos="last-child")
        changed, added, removed = self.changes()
        self.assertEqual(removed, {"zh-hans/about/mission/index.html"})
        self.assertEqual(added, {"zh-hans/mission/index.html"})
        self.assertIn("zh-hans/about/index.html", changed)  # the old parent's list of children
        self.assertIn("en/about/mission/index.html", changed)  # the translation's switcher link
        self.assertLessEqual(
            changed,
            {
                "zh-hans/about/index.html",
                "zh-hans/index.html",
                "en/about/mission/index.html",
                "sitemap.xml",
                "zh-hans/search/index.json",
            },
        )
        self.assertEqual(check_links(self.folder, BASE_URL), [])

    def test_deleting_a_page_removes_its_files(self):
        with override_settings(STATIC_BUILD_DIR=str(self.output)), self.captureOnCommitCallbacks(execute=True):
            Page.objects.get(pk=self.pages["only_zh"].pk).delete()
        changed, added, removed = self.changes()
        self.assertEqual(removed, {"zh-hans/zh-only/index.html"})
        self.assertEqual(added, set())
        self.assertLessEqual(changed, {"zh-hans/index.html", "sitemap.xml", "zh-hans/search/index.json"})
        self.assertIn("sitemap.xml", changed)
        self.assertEqual(check_links(self.folder, BASE_URL), [])

    def test_a_page_in_the_menu_rewrites_every_page_of_its_language(self):
        about = self.pages["about_en"]  # the menu links About: retitling it changes every page's menu
        about.title = "About us"
        about.save_revision().publish()
        summary = update_pages([about.pk], output=self.output)
        english = {path for path in self.before if path.startswith("en/") and path.endswith(".html")}
        english.discard("en/search/index.html")  # the search page has no menu
        self.assertLessEqual(english - {"en/search/index.html"}, set(summary.written) | {"en/search/index.html"})
        self.assertFalse([path for path in summary.written if path.startswith("zh-hans/") and "about" not in path])

    def test_a_second_update_with_nothing_changed_writes_nothing(self):
        summary = update_pages([self.pages["article"].pk], output=self.output)
        self.assertEqual((summary.written, summary.removed), ([], []))
        self.assertEqual(self.changes(), (set(), set(), set()))

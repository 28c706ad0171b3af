"""The demo's texts moved from Python into data files (demo/data/*.json) without changing a word: the pages that
``load_demo`` builds, their titles and slugs in each language, and the images and documents are those the
Python-written demo built (site_snapshot.json, taken from a load of the demo before the move). So is what each
page stores: its fields and its body's StreamField JSON (``stored.py``: ids named by url path and title), kept
in the snapshot as a digest per page, taken before the bodies and the pictures became data files; and what the
image library stores of each picture, its pixels (as a digest) included."""

import io
import json
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from freezegun import freeze_time
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .stored import digest, stored_images, stored_pages

SNAPSHOT = json.loads((Path(__file__).parent / "site_snapshot.json").read_text(encoding="utf-8"))
# When the snapshot was taken. The demo dates its upcoming events and its job postings from the day of the load,
# and the snapshot keeps every date within a year of that day as its distance from it ("today-339"): the load and
# the comparison happen on that day (in the site's time zone, Asia/Shanghai), or every such distance would be off
# by the days since.
SNAPSHOT_TAKEN = "2026-12-06 10:00:00+00:00"


def pages_by_language():
    pages = {}
    for page in Page.objects.filter(depth__gt=1).select_related("locale", "content_type").order_by("path"):
        pages.setdefault(page.locale.language_code, []).append(
            [page.url_path, page.slug, page.title, page.content_type.model, page.live]
        )
    return pages


@freeze_time(SNAPSHOT_TAKEN)
class SameSiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", only=["pages"], stdout=io.StringIO())

    def test_the_same_pages_titles_and_slugs_in_each_language(self):
        pages = pages_by_language()
        self.assertEqual(sorted(pages), sorted(SNAPSHOT["pages"]))
        for language, expected in SNAPSHOT["pages"].items():
            self.assertEqual(len(pages[language]), len(expected), language)
            self.assertEqual(pages[language], expected, language)

    def test_the_same_images_and_documents(self):
        self.assertEqual(sorted(get_image_model().objects.values_list("title", flat=True)), SNAPSHOT["images"])
        self.assertEqual(sorted(get_document_model().objects.values_list("title", flat=True)), SNAPSHOT["documents"])

    def test_each_image_is_the_same_picture_with_the_same_details(self):
        self.assertEqual(stored_images(), SNAPSHOT["image_content"])

    def test_each_page_stores_the_same_fields_and_body(self):
        stored = stored_pages()
        self.assertEqual(sorted(stored), sorted(SNAPSHOT["content"]))
        for language, expected in SNAPSHOT["content"].items():
            self.assertEqual(sorted(stored[language]), sorted(expected), language)
            changed = [path for path, content in stored[language].items() if digest(content) != expected[path]]
            first = json.dumps(stored[language][changed[0]], ensure_ascii=False, indent=1)[:4000] if changed else ""
            self.assertEqual(changed, [], f"{language}: these pages store something else; the first:\n{first}")

"""Demo content for white papers, events and job postings: complete, bilingual, marked as samples, idempotent,
and replacing the placeholder section pages of the general demo."""

import io
import re

from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, Page

from content.models import (
    EventIndexPage,
    EventPage,
    JobIndexPage,
    JobPostingPage,
    MainMenu,
    Person,
    SectionIndexPage,
    StandardPage,
    WhitePaperIndexPage,
    WhitePaperPage,
)
from content.pages.jobs import JobCategory
from demo import facts as F
from demo.events import load as load_events
from demo.jobs import load as load_jobs
from demo.sections import SECTION_LOADERS
from demo.whitepapers import load as load_white_papers
from tests.factories.pages import build_site, menu_items, publish_child, translate

LOADERS = (load_white_papers, load_events, load_jobs)


def placeholders(pages):
    """Section pages at the slugs the loaders own, as the general demo leaves them, and a menu linking them."""
    en = pages["home_en"].locale
    made = {}
    for slug, title, title_en in (
        ("events", "学术活动", "Events"),
        ("white-papers", "白皮书", "White papers"),
        ("careers", "人才招聘", "Careers"),
    ):
        page = publish_child(pages["home"], SectionIndexPage(title=title, slug=slug))
        made[slug] = (page, translate(page, en, title=title_en))
    child = publish_child(made["events"][0], StandardPage(title="SMART Symposia 系列论坛", slug="smart-symposia"))
    child_en = translate(child, en, title="SMART Symposia")
    menu = MainMenu.objects.create(locale=pages["home"].locale, name="主菜单", items=menu_items(made["events"][0]))
    menu_en = menu.copy_for_translation(en)
    menu_en.items = menu_items(made["events"][1])
    menu_en.save()
    return made, (child, child_en)


class PublicationsDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.placeholders, cls.symposia_pages = placeholders(cls.pages)
        homes = {"zh-hans": cls.pages["home"], "en": cls.pages["home_en"]}
        out = io.StringIO()
        cls.first = [loader(homes, out) for loader in LOADERS]
        cls.output = out.getvalue()
        cls.second = [loader(homes, None) for loader in LOADERS]
        cls.zh = Locale.objects.get(language_code="zh-hans")
        cls.en = Locale.objects.get(language_code="en")

    def test_loaders_are_registered_and_idempotent(self):
        for loader in LOADERS:
            self.assertIn(loader, SECTION_LOADERS)
        self.assertTrue(all(count > 0 for count in self.first))
        self.assertEqual(self.second, [0, 0, 0])
        self.assertIn("white papers: 3 in 2 languages", self.output)
        self.assertIn("events: 7 in 2 languages", self.output)
        self.assertIn("job postings: 8 in 2 languages", self.output)

    def test_placeholders_are_replaced_keeping_menu_links_and_child_pages(self):
        for slug, (old, old_en) in self.placeholders.items():
            self.assertFalse(Page.objects.filter(pk__in=[old.pk, old_en.pk]).exists(), slug)
        self.assertEqual(
            list(self.pages["home"].get_children().values_list("slug", flat=True))[-3:],
            ["events", "white-papers", "careers"],
        )
        index = EventIndexPage.objects.get(locale=self.zh)
        index_en = EventIndexPage.objects.get(locale=self.en)
        self.assertEqual(index_en.translation_key, index.translation_key)
        child, child_en = self.symposia_pages
        self.assertEqual(Page.objects.get(pk=child.pk).get_parent().pk, index.pk)
        self.assertEqual(Page.objects.get(pk=child_en.pk).get_parent().pk, index_en.pk)
        self.assertEqual(self.client.get("/en/events/smart-symposia/").status_code, 200)
        menu = MainMenu.objects.get(locale=self.zh)
        menu_en = MainMenu.objects.get(locale=self.en)
        self.assertEqual([block.value["page"].pk for block in menu.items], [index.pk])
        self.assertEqual([block.value["page"].pk for block in menu_en.items], [index_en.pk])
        for cls, locale in ((WhitePaperIndexPage, self.zh), (JobIndexPage, self.en)):
            self.assertEqual(cls.objects.filter(locale=locale).count(), 1)

    def test_white_papers(self):
        papers = list(WhitePaperPage.objects.filter(locale=self.zh).live())
        self.assertEqual(len(papers), 3)
        for paper in papers:
            paper_en = paper.get_translation(self.en).specific
            self.assertTrue(paper_en.live)
            for page, marker in ((paper, "（示例）"), (paper_en, "(sample)")):
                self.assertIn(marker, page.title)
                self.assertFalse(page.doi or page.isbn)  # no invented identifiers
                self.assertGreaterEqual(page.page_count, 2)
                with page.pdf.file.open("rb") as handle:
                    data = handle.read()
                self.assertTrue(data.startswith(b"%PDF-"))
                self.assertIn(b"%%EOF", data[-1024:])
                self.assertEqual(len(re.findall(rb"/Type /Page\b", data)), page.page_count)
                self.assertTrue(all(marker in person.name for person in page.author_people))
            self.assertNotEqual(paper.pdf_id, paper_en.pdf_id)
            with paper.pdf.file.open("rb") as handle:
                self.assertIn(b"STSong-Light", handle.read())  # the Chinese edition uses the CID font
            self.assertEqual(self.client.get(paper.url).status_code, 200)
            self.assertEqual(self.client.get(paper_en.url).status_code, 200)
        key = WhitePaperPage.objects.get(locale=self.en, slug="medical-science-innovation-shenzhen")
        texts = " ".join(block.value["text"] for block in key.key_findings)
        self.assertIn(f"{F.FUND_APPLICATIONS_2023:,} applications", texts)
        self.assertIn(f"recruit {F.PIS_PLANNED_2024} principal investigators", texts)

    def test_events(self):
        events = EventPage.objects.filter(locale=self.zh).live()
        self.assertEqual(events.count(), 7)
        tz = timezone.get_default_timezone()
        symposia_2023 = [e for e in events if e.start.astimezone(tz).year == 2023]
        self.assertEqual(len(symposia_2023), F.SYMPOSIA_2023)
        self.assertTrue(all(e.series.slug == "smart-symposia" for e in symposia_2023))
        upcoming = [e for e in events if e.end > timezone.now()]
        self.assertEqual(len(upcoming), 2)
        self.assertEqual(sorted(e.registration for e in upcoming), ["not_open", "open"])
        for event in events:
            event_en = event.get_translation(self.en).specific
            self.assertIn("示例", event.agenda_note)
            self.assertIn("sample", event_en.agenda_note)
            self.assertTrue(event.speakers.exists())
            for person, _role in event.speaker_entries:
                self.assertIn("（示例）", person.name)
            for person, _role in event_en.speaker_entries:
                self.assertIn("(sample)", person.name)
            sessions = [s for day in event_en.agenda_days() for s in day.sessions]
            self.assertGreaterEqual(len(sessions), 3)
            self.assertFalse(any(re.search(r"[\u4e00-\u9fff]", s.title) for s in sessions))
            for page in (event, event_en):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200, page.url)
                self.assertEqual(self.client.get(page.url + "ics/").status_code, 200)
        open_event = next(e for e in upcoming if e.registration == "open").get_translation(self.en)
        self.assertIn('name="form_token"', self.client.get(open_event.url).content.decode())
        index = EventIndexPage.objects.get(locale=self.en)
        html = self.client.get(index.url).content.decode()
        self.assertIn("Nobel laureates", html)
        self.assertEqual(self.client.get(index.url + "calendar/").status_code, 200)

    def test_job_postings(self):
        postings = list(JobPostingPage.objects.filter(locale=self.zh).live())
        self.assertEqual(len(postings), 8)
        self.assertEqual({p.category for p in postings}, set(JobCategory.values))
        closed = [p for p in postings if not p.is_open()]
        self.assertEqual(len(closed), 1)
        for posting in postings:
            posting_en = posting.get_translation(self.en).specific
            self.assertIn("（示例）", posting.title)
            self.assertIn("(sample)", posting_en.title)
            self.assertIn("不是真实职位", posting.description)
            self.assertIn("not a real vacancy", posting_en.description)
            for page in (posting, posting_en):
                self.assertEqual(self.client.get(page.url).status_code, 200)
        pi = JobPostingPage.objects.get(locale=self.en, slug="principal-investigators")
        self.assertIn(f"recruit {F.PIS_PLANNED_2024} principal investigators", pi.description)
        postdoc = JobPostingPage.objects.get(locale=self.zh, slug="joint-postdoctoral-fellows")
        self.assertIn("深圳湾实验室", postdoc.description)
        phd = JobPostingPage.objects.get(locale=self.en, slug="smart-program-phd")
        self.assertIn("Tsinghua University and Westlake University", phd.description)
        index = JobIndexPage.objects.get(locale=self.en)
        html = self.client.get(index.url).content.decode()
        self.assertIn(closed[0].get_translation(self.en).title, html.split('id="closed-heading"')[1])

    def test_people_are_all_marked_as_samples(self):
        for person in Person.objects.all():
            self.assertTrue("（示例）" in person.name or "(sample)" in person.name, person.name)

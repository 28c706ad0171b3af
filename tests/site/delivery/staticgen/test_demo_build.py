"""A full static build of the real demo content: every page, links, forbidden content, feeds, sitemap,
calendars, forms, search, and a failed build that leaves the served site alone."""

import io
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import NoReverseMatch
from django.utils.html import escape
from icalendar import Calendar
from lxml import etree
from wagtail.models import Page, PageViewRestriction

from content.models import (
    DigestIndexPage,
    EventIndexPage,
    EventPage,
    JobPostingPage,
    StandardPage,
    WhitePaperPage,
)
from delivery.staticgen import build_site, check_links
from delivery.staticgen.render import file_for
from tests.factories.events import event_info, register
from tests.factories.every_page import demo_content

from .helpers import BASE_URL, ORIGIN, forbidden_in, inline_scripts, remove, temporary_output

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ATTENDEE_EMAIL = "attendee.private.7361@example.net"
EDITOR_EMAIL = "editor.private.5512@example.net"
DRAFT_MARKER = "Unpublished draft title 4471"
PRIVATE_MARKER = "Private page 9035"


class DemoBuildTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_content()
        # Personal data, a draft and a private page that must never reach the static site.
        register(event_info(), ATTENDEE_EMAIL)
        editor = get_user_model().objects.create_user("editor-x", EDITOR_EMAIL, "pw-123456-long")
        standard = StandardPage.objects.live().filter(locale__language_code="en").first()
        cls.draft_page_id = standard.pk
        standard.title = DRAFT_MARKER
        standard.save_revision(user=editor)  # saved, not published
        private = StandardPage(title=PRIVATE_MARKER, slug="private-page-9035")
        standard.get_parent().add_child(instance=private)
        private.save_revision(user=editor).publish()
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
        cls.private_page_id = private.pk
        cls.tmp, cls.output = temporary_output()
        cls.stderr = io.StringIO()
        cls.summary = build_site(
            output=cls.output, base_url=BASE_URL, dynamic_origin=ORIGIN, workers=1, stream=cls.stderr
        )
        cls.folder = Path(cls.output).resolve()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        remove(cls.tmp)

    def read(self, path):
        return (self.folder / path).read_text("utf-8")

    def live_pages(self):
        return Page.objects.live().public().filter(depth__gt=1).exclude(pk=self.private_page_id).specific()

    def test_every_live_public_page_of_both_languages_is_written_at_its_url(self):
        pages = list(self.live_pages())
        self.assertGreater(len(pages), 100)
        self.assertEqual({page.locale.language_code for page in pages}, {"zh-hans", "en"})
        for page in pages:
            path = self.folder / file_for(page.url)
            self.assertTrue(path.is_file(), page.url)
            self.assertIn(escape(page.title), path.read_text("utf-8"))
        self.assertEqual(self.summary.pages, len(pages))

    def test_output_is_a_link_to_a_timestamped_build(self):
        self.assertTrue(Path(self.output).is_symlink())
        self.assertEqual(self.folder.parent, Path(self.output).parent / "site.builds")

    def test_no_broken_internal_link_or_missing_asset(self):
        self.assertEqual([str(link) for link in check_links(self.folder, BASE_URL)], [])

    def test_assets_images_documents_and_static_files_are_there(self):
        self.assertTrue((self.folder / "static/smart/css/site.css").is_file())
        self.assertTrue((self.folder / "static/smart/js/language-redirect.js").is_file())
        self.assertTrue(any((self.folder / "media/images").rglob("*.*")))
        self.assertTrue(any((self.folder / "documents").rglob("*.pdf")))

    def test_nothing_private_personal_or_session_bound_is_baked_into_any_file(self):
        extra = [ATTENDEE_EMAIL, EDITOR_EMAIL, DRAFT_MARKER, PRIVATE_MARKER, "private-page-9035"]
        self.assertEqual(forbidden_in(self.folder, extra), [])
        self.assertFalse(list(self.folder.rglob("*private-page-9035*")))
        draft = Page.objects.get(pk=self.draft_page_id)
        self.assertTrue((self.folder / file_for(draft.url)).is_file())  # the live version is there

    def test_forms_are_served_by_the_dynamic_origin(self):
        job = JobPostingPage.objects.live().filter(locale__language_code="en").order_by("-closes_on").first()
        self.assertTrue(job.is_open())
        html = self.read(file_for(job.url))
        self.assertIn(f'href="{ORIGIN}{job.url}"', html)
        self.assertNotIn('<form class="intake-form"', html)
        form_pages = [page for page in self.live_pages() if "static-form-link" in self.read(file_for(page.url))]
        kinds = {type(page) for page in form_pages}
        self.assertLessEqual({JobPostingPage, EventPage}, kinds)  # open postings, an event taking registrations
        for page in form_pages:
            self.assertIn(f"{ORIGIN}{page.url}", self.read(file_for(page.url)))

    def test_search_goes_to_the_dynamic_origin(self):
        for language in ("zh-hans", "en"):
            home = self.read(f"{language}/index.html")
            self.assertIn(f'action="{ORIGIN}/{language}/search/"', home)
            self.assertIn(f'data-suggest-url="{ORIGIN}/api/search/suggest/"', home)
            search = self.read(f"{language}/search/index.html")
            self.assertIn(f"url={ORIGIN}/{language}/search/", search)  # without scripts
            # With scripts, the query comes along (tests/site/delivery/staticgen/test_browser.py follows it).
            self.assertIn(f'href="{ORIGIN}/{language}/search/" data-search-target', search)
            self.assertIn('src="/static/smart/js/search-redirect.js"', search)
        self.assertTrue((self.folder / "static/smart/js/search-redirect.js").is_file())

    def test_no_form_has_an_empty_action(self):
        for path in self.folder.rglob("*.html"):
            self.assertNotRegex(path.read_text("utf-8"), r'<form[^>]*action=""', path)

    def test_language_redirect_page(self):
        html = self.read("index.html")
        self.assertIn('<noscript><meta http-equiv="refresh" content="0; url=/zh-hans/"></noscript>', html)
        self.assertIn('href="/zh-hans/"', html)
        self.assertIn('href="/en/"', html)
        self.assertIn('<script src="/static/smart/js/language-redirect.js"></script>', html)
        self.assertIn(f'hreflang="x-default" href="{BASE_URL}/zh-hans/"', html)
        for name, _text in [("index.html", html)]:
            self.assertEqual(inline_scripts(_text), [], name)

    def test_no_inline_scripts_except_structured_data(self):
        for path in self.folder.rglob("*.html"):
            self.assertEqual(inline_scripts(path.read_text("utf-8")), [], path)

    def test_sitemap_with_language_alternates_and_robots(self):
        tree = etree.fromstring((self.folder / "sitemap.xml").read_bytes())
        locations = tree.xpath("//s:url/s:loc/text()", namespaces=SITEMAP_NS)
        indexable = [page for page in self.live_pages() if not page.robots_noindex]
        self.assertLess(len(indexable), self.live_pages().count())  # the demo's status look-up pages
        self.assertEqual(len(locations), len(indexable))
        # The sitemap names no page that asks search engines not to index it.
        for location in locations:
            html = self.read(file_for(location.removeprefix(BASE_URL)))
            self.assertNotRegex(html, r'<meta name="robots" content="[^"]*noindex', location)
        self.assertTrue(all(location.startswith(BASE_URL + "/") for location in locations))
        alternates = tree.xpath("//x:link[@hreflang='en']/@href", namespaces=SITEMAP_NS)
        self.assertTrue(alternates)
        self.assertIn(f"Sitemap: {BASE_URL}/sitemap.xml", self.read("robots.txt"))

    def test_digest_feeds_parse_and_pages_link_the_typed_files(self):
        for language in ("zh-hans", "en"):
            home = self.read(f"{language}/index.html")
            rss_links = [
                line for line in home.splitlines() if 'type="application/rss+xml"' in line and "/feed/rss.xml" in line
            ]
            self.assertTrue(rss_links, language)
        rss_files = list(self.folder.rglob("feed/rss.xml"))
        atom_files = list(self.folder.rglob("feed/atom.xml"))
        self.assertEqual(len(rss_files), 2)
        self.assertEqual(len(atom_files), 2)
        atom = {"a": "http://www.w3.org/2005/Atom"}
        for path in rss_files:
            tree = etree.fromstring(path.read_bytes())
            self.assertEqual(tree.tag, "rss")
            self.assertTrue(tree.xpath("//item"))
        for path in atom_files:
            tree = etree.fromstring(path.read_bytes())
            self.assertEqual(tree.tag, "{http://www.w3.org/2005/Atom}feed")
            self_link = tree.xpath("//a:link[@rel='self']/@href", namespaces=atom)
            self.assertTrue(self_link[0].startswith(BASE_URL) and self_link[0].endswith("/feed/atom.xml"))
        # At the addresses feed readers subscribed to on the dynamic site, the same feeds under names that give
        # their type (feed/rss/index.rss), never as index.html (sent as text/html), each naming itself.
        for kind, index_name in (("rss", "index.rss"), ("atom", "index.atom")):
            for typed in self.folder.rglob(f"feed/{kind}.xml"):
                folder = typed.parent / kind
                self.assertFalse((folder / "index.html").exists(), folder)
                tree = etree.fromstring((folder / index_name).read_bytes())
                address = BASE_URL + "/" + folder.relative_to(self.folder).as_posix() + "/"
                self.assertEqual(tree.xpath("//a:link[@rel='self']/@href", namespaces=atom), [address])

    def test_no_feed_calendar_or_citation_is_written_as_an_html_file(self):
        """Every file named .html is HTML; the routes' typed files are where the README says."""
        for path in self.folder.rglob("*.html"):
            head = path.read_bytes()[:200].lstrip().lower()
            self.assertTrue(head.startswith(b"<!doctype html") or head.startswith(b"<html"), path)
        for event in EventPage.objects.live().public():
            self.assertTrue((self.folder / file_for(event.url + "ics/index.ics")).is_file(), event.url)
        self.assertEqual(len(list(self.folder.rglob("calendar/index.ics"))), 2)
        self.assertTrue(list(self.folder.rglob("cite/bibtex/index.bib")))

    def test_nginx_serves_feeds_and_calendars_with_their_types_at_the_addresses_readers_use(self):
        """The static site behind nginx with delivery.staticgen.routes.nginx_directives(): the dynamic site's
        feed, calendar and citation addresses and the static site's plain files answer with Django's types."""
        from delivery.staticgen.routes import nginx_directives
        from tests.site.delivery.staticgen.nginx import serve_with_nginx

        digest = DigestIndexPage.objects.live().get(locale__language_code="en")
        events = EventIndexPage.objects.live().get(locale__language_code="en")
        event = EventPage.objects.live().filter(locale__language_code="zh-hans").first()
        paper = WhitePaperPage.objects.live().filter(locale__language_code="en").first()
        addresses = {
            digest.url + "feed/rss/": "application/rss+xml; charset=utf-8",
            digest.url + "feed/atom/": "application/atom+xml; charset=utf-8",
            digest.url + "feed/rss.xml": "application/rss+xml; charset=utf-8",
            digest.url + "feed/atom.xml": "application/atom+xml; charset=utf-8",
            events.url + "calendar/": "text/calendar; charset=utf-8",
            events.url + "calendar.ics": "text/calendar; charset=utf-8",
            event.url + "ics/": "text/calendar; charset=utf-8",
            event.url + "event.ics": "text/calendar; charset=utf-8",
            paper.url + "cite/bibtex/": "application/x-bibtex; charset=utf-8",
            paper.url + "cite/citation.bib": "application/x-bibtex; charset=utf-8",
            digest.url: "text/html; charset=utf-8",
        }
        with serve_with_nginx(self.folder, nginx_directives()) as get:
            for address, content_type in addresses.items():
                status, headers, body = get(address)
                self.assertEqual((status, headers.get("Content-Type")), (200, content_type), address)
                if "/feed/" in address:
                    self.assertIn(b"<channel>" if "rss" in address else b"<feed", body, address)
                if content_type.startswith("text/calendar"):
                    self.assertEqual(len(Calendar.from_ical(body).walk("VEVENT")) >= 1, True, address)

    def test_event_and_calendar_ics_files_parse(self):
        events = list(EventPage.objects.live().public())
        self.assertTrue(events)
        for event in events:
            path = self.folder / file_for(event.url + "event.ics")
            calendar = Calendar.from_ical(path.read_bytes())
            self.assertEqual(len(calendar.walk("VEVENT")), 1)
            self.assertIn(f'href="{event.url}event.ics"', self.read(file_for(event.url)))
        calendars = list(self.folder.rglob("calendar.ics"))
        self.assertEqual(len(calendars), 2)
        for path in calendars:
            Calendar.from_ical(path.read_bytes())

    def test_progress_and_summary(self):
        self.assertIn(f"{self.summary.pages}/{self.summary.pages}", self.stderr.getvalue())
        line = self.summary.line()
        for part in (f"{self.summary.pages} ", "pages/s", str(self.output)):
            self.assertIn(part, line)
        self.assertGreater(self.summary.files, self.summary.pages)
        self.assertGreater(self.summary.bytes, 0)

    def test_a_failed_build_leaves_the_served_site_in_place(self):
        served = Path(self.output).resolve()
        before = {path: path.read_bytes() for path in served.rglob("*.html")}
        builds = set(served.parent.iterdir())
        broken = Path(self.tmp) / "broken-theme"
        (broken / "content").mkdir(parents=True)
        (broken / "content/news_article_page.html").write_text("{% url 'no-such-view' %}")
        from django.conf import settings

        templates = [dict(settings.TEMPLATES[0], DIRS=[broken, *settings.TEMPLATES[0]["DIRS"]])]
        with override_settings(TEMPLATES=templates), self.assertRaises(NoReverseMatch):
            build_site(output=self.output, base_url=BASE_URL, dynamic_origin=ORIGIN, workers=1, stream=io.StringIO())
        self.assertEqual(Path(self.output).resolve(), served)
        self.assertEqual(set(served.parent.iterdir()), builds)  # the half-made folder is gone
        self.assertEqual({path: path.read_bytes() for path in served.rglob("*.html")}, before)


class SearchIndexJsonTests(TestCase):
    """Without a dynamic origin the static search page uses a generated index of the pages."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories.pages import build_site as build_tree

        cls.pages = build_tree()
        cls.tmp, cls.output = temporary_output()
        cls.summary = build_site(
            output=cls.output, base_url=BASE_URL, dynamic_origin="", workers=1, stream=io.StringIO()
        )
        cls.folder = Path(cls.output).resolve()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        remove(cls.tmp)

    @override_settings(SITE_BASE_URL=BASE_URL)
    def test_search_page_and_index(self):
        for language in ("zh-hans", "en"):
            page = (self.folder / f"{language}/search/index.html").read_text("utf-8")
            self.assertIn(f'data-index="/{language}/search/index.json"', page)
            self.assertIn('src="/static/smart/js/static-search.js"', page)
            self.assertIn(f'action="/{language}/search/"', page)
            self.assertNotRegex(page, r'<form[^>]*action=""')
            self.assertNotIn("data-suggest-url", page)
            data = json.loads((self.folder / f"{language}/search/index.json").read_text("utf-8"))
            self.assertEqual(data["language"], language)
            urls = {entry["u"] for entry in data["pages"]}
            self.assertIn(self.pages["article_en" if language == "en" else "article"].url, urls)
            self.assertTrue(all(url.startswith(f"/{language}/") for url in urls))
            self.assertTrue(all(set(entry) <= {"t", "u", "k", "s", "d"} for entry in data["pages"]))
        self.assertEqual(check_links(self.folder, BASE_URL), [])

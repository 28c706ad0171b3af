"""Valid output of every page type in both languages: HTML checked by the Nu Html Checker (vnu.jar, one Java run
for all pages), RSS/Atom feeds and iCalendar files parsed strictly, the sitemap validated against the sitemaps.org
schema (tests/site/schemas/).

The site is the bilingual demo content plus the funding pages (tests/factories/every_page.py), built once for the
class; every response (the 500 and 503 pages as their views answer) is fetched once in setUpTestData and checked
by the tests below.
"""

import json
import re
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import feedparser
import icalendar
import lxml.html
from django.core.cache import cache
from django.test import Client, TestCase
from feedparser.datetimes import _parse_date as parse_date
from lxml import etree
from wagtail.models import Page

from content.models import EventIndexPage, EventPage
from records.events.models import Registration
from tests.factories.every_page import (
    SAMPLE_REFERENCE,
    build_every_page,
    concrete_page_models,
    error_page,
    form_values,
    plan_visits,
    uncovered_page_models,
)
from tests.node_tools import VNU_JAR, java, require

SCHEMAS = Path(__file__).resolve().parent / "schemas"
# The schema.org type of the main thing each page type shows (besides its WebPage and BreadcrumbList).
MAIN_ENTITY_TYPES = {
    "content.HomePage": {"WebSite", "Organization"},
    "content.NewsArticlePage": {"NewsArticle"},
    "content.DigestIssuePage": {"PublicationIssue"},
    "content.DigestIndexPage": {"Periodical"},
    "content.EventPage": {"Event"},
    "content.WhitePaperPage": {"Report"},
}
OPEN_GRAPH = ("og:title", "og:type", "og:url", "og:image", "og:image:alt", "og:site_name", "og:locale")
TWITTER = ("twitter:card", "twitter:title", "twitter:image")
FEED_TYPES = {"application/rss+xml": "rss20", "application/atom+xml": "atom10"}
ATOM = "{http://www.w3.org/2005/Atom}"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def fetch(visit):
    """(status, body) of a visit, in a fresh client (its own session); a form visit GETs the page, then POSTs; an
    error page is its view's answer."""
    if visit.error_view:
        response = error_page(visit)
        return response.status_code, response.content
    client = Client()
    if visit.session:
        session = client.session
        session.update(visit.session)
        session.save()
    if not visit.submit:
        response = client.get(visit.path)
        return response.status_code, response.content
    page = client.get(visit.path).content.decode()
    action, values = form_values(page, visit.fill)
    response = client.post(action or visit.path, values)
    return response.status_code, response.content


class Vocabulary:
    """schema.org's types and the properties each may carry (its own and inherited), from
    schemas/schemaorg-vocabulary.json (made by schemas/build_schemaorg_vocabulary.py; no network needed)."""

    def __init__(self):
        data = json.loads((SCHEMAS / "schemaorg-vocabulary.json").read_text("utf-8"))
        self.types, self.bases = data["types"], data["bases"]
        self._cache = {}

    def properties(self, type_name):
        if type_name not in self._cache:
            found, stack, seen = set(), list(self.types[type_name]), set()
            while stack:
                base = stack.pop()
                if base not in seen:
                    seen.add(base)
                    found |= set(self.bases[base]["properties"])
                    stack += self.bases[base]["extends"]
            self._cache[type_name] = found
        return self._cache[type_name]

    def is_a(self, type_name, ancestor):
        """Whether ``type_name`` is ``ancestor`` or a subtype of it (by the property groups it inherits)."""
        return type_name == ancestor or set(self.types[ancestor]) <= self._groups(type_name)

    def _groups(self, type_name):
        groups, stack = set(), list(self.types[type_name])
        while stack:
            base = stack.pop()
            if base not in groups:
                groups.add(base)
                stack += self.bases[base]["extends"]
        return groups

    def problems(self, node, where="", found=None):
        """Every type unknown to schema.org and every property a node's type does not have, with where it is."""
        found = [] if found is None else found
        if isinstance(node, list):
            for number, item in enumerate(node):
                self.problems(item, f"{where}[{number}]", found)
            return found
        if not isinstance(node, dict):
            return found
        if "@graph" in node:
            self.problems(node["@graph"], f"{where}@graph", found)
        names = node.get("@type")
        names = [names] if isinstance(names, str) else names or []
        unknown = [name for name in names if name not in self.types]
        found += [f"{where}: unknown type {name}" for name in unknown]
        if names and not unknown:
            allowed = set().union(*(self.properties(name) for name in names))
            for key in node:
                if key.startswith("@"):
                    continue
                base = re.sub(r"-(input|output)$", "", key)  # an Action's constraints (query-input)
                if key not in allowed and not (base != key and base in allowed and self.is_action(names)):
                    found.append(f"{where}: {'/'.join(names)} has no property {key}")
        elif not names and set(node) - {"@id", "@context", "@graph"}:
            found.append(f"{where}: an object without @type ({', '.join(sorted(node))[:80]})")
        for key, value in node.items():
            if not key.startswith("@"):
                self.problems(value, f"{where}.{key}" if where else key, found)
        return found

    def is_action(self, names):
        return any(self.is_a(name, "Action") for name in names)


def json_ld_nodes(items):
    """Every node of extruct's JSON-LD items, @graph members included, recursively."""
    for item in items:
        if isinstance(item, list):
            yield from json_ld_nodes(item)
        elif isinstance(item, dict):
            yield item
            for key, value in item.items():
                if key == "@graph" or not key.startswith("@"):
                    yield from json_ld_nodes(value if isinstance(value, list) else [value])


def meta_tags(body):
    """{property or name: content} of a page's <meta> tags (OpenGraph uses property=, Twitter name=)."""
    document = lxml.html.fromstring(body)
    tags = {}
    for meta in document.xpath("//head/meta[@content]"):
        key = meta.get("property") or meta.get("name")
        if key:
            tags.setdefault(key, meta.get("content"))
    return tags


def says_noindex(response, body):
    """Whether a page asks search engines not to index it, in its HTML or its headers."""
    header = response.get("X-Robots-Tag", "") if response is not None else ""
    robots = lxml.html.fromstring(body).xpath("//head/meta[@name='robots']/@content")
    return any("noindex" in value.lower() for value in [header, *robots])


def problems_by_file(report, names):
    """vnu's JSON report as {visit name: ["line:column message ⟨extract⟩", ...]}."""
    problems = {}
    for message in report["messages"]:
        name = names.get(Path(urlsplit(message.get("url", "")).path).name, message.get("url", "?"))
        extract = (message.get("extract") or "").replace("\n", " ")[:160]
        problems.setdefault(name, []).append(
            f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')} {message['message']} ⟨{extract}⟩"
        )
    return problems


class ValidOutputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cache.clear()  # the per-IP allowance of form POSTs
        cls.extras = build_every_page()
        planned = {}
        cls.visits = plan_visits(Client(), cls.extras, planned)
        cls.responses = {}
        for visit in cls.visits:
            if visit.path in planned and not (visit.submit or visit.session or visit.error_view):
                cls.responses[visit.name] = (planned[visit.path].status_code, planned[visit.path].content)
            else:
                cls.responses[visit.name] = fetch(visit)

    def html_documents(self):
        """{visit name: HTML bytes} of every visit (the 500 and 503 pages among them)."""
        return {name: body for name, (_status, body) in self.responses.items()}

    def test_every_page_type_is_covered_in_both_languages(self):
        self.assertEqual(
            uncovered_page_models(self.visits),
            [],
            "page types with no page in the checks: add them to tests/factories/every_page.py",
        )
        self.assertGreaterEqual(len(concrete_page_models()), 16)

    def test_every_visit_answers_with_the_expected_status(self):
        wrong = {
            visit.name: (self.responses[visit.name][0], visit.status)
            for visit in self.visits
            if self.responses[visit.name][0] != visit.status
        }
        self.assertEqual(wrong, {}, "visit: (status, expected)")
        # The form visits show what they should: errors, a confirmation with its reference, a look-up result.
        for visit in self.visits:
            html = self.responses[visit.name][1].decode()
            if visit.name.endswith(" errors (zh-hans)") or visit.name.endswith(" errors (en)"):
                self.assertRegex(html, r'class="[^"]*\berrorlist\b|aria-invalid="true"', visit.name)
            if "confirmation" in visit.name:
                self.assertIn(SAMPLE_REFERENCE, html, visit.name)
            if visit.fill:
                self.assertIn(visit.fill["reference"], html, visit.name)

    def test_the_cancellation_link_pages_are_those_of_a_real_registration(self):
        """The question (with its form), the answer once the form was sent: the registration cancelled."""
        for language, registration in self.extras["registrations"].items():
            asked = lxml.html.fromstring(self.responses[f"registration cancellation ({language})"][1])
            done = lxml.html.fromstring(self.responses[f"registration cancelled ({language})"][1])
            self.assertEqual(asked.xpath("//main//*[@data-reference]/text()"), [registration.reference], language)
            self.assertTrue(asked.xpath("//main//form[@method='post']"), language)
            self.assertEqual(done.xpath("//main//*[@data-reference]/text()"), [registration.reference], language)
            self.assertFalse(done.xpath("//main//form"), language)
            registration.refresh_from_db()
            self.assertEqual(registration.status, Registration.Status.CANCELLED, language)

    def test_html_of_every_page_is_valid(self):
        require("vnu", "java")
        documents = self.html_documents()
        with tempfile.TemporaryDirectory(prefix="smart-vnu-") as folder:
            names = {}
            for number, (name, body) in enumerate(sorted(documents.items())):
                filename = f"{number:03d}.html"
                (Path(folder) / filename).write_bytes(body)
                names[filename] = name
            result = subprocess.run(
                [java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always", folder],
                capture_output=True,
                text=True,
                timeout=300,
            )
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        problems = problems_by_file(json.loads(result.stderr), names)
        report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in sorted(problems.items()))
        if problems:
            self.fail(f"Nu Html Checker errors in {len(problems)} of {len(documents)} pages:\n{report}")

    def test_chinese_text_on_english_pages_is_marked_as_chinese(self):
        """WCAG 3.1.2: a Chinese passage on an English page carries lang="zh-Hans" (screen readers switch voice)."""
        unmarked = {}
        for visit in self.visits:
            if visit.language != "en":
                continue
            document = lxml.html.fromstring(self.responses[visit.name][1])
            for element in document.xpath("//body//*[not(self::script or self::style)]"):
                texts = [element.text, *(child.tail for child in element)]
                texts += [element.get(name) for name in ("alt", "title", "aria-label", "placeholder")]
                if not any(text and HAN.search(text) for text in texts):
                    continue
                lang = next((e.get("lang") for e in element.iterancestors(None) if e.get("lang")), None)
                lang = element.get("lang") or lang
                if not (lang or "").lower().startswith("zh"):
                    text = " ".join(t.strip() for t in texts if t and HAN.search(t))
                    unmarked.setdefault(visit.name, []).append(f"<{element.tag}> {text[:80]}")
        report = "\n".join(f"{name}: {items}" for name, items in sorted(unmarked.items()))
        if unmarked:
            self.fail(f"Chinese text without lang=zh-Hans on English pages:\n{report}")

    # -- structured data and sharing ------------------------------------------------------------------------------

    def page_visits(self):
        """The visits that show a page of the site in base.html (not the 500 and 503 pages, which stand alone)."""
        return [visit for visit in self.visits if not visit.error_view]

    def test_structured_data_uses_only_schema_org_vocabulary(self):
        """Every page's JSON-LD, as extruct reads it: only schema.org types, each with only its own properties."""
        vocabulary = Vocabulary()
        problems, types = {}, set()
        for visit in self.page_visits():
            items = extruct.extract(self.responses[visit.name][1].decode(), syntaxes=["json-ld"])["json-ld"]
            found = vocabulary.problems(items)
            if found:
                problems[visit.name] = found
            types |= {
                name
                for node in json_ld_nodes(items)
                for name in ([node["@type"]] if isinstance(node.get("@type"), str) else node.get("@type") or [])
            }
        report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in sorted(problems.items()))
        self.assertFalse(problems, f"JSON-LD outside schema.org's vocabulary:\n{report}")
        expected = {"WebPage", "CollectionPage", "BreadcrumbList", "WebSite", "SearchAction", "Organization"}
        expected |= {"NewsArticle", "PublicationIssue", "Periodical", "Event", "JobPosting", "Report"}
        self.assertLessEqual(expected, types)

    def test_every_page_type_has_its_structured_data(self):
        """Each page: a WebPage (or a kind of it) with the page's address and language, a BreadcrumbList below the
        home page, and the main thing it shows (MAIN_ENTITY_TYPES; an open job posting: a JobPosting)."""
        vocabulary = Vocabulary()
        self.maxDiff = None
        missing = {}
        for visit in self.page_visits():
            if not visit.model or visit.submit or "?" in visit.path or visit.session:
                continue
            html = self.responses[visit.name][1].decode()
            nodes = list(json_ld_nodes(extruct.extract(html, syntaxes=["json-ld"])["json-ld"]))
            by_type = {}
            for node in nodes:
                for name in [node["@type"]] if isinstance(node.get("@type"), str) else node.get("@type") or []:
                    by_type.setdefault(name, []).append(node)
            wanted = set(MAIN_ENTITY_TYPES.get(visit.model, set()))
            if visit.model == "content.JobPostingPage" and "<form" in html:  # open: still a vacancy
                wanted.add("JobPosting")
            if visit.model != "content.HomePage":
                wanted.add("BreadcrumbList")
            lacking = sorted(wanted - set(by_type))
            pages = [node for name, group in by_type.items() if vocabulary.is_a(name, "WebPage") for node in group]
            if len(pages) != 1:
                lacking.append(f"one WebPage (found {len(pages)})")
            # The page the data describes is the one the page names as canonical (a routable page's sub-views,
            # such as the digest's archive, name their page).
            (canonical,) = lxml.html.fromstring(html).xpath("//head/link[@rel='canonical']/@href")
            language = "zh-Hans" if visit.language == "zh-hans" else "en"
            if len(pages) == 1 and (pages[0].get("url"), pages[0].get("inLanguage")) != (canonical, language):
                lacking.append(f"WebPage url/inLanguage: {pages[0].get('url')} {pages[0].get('inLanguage')}")
            for crumbs in by_type.get("BreadcrumbList", []):
                items = crumbs.get("itemListElement", [])
                positions = [item.get("position") for item in items]
                if positions != list(range(1, len(items) + 1)) or items[-1].get("item") != canonical:
                    lacking.append(f"BreadcrumbList ending with the page: {items}")
            for site in by_type.get("WebSite", []):
                action = site.get("potentialAction") or {}
                target = (action.get("target") or {}).get("urlTemplate", "")
                if action.get("@type") != "SearchAction" or "{search_term_string}" not in target:
                    lacking.append(f"WebSite SearchAction: {action}")
            if lacking:
                missing[visit.name] = lacking
        self.assertEqual(missing, {})

    def test_open_graph_and_twitter_card_tags_on_every_page(self):
        """What WeChat and other apps show when a link is shared: title, type, address, picture (absolute, with its
        description), site name and language; a Twitter card."""
        missing = {}
        for visit in self.page_visits():
            tags = meta_tags(self.responses[visit.name][1])
            lacking = [name for name in OPEN_GRAPH + TWITTER if not (tags.get(name) or "").strip()]
            for name in ("og:url", "og:image", "twitter:image"):
                if tags.get(name) and not tags[name].startswith(("http://", "https://")):
                    lacking.append(f"{name} not absolute: {tags[name]}")
            expected_locale = "zh_CN" if visit.language == "zh-hans" else "en_US"
            if tags.get("og:locale") != expected_locale:
                lacking.append(f"og:locale {tags.get('og:locale')}")
            if lacking:
                missing[visit.name] = lacking
        self.assertEqual(missing, {})
        # A page's shared picture is its own (its listing image) where it has one.
        article = next(v for v in self.visits if v.model == "content.NewsArticlePage" and v.language == "en")
        tags = meta_tags(self.responses[article.name][1])
        self.assertIn("/media/images/", tags["og:image"])
        self.assertEqual(tags["og:type"], "article")

    # -- feeds --------------------------------------------------------------------------------------------------

    def discovered_feeds(self):
        """{feed URL: expected feedparser version} from the <link rel="alternate"> of every page."""
        feeds = {}
        for _status, body in self.responses.values():
            document = lxml.html.fromstring(body)
            for link in document.xpath("//head/link[@rel='alternate'][@type]"):
                kind = FEED_TYPES.get(link.get("type"))
                if kind:
                    feeds[link.get("href")] = kind
        return feeds

    def test_feeds_parse_strictly(self):
        feeds = self.discovered_feeds()
        # The digest's RSS and Atom feeds in both languages at least.
        self.assertGreaterEqual(sorted(feeds.values()).count("rss20"), 2, feeds)
        self.assertGreaterEqual(sorted(feeds.values()).count("atom10"), 2, feeds)
        client = Client()
        for url, version in feeds.items():
            with self.subTest(feed=url):
                response = client.get(urlsplit(url).path)
                self.assertEqual(response.status_code, 200)
                body = response.content
                parsed = feedparser.parse(body, response_headers={"content-type": response["Content-Type"]})
                self.assertEqual(parsed.bozo, 0, f"{url}: {parsed.get('bozo_exception')!r}")
                self.assertEqual(parsed.version, version)
                self.assertTrue(parsed.entries, url)
                root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
                if version == "rss20":
                    self.assert_rss(root, url)
                else:
                    self.assert_atom(root, url)

    def assert_rss(self, root, url):
        """RSS 2.0: a channel with title, link and description; items with a title or description, a guid."""
        self.assertEqual((root.tag, root.get("version")), ("rss", "2.0"), url)
        channel = root.find("channel")
        for name in ("title", "link", "description"):
            self.assertTrue((channel.findtext(name) or "").strip(), f"{url}: channel has no {name}")
        for item in channel.findall("item"):
            self.assertTrue(item.findtext("title") or item.findtext("description"), url)
            self.assertTrue(item.findtext("guid"), f"{url}: item without guid")
            self.assertIsNotNone(parse_date(item.findtext("pubDate")), url)

    def assert_atom(self, root, url):
        """Atom (RFC 4287): feed and entries with id, title and updated; feed with a self link."""
        self.assertEqual(root.tag, f"{ATOM}feed", url)
        for element in [root, *root.findall(f"{ATOM}entry")]:
            for name in ("id", "title", "updated"):
                self.assertTrue(element.findtext(f"{ATOM}{name}"), f"{url}: {element.tag} has no {name}")
            self.assertIsNotNone(parse_date(element.findtext(f"{ATOM}updated")), url)
        self.assertTrue(root.xpath("atom:link[@rel='self']", namespaces={"atom": ATOM[1:-1]}), url)

    # -- calendars ----------------------------------------------------------------------------------------------

    def calendar_urls(self):
        """Every event page's .ics, the events calendar feed of each language and every .ics link on the pages."""
        urls = set()
        for event in EventPage.objects.live().specific():
            urls.add(event.url + event.reverse_subpage("ics"))
        for events in EventIndexPage.objects.live().specific():
            urls.add(events.url + events.reverse_subpage("calendar"))
        for _status, body in self.responses.values():
            for href in lxml.html.fromstring(body).xpath("//a[@type='text/calendar']/@href"):
                urls.add(urlsplit(href).path)
        return sorted(urls)

    def test_calendars_parse_strictly(self):
        urls = self.calendar_urls()
        self.assertGreaterEqual(len(urls), 2 * EventPage.objects.live().filter(locale__language_code="en").count())
        client = Client()
        for url in urls:
            with self.subTest(calendar=url):
                response = client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response["Content-Type"].startswith("text/calendar"), response["Content-Type"])
                self.assert_strict_icalendar(response.content, url)

    def assert_strict_icalendar(self, body, url):
        """RFC 5545: CRLF lines of at most 75 octets, no parse error anywhere, the required properties."""
        self.assertTrue(body.endswith(b"\r\n"), url)
        lines = body.split(b"\r\n")[:-1]
        self.assertFalse([line for line in lines if b"\n" in line or b"\r" in line], f"{url}: bare line breaks")
        self.assertFalse([line for line in lines if len(line) > 75], f"{url}: lines over 75 octets")
        calendar = icalendar.Calendar.from_ical(body)
        errors = [(component.name, component.errors) for component in calendar.walk() if component.errors]
        self.assertEqual(errors, [], url)
        self.assertEqual(str(calendar["VERSION"]), "2.0", url)
        self.assertTrue(str(calendar.get("PRODID", "")), url)
        events = calendar.walk("VEVENT")
        for event in events:
            for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                self.assertIn(name, event, f"{url}: VEVENT without {name}")
            if "DTEND" in event:
                self.assertLessEqual(event.decoded("DTSTART"), event.decoded("DTEND"), url)
        timezones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
        for event in events:
            tzid = event["DTSTART"].params.get("TZID")
            if tzid:
                self.assertIn(tzid, timezones, f"{url}: TZID {tzid} without its VTIMEZONE")

    # -- sitemap ------------------------------------------------------------------------------------------------

    def fetch_plain(self, visit):
        """(headers, body) of a plain visit (a GET of its path)."""
        response = Client().get(visit.path)
        return response, response.content

    def test_sitemap_lists_no_page_that_asks_search_engines_not_to_index_it(self):
        """Every address in the sitemap answers 200 and lets search engines index it: no <meta name="robots"
        content="noindex"> and no X-Robots-Tag: noindex (a sitemap listing such a page contradicts it)."""
        namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        document = etree.fromstring(Client().get("/sitemap.xml").content)
        contradicted = []
        for location in document.xpath("//s:url/s:loc/text()", namespaces=namespaces):
            response = Client().get(urlsplit(location).path)
            self.assertEqual(response.status_code, 200, location)
            if says_noindex(response, response.content):
                contradicted.append(location)
        self.assertEqual(contradicted, [])

    def test_sitemap_is_valid_against_the_sitemaps_org_schema(self):
        response = Client().get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-with-alternates.xsd")))
        document = etree.fromstring(response.content, etree.XMLParser(resolve_entities=False, no_network=True))
        self.assertTrue(schema.validate(document), "\n".join(str(error) for error in schema.error_log))
        namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
        locations = [urlsplit(loc).path for loc in document.xpath("//s:url/s:loc/text()", namespaces=namespaces)]
        self.assertEqual(len(locations), len(set(locations)), "a page listed twice")
        live = Page.objects.live().public().filter(depth__gt=1).exclude(content_type__model="page")
        indexable = [page for page in live.specific() if not page.robots_noindex]
        self.assertEqual(len(locations), len(indexable))
        self.assertLess(len(indexable), live.count())  # the status look-up pages say noindex
        shown = {
            visit.path
            for visit in self.visits
            if visit.model and not visit.submit and "?" not in visit.path and not says_noindex(*self.fetch_plain(visit))
        }
        self.assertFalse({path for path in shown if not re.search(r"/archive/", path)} - set(locations))
        # Every page with a translation names it and itself (hreflang), and x-default.
        for url in document.xpath("//s:url[x:link]", namespaces=namespaces):
            langs = url.xpath("x:link/@hreflang", namespaces=namespaces)
            self.assertEqual(
                sorted(langs), ["en", "x-default", "zh-Hans"], url.findtext("s:loc", namespaces=namespaces)
            )

"""What visitors see of the public pages, measured in headless Chromium on a phone (390 x 844) and a desktop
(1280 px), in both languages, on the bilingual demo content (tests/factories/every_page.py).

- Phone first: the facts and actions people come for (an event's date, place, "add to calendar" and
  registration; a job's closing date and "apply"; a white paper's download; a call's deadline and "apply") lie
  in the first screen, above the fold of 844 px.
- Chinese typography: measured line by line (the client rectangles of each character): a figure and its unit
  ("19599.6 万元") on one line, in the page's own font; an agenda's room ("主会场") never one character a line;
  a title's phrases (全球医学科技动态) whole where they fit; no title leaves one character alone on a line.
- No word split across lines: in both languages at 390 and 1280 px, no title, card title, table cell, caption or
  figure breaks a line inside a word that fits on a line (深/圳市, 全球医学科技动/态): Chinese words as
  ``content.chinese_words`` cuts them (jieba with SMART's terms), Latin words between spaces and marks.

Screenshots go to test-artifacts/browser/visitor-*.png.
"""

import re

import pytest
from django.core.cache import cache

from content.chinese_words import HAS_HAN, is_word, segments
from content.models import (
    DigestIndexPage,
    DigestIssuePage,
    EventIndexPage,
    EventPage,
    FundCallPage,
    JobIndexPage,
    JobPostingPage,
    NewsArticlePage,
    NewsIndexPage,
    SectionIndexPage,
    StandardPage,
    WhitePaperIndexPage,
    WhitePaperPage,
)
from tests.factories.every_page import build_every_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BROWSER_LOCALES = {"zh-hans": "zh-CN", "en": "en-US"}
LANGUAGES = ("zh-hans", "en")

# The bottom edge (px, from the top of the page) of each element matched by a selector.
BOTTOMS = """(selectors) => Object.fromEntries(Object.entries(selectors).map(([name, selector]) => {
  const elements = [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length);
  return [name, elements.length ? Math.max(...elements.map((e) => e.getBoundingClientRect().bottom + scrollY)) : null];
}))"""

# What must be in the first screen of each page type: {name: CSS selector}.
KEY_FACTS = {
    "event": {
        "date and time": ".pub-aside .event-when",
        "place": ".pub-aside .event-where",
        "add to calendar": ".pub-aside a[type='text/calendar']",
        "register": ".pub-aside a.button[href='#registration']",
    },
    "job": {"closing date": ".pub-key-facts dd", "apply": ".pub-aside a.button[href='#apply']"},
    "white paper": {"download": ".pub-aside .pub-download a.button"},
    "call": {"deadline": ".call-status p", "apply": ".call-status a.button[href='#application-form']"},
}


@pytest.fixture
def demo_site(browser, transactional_db, django_db_serialized_rollback, live_server, settings):
    """The demo content in both languages (plus the funding pages) behind the live server."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    cache.clear()
    return build_every_page()


def open_page(browser, language, viewport):
    context = browser.new_context(locale=BROWSER_LOCALES[language], viewport=viewport, device_scale_factor=1)
    context.set_default_timeout(60_000)  # the demo's pages on a busy machine
    return context, context.new_page()


def key_pages(language):
    """{page type: [pages]} of the pages whose key facts are measured, in one language."""
    live = {"locale__language_code": language}
    events = EventPage.objects.live().filter(**live).order_by("path")
    open_events = [event for event in events if event.accepts_registrations()]
    return {
        "event": [*open_events, *[event for event in events if event not in open_events][:2]],
        "job": [job for job in JobPostingPage.objects.live().filter(**live) if job.is_open()][:3],
        "white paper": [paper for paper in WhitePaperPage.objects.live().filter(**live) if paper.pdf],
        "call": list(FundCallPage.objects.live().filter(call__isnull=False, **live)),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_key_facts_and_actions_sit_in_the_first_screen_of_a_phone(
    browser, demo_site, live_server, screenshot, language
):
    context, page = open_page(browser, language, PHONE)
    below, missing, measured = [], [], 0
    try:
        for kind, pages in key_pages(language).items():
            assert pages, f"the demo has no {kind} page in {language}"
            for item in pages:
                page.goto(live_server.url + item.url)
                bottoms = page.evaluate(BOTTOMS, KEY_FACTS[kind])
                for name, bottom in bottoms.items():
                    if bottom is None:
                        # Registration is measured where it is open; the rest must be there on every page.
                        if name != "register":
                            missing.append(f"{kind} {item.url}: {name}")
                    elif bottom > PHONE["height"]:
                        below.append(f"{kind} {item.url}: {name} ends at {bottom:.0f} px")
                    else:
                        measured += 1
                if item is pages[0]:
                    screenshot(page, f"visitor-first-screen-{kind}-{language}")
    finally:
        context.close()
    assert not missing, "key facts missing:\n" + "\n".join(missing)
    assert not below, f"below the first screen ({PHONE['height']} px):\n" + "\n".join(below)
    assert measured >= 8


# The lines of each element matched by a selector, as the text of each line (whitespace left out).
LINES = r"""(selector) => [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length).map((e) => {
  const lines = []; let top = null; let current = "";
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.length; i++) {
      if (/\s/.test(node.data[i])) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (top === null || Math.abs(rect.top - top) > rect.height / 2) {
        if (current) lines.push(current);
        current = ""; top = rect.top;
      }
      current += node.data[i];
    }
  }
  if (current) lines.push(current);
  const parent = e.parentElement.getBoundingClientRect().width;
  return {text: e.textContent.trim(), lines, width: e.getBoundingClientRect().width, parent,
          font: getComputedStyle(e).fontFamily, bodyFont: getComputedStyle(document.body).fontFamily};
})"""
CJK = "\u3400-\u9fff"


def lone_character(line):
    """Whether a line holds one Chinese character alone (punctuation aside)."""
    return len(re.sub(rf"[^{CJK}A-Za-z0-9]", "", line)) == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_chinese_lines_break_between_words_and_figures_keep_their_units(
    browser, demo_site, live_server, screenshot, viewport
):
    event = next(e for e in EventPage.objects.live().filter(locale__language_code="zh-hans") if e.agenda_days())
    digest = DigestIndexPage.objects.live().get(locale__language_code="zh-hans")
    problems, measured = [], {"figures": 0, "rooms": 0, "phrases": 0, "titles": 0}
    context, page = open_page(browser, "zh-hans", viewport)
    try:
        for path in ("/zh-hans/", event.url, digest.url, "/zh-hans/news/", "/zh-hans/events/", "/en/"):
            page.goto(live_server.url + path)
            for figure in page.evaluate(LINES, ".figure-grid dd"):
                measured["figures"] += 1
                if len(figure["lines"]) != 1:
                    problems.append(f"{path}: the figure {figure['text']!r} wraps: {figure['lines']}")
                if figure["font"] != figure["bodyFont"]:
                    problems.append(f"{path}: the figure {figure['text']!r} is set in {figure['font']}")
            for room in page.evaluate(LINES, ".agenda-table td.agenda-room"):
                measured["rooms"] += 1
                if len(room["text"]) <= 8 and len(room["lines"]) != 1:
                    problems.append(f"{path}: the room {room['text']!r} breaks: {room['lines']}")
            for phrase in page.evaluate(LINES, ".phrase"):
                measured["phrases"] += 1
                if phrase["width"] < phrase["parent"] - 1 and len(phrase["lines"]) != 1:
                    problems.append(f"{path}: the phrase {phrase['text']!r} breaks: {phrase['lines']}")
            for title in page.evaluate(LINES, "h1, .card-title, .event-title, .job-title, .pub-title"):
                measured["titles"] += 1
                lone = [line for line in title["lines"] if lone_character(line)]
                if lone and len(title["lines"]) > 1:
                    problems.append(f"{path}: the title {title['text']!r} leaves {lone} alone: {title['lines']}")
        screenshot(page, f"visitor-typography-{viewport['width']}")
        page.goto(live_server.url + event.url + "#agenda-heading")
        screenshot(page, f"visitor-typography-agenda-{viewport['width']}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert all(measured.values()), measured


# Each element's visible text and its lines, measured character by character (Range.getClientRects): text
# hidden from sight (.visually-hidden) is left out; lines hold the characters without whitespace.
WORD_LINES = r"""(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.getClientRects().length && !e.closest('.visually-hidden, [hidden]'))
  .map((e) => {
    let text = ""; const lines = []; let top = null; let current = "";
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const range = document.createRange();
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('.visually-hidden')) continue;
      for (let i = 0; i < node.length; i++) {
        const character = node.data[i];
        if (/\s/.test(character)) { text += character; continue; }
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !rect.width) continue;
        text += character;
        if (top === null || Math.abs(rect.top - top) > rect.height / 2) {
          if (current) lines.push(current);
          current = ""; top = rect.top;
        }
        current += character;
      }
    }
    if (current) lines.push(current);
    const style = getComputedStyle(e);
    const width = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {tag: e.tagName.toLowerCase(), text: text.trim(), lines, width, fontSize: parseFloat(style.fontSize)};
  })"""
# Titles, card titles, table cells and figures (with their labels and captions).
WORD_SELECTOR = (
    "h1, h2, h3, h4, .card-title, .event-title, .job-title, .pub-title, th, td, caption, figcaption, "
    ".figure-grid dt, .figure-grid dd"
)
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'’][A-Za-z0-9]+)*")


def words_with_places(text):
    """(word, start, end) of each word a line must not split, with places counted without whitespace: Chinese
    words as ``content.chinese_words`` cuts them, Latin words and numbers between spaces and marks."""
    compact_before, count = [], 0  # for each character of text: the characters before it, whitespace left out
    for character in text:
        compact_before.append(count)
        count += not character.isspace()
    compact_before.append(count)
    start = 0
    for piece in segments(text):
        end = start + len(piece)
        if is_word(piece):
            yield piece, compact_before[start], compact_before[end]
        elif not HAS_HAN.search(piece):
            for match in LATIN_WORD.finditer(piece):
                if len(match.group()) > 1:
                    yield match.group(), compact_before[start + match.start()], compact_before[start + match.end()]
        start = end


def broken_words(element):
    """The words of a measured element that its lines split although the word alone fits on a line."""
    breaks, place = set(), 0
    for line in element["lines"][:-1]:
        place += len(line)
        breaks.add(place)
    return [
        word
        for word, start, end in words_with_places(element["text"])
        if any(start < line_break < end for line_break in breaks)
        and len(word) * element["fontSize"] * 0.9 < element["width"]  # a word wider than its box may break
    ]


def word_pages(language):
    """The pages measured for words split across lines, in one language: cards, titles, tables and figures."""
    live = {"locale__language_code": language}
    with_blocks = [
        page
        for model in (StandardPage, NewsArticlePage)
        for page in model.objects.live().filter(**live).order_by("path")
        if any(block.block_type in ("table", "key_figures", "captioned_image") for block in page.body)
    ]
    events = [event for event in EventPage.objects.live().filter(**live).order_by("path") if event.agenda_days()]
    indexes = [
        model.objects.live().filter(**live).first()
        for model in (DigestIndexPage, NewsIndexPage, EventIndexPage, JobIndexPage, WhitePaperIndexPage)
    ]
    issue = DigestIssuePage.objects.live().filter(**live).order_by("-issue_month").first()
    sections = list(SectionIndexPage.objects.live().filter(**live).order_by("path"))
    pages = [
        f"/{language}/",
        *(page.url for page in [indexes[0], issue, *indexes[1:], *events[:1], *sections, *with_blocks] if page),
    ]
    return list(dict.fromkeys(pages))


def test_no_line_breaks_inside_a_word_in_titles_cards_tables_and_figures(browser, demo_site, live_server, screenshot):
    """At 390 and 1280 px, in both languages: no title, card title, table cell or figure breaks a line inside a
    word (深/圳市, 全球医学科技动/态) where the word fits on a line."""
    problems, measured = [], {}
    for viewport in (PHONE, DESKTOP):
        for language in LANGUAGES:
            context, page = open_page(browser, language, viewport)
            paths = word_pages(language)
            pages_to_show = paths[:4]  # on a phone: the home page, the digest's cards, an issue, the news cards
            try:
                for path in paths:
                    page.goto(live_server.url + path)
                    for element in page.evaluate(WORD_LINES, WORD_SELECTOR):
                        key = (viewport["width"], language)
                        measured[key] = measured.get(key, 0) + 1
                        for word in broken_words(element):
                            problems.append(
                                f"{viewport['width']} px {path} <{element['tag']}> {element['text']!r} breaks "
                                f"{word!r}: {element['lines']}"
                            )
                    if viewport is PHONE and path in pages_to_show:
                        screenshot(page, f"visitor-words-{path.strip('/').replace('/', '-')}")
            finally:
                context.close()
    assert not problems, f"{len(problems)} words split across lines:\n" + "\n".join(problems)
    assert len(measured) == 4 and min(measured.values()) > 100, measured

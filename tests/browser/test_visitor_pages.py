"""What visitors see of the public pages, measured in headless Chromium on a phone (390 x 844) and a desktop
(1280 px), in both languages, on the bilingual demo content (tests/factories/every_page.py).

- Phone first: the facts and actions people come for (an event's date, place, "add to calendar" and
  registration; a job's closing date and "apply"; a white paper's download; a call's deadline and "apply") lie
  in the first screen, above the fold of 844 px.

Screenshots go to test-artifacts/browser/visitor-*.png.
"""

import pytest
from django.core.cache import cache

from content.models import EventPage, FundCallPage, JobPostingPage, WhitePaperPage
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
    context.set_default_timeout(15_000)
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

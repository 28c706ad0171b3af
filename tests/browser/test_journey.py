"""A visitor's journey in a real browser: language negotiation, the language switcher, the menu, and the
phone layout (menu disclosure, skip link)."""

import pytest
from django.utils import translation

from tests.browser.fixtures import PHONE

pytestmark = pytest.mark.browser

ORGANISATION = "Shenzhen Medical Academy of Research and Translation"


def t(message, language):
    """An interface string as the site shows it in that language (whatever locale/ currently translates)."""
    with translation.override(language):
        return translation.gettext(message)


def expected_title(title, language):
    """The <title> base.html writes: the page title, then the organisation name, in that language."""
    return f"{title} | {t(ORGANISATION, language)}"


def assert_page(page, base_url, path, lang, title):
    assert page.url == base_url + path, f"expected {path}, got {page.url}"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.title() == title
    assert page.problems == [], page.problems


def test_chinese_visitor_switches_language_and_navigates(served_site, live_server, new_page, screenshot):
    page = new_page(locale="zh-CN")
    base = live_server.url

    # 1. The bare domain sends a Chinese browser to the Chinese home page.
    page.goto(base + "/")
    assert_page(page, base, "/zh-hans/", "zh-Hans", expected_title(t("Home", "zh-hans"), "zh-hans"))
    assert page.get_by_role("heading", level=1).inner_text() == "探索未来医学"
    screenshot(page, "journey-1-zh-home")

    # 2. The language switcher leads to the English home page.
    switcher = page.get_by_role("navigation", name=t("Language", "zh-hans"), exact=True)
    switcher.locator('a[hreflang="en"]').click()
    page.wait_for_url(base + "/en/")
    assert_page(page, base, "/en/", "en", expected_title("Home", "en"))
    assert page.get_by_role("heading", level=1).inner_text() == "Exploring future medicine"
    screenshot(page, "journey-2-en-home")

    # 3. About from the main menu (the wide menu bar on a desktop screen).
    menu = page.get_by_role("navigation", name="Main", exact=True)
    assert menu.locator("details.nav-toggle").is_hidden()
    menu.locator(".nav-wide").get_by_role("link", name="About SMART").click()
    page.wait_for_url(base + "/en/about/")
    assert_page(page, base, "/en/about/", "en", expected_title("About SMART", "en"))
    current = page.get_by_role("navigation", name="Main", exact=True).locator('.nav-wide a[aria-current="page"]')
    assert current.inner_text() == "About SMART"
    screenshot(page, "journey-3-en-about")

    # 4. Back to Chinese on the same page: the Chinese About page, not the home page.
    page.get_by_role("navigation", name="Language", exact=True).locator('a[hreflang="zh-Hans"]').click()
    page.wait_for_url(base + "/zh-hans/about/")
    assert_page(page, base, "/zh-hans/about/", "zh-Hans", expected_title("关于我们", "zh-hans"))
    assert page.get_by_role("heading", level=1).inner_text() == "关于我们"
    assert page.locator('.language-switcher [aria-current="true"]').inner_text() == "简体中文"
    screenshot(page, "journey-4-zh-about")


def test_english_browser_lands_on_english_home(served_site, live_server, new_page):
    page = new_page(locale="en-US")
    page.goto(live_server.url + "/")
    assert_page(page, live_server.url, "/en/", "en", expected_title("Home", "en"))


def test_phone_menu_and_skip_link(served_site, live_server, new_page, screenshot):
    page = new_page(locale="zh-CN", viewport=PHONE)
    page.goto(live_server.url + "/zh-hans/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "page is wider than the phone"

    # The skip link is the first thing the keyboard reaches, hidden until it has focus.
    skip = page.locator("a.skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0, "skip link is visible before focus"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "phone-skip-link-focused")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # On a phone the wide menu bar is hidden and the Menu disclosure opens the menu.
    nav = page.get_by_role("navigation", name=t("Main", "zh-hans"), exact=True)
    assert nav.locator(".nav-wide").is_hidden()
    toggle = nav.locator("details.nav-toggle")
    about = toggle.get_by_role("link", name="关于我们")
    assert about.is_hidden()
    toggle.locator("summary").click()
    assert toggle.get_attribute("open") is not None
    assert about.is_visible()
    screenshot(page, "phone-menu-open")
    about.click()
    page.wait_for_url(live_server.url + "/zh-hans/about/")
    assert page.get_by_role("heading", level=1).inner_text() == "关于我们"
    assert page.problems == [], page.problems

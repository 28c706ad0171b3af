"""The look of theme `smart` in a real browser: every page type at phone and desktop widths, text contrast,
visible keyboard focus and the print stylesheet. Screenshots go to test-artifacts/browser/."""

import pytest
from django.template.loader import render_to_string

from tests.browser.fixtures import DESKTOP, PHONE
from tests.factories.showcase import build_showcase

pytestmark = pytest.mark.browser

PAGES = [
    ("zh-home", "/zh-hans/"),
    ("en-home", "/en/"),
    ("zh-about", "/zh-hans/about/"),
    ("en-about", "/en/about/"),
    ("zh-news", "/zh-hans/news/"),
    ("zh-news-page-2", "/zh-hans/news/?page=2"),
    ("zh-article", "/zh-hans/news/founding/"),
    ("en-mission", "/en/about/mission/"),
    ("en-untranslated-notice", "/en/?untranslated=1"),
    ("zh-not-found", "/zh-hans/no-such-page/"),
]

# Contrast of each visible text element against the colour behind it (WCAG 2.1 relative luminance).
# Backgrounds are composited from the element up through its ancestors' background colours.
CONTRAST_JS = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const background = (el) => {
    let colour = [0, 0, 0, 0];
    for (let node = el; node; node = node.parentElement) {
      colour = over(colour, parse(getComputedStyle(node).backgroundColor));
      if (colour[3] >= 0.999) return colour;
    }
    return over(colour, [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll("body *")) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText || el.closest(".skip-link, .visually-hidden, script, style, template")) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!rect.width || !rect.height || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    checked += 1;
    if (ratio < (large ? 3 : 4.5)) {
      const text = el.textContent.trim().slice(0, 30);
      failures.push(`${el.tagName.toLowerCase()}.${el.className} "${text}" ${ratio.toFixed(2)}`);
    }
  }
  return { checked, failures };
}
"""

# Loads the lazy pictures too (a full-page screenshot does not scroll) and returns those that failed.
LOAD_IMAGES_JS = """
async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  return images.filter((img) => !img.complete || !img.naturalWidth).map((img) => img.currentSrc || img.src);
}
"""


@pytest.fixture
def showcase(served_site):
    return build_showcase(served_site)


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_pages_render_cleanly(showcase, live_server, new_page, screenshot, viewport_name):
    viewport = {"desktop": DESKTOP, "phone": PHONE}[viewport_name]
    page = new_page(locale="zh-CN", viewport=viewport)
    for name, path in PAGES:
        response = page.goto(live_server.url + path)
        expected_status = 404 if name.endswith("not-found") else 200
        assert response.status == expected_status, path
        if expected_status == 404:
            page.problems = [problem for problem in page.problems if "404" not in problem]
        assert page.problems == [], (path, page.problems)
        # Stylesheet applied, every picture loaded, nothing wider than the screen.
        assert page.evaluate("getComputedStyle(document.body).display") == "flex", path
        broken = page.evaluate(LOAD_IMAGES_JS)
        assert broken == [], (path, broken)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], (path, scroll_width)
        screenshot(page, f"{viewport_name}-{name}")


def test_wide_table_scrolls_inside_its_frame_on_a_phone(showcase, live_server, new_page):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/zh-hans/about/")
    frame = page.locator(".table-wrap")
    sizes = frame.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1], "the table should scroll sideways within .table-wrap"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The scrolling region is reachable by keyboard.
    assert frame.get_attribute("tabindex") == "0"


def test_text_contrast_meets_wcag_aa(showcase, live_server, new_page):
    paths = [
        "/zh-hans/",
        "/en/",
        "/zh-hans/about/",
        "/zh-hans/news/?page=2",
        "/en/about/mission/",
        "/en/?untranslated=1",
    ]
    for viewport in (DESKTOP, PHONE):
        page = new_page(viewport=viewport)
        for path in paths:
            page.goto(live_server.url + path)
            page.locator("details.nav-toggle").evaluate("(el) => { el.open = true; }")
            result = page.evaluate(CONTRAST_JS)
            assert result["checked"] > 10
            assert result["failures"] == [], (path, viewport, result["failures"])


def test_keyboard_focus_is_always_visible(showcase, live_server, new_page, screenshot):
    page = new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/zh-hans/")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const ring = (node) => {
                const s = getComputedStyle(node);
                return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
              };
              const tile = el.closest(".card, .highlight");
              return { text: el.textContent.trim().slice(0, 30), visible: ring(el) || (!!tile && ring(tile)) };
            }"""
        )
        if focus is None:
            break
        seen += 1
        assert focus["visible"], f"no visible focus indicator on {focus['text']!r}"
        if seen == 12:
            screenshot(page, "desktop-keyboard-focus")
    assert seen >= 12


def test_print_stylesheet(showcase, live_server, new_page, screenshot):
    page = new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/zh-hans/about/")
    page.emulate_media(media="print")
    assert page.locator(".main-nav").is_hidden()
    assert page.locator(".language-switcher").is_hidden()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(0, 0, 0)"
    external = page.locator('.footer-legal a[href^="https://"]')
    after = external.evaluate("(a) => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
    internal = page.locator(".breadcrumbs a").first
    assert internal.evaluate("(a) => getComputedStyle(a, '::after').content") in ("none", "normal")
    screenshot(page, "print-zh-about")


def test_server_error_page_is_styled_in_both_languages(served_site, live_server, new_page, screenshot):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/zh-hans/")  # the page's address resolves the stylesheet of the error page
    page.set_content(render_to_string("500.html"))
    page.wait_for_load_state("load")
    assert page.evaluate("getComputedStyle(document.querySelector('.button')).borderRadius") != "0px"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator('[lang="en"] h2').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "phone-server-error")

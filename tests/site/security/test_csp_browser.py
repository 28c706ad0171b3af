"""The Content-Security-Policy in real Chromium: public pages with JSON-LD, the search suggestions and the
language switcher run without a single violation, while an injected inline script is refused; the admin works
under its own policy."""

import json

import pytest
from django.contrib.auth import get_user_model

from tests.factories.publications import build_events

pytestmark = pytest.mark.browser

# Runs before any script of the page (Playwright adds it through the DevTools protocol, outside the page's policy).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI + " " + (event.sourceFile || ""));
});
"""


def open_listening(new_page, locale):
    page = new_page(locale=locale)
    page.add_init_script(LISTEN)
    return page


def violations(page):
    return page.evaluate("window.__violations")


def json_ld_types(page):
    blocks = page.locator('script[type="application/ld+json"]').all_inner_texts()
    return [json.loads(text).get("@type") for text in blocks]


@pytest.fixture
def events_site(served_site):
    return build_events(served_site)


@pytest.mark.parametrize(("locale", "key", "typed"), [("zh-CN", "event", "类器官"), ("en-US", "event_en", "organoid")])
def test_public_page_with_json_ld_search_and_switcher_raises_no_violation(
    events_site, live_server, new_page, locale, key, typed
):
    page = open_listening(new_page, locale)
    event = events_site[key]
    response = page.goto(live_server.url + event.url)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy

    # JSON-LD is data: the browser keeps it (it is not script), the policy does not object to it.
    assert "Event" in json_ld_types(page)

    # The search suggestions script runs (it turns the box into a combobox) and may fetch suggestions.
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"
    box.press_sequentially(typed, delay=30)
    suggestions = page.locator(".search-suggestions")
    suggestions.locator('[role="option"]').first.wait_for(state="visible")
    assert event.title in suggestions.inner_text()

    # The language switcher leads to the other language, again without a violation.
    other = "en" if key == "event" else "zh-Hans"
    with page.expect_navigation():
        page.locator(f'.language-switcher a[hreflang="{other}"]').click()
    assert page.locator("html").get_attribute("lang") == other
    assert "Event" in json_ld_types(page)

    assert violations(page) == []
    assert page.problems == [], page.problems


def test_an_injected_inline_script_is_refused_and_reported(events_site, live_server, new_page):
    """The control for the test above: the listener does see a violation when there is one."""
    page = open_listening(new_page, "zh-CN")
    page.goto(live_server.url + events_site["event"].url)
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.appendChild(script);
          const button = document.createElement("button");
          button.setAttribute("onclick", "window.__clicked = true");
          document.body.appendChild(button);
          button.click();
        }"""
    )
    page.wait_for_function("window.__violations.length >= 2")
    assert page.evaluate("window.__ran === undefined && window.__clicked === undefined")
    assert all(v.startswith("script-src") for v in violations(page)), violations(page)


def test_the_admin_works_under_its_own_policy_and_the_user_bar_under_the_public_one(events_site, live_server, new_page):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    page = open_listening(new_page, "zh-CN")
    response = page.goto(live_server.url + "/admin/login/")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()
    assert page.url == live_server.url + "/admin/"
    seen = violations(page)
    for path in [
        f"/admin/pages/{events_site['event'].pk}/edit/",
        f"/admin/pages/{events_site['home'].pk}/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        seen += violations(page)
    # A public page seen by the signed-in editor keeps the strict policy, and Wagtail's user bar works under it.
    response = page.goto(live_server.url + events_site["event_en"].url)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "private" in response.headers["cache-control"]
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    seen += violations(page)
    assert seen == []
    assert page.problems == [], page.problems

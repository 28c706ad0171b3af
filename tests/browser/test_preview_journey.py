"""The page editor's preview side panel in real Chromium, in each admin language: for one page of every page type
(the demo content plus the funding pages of tests/factories/every_page.py, in the admin's language) an editor
opens the page's editor, opens the preview panel, and the panel's frame shows the page itself (its title, the home
page's hero heading, in the frame's document) without a single Content-Security-Policy violation: none reported to
the console (a ``frame-ancestors`` refusal is only reported there), none seen by a ``securitypolicyviolation``
listener in the editor or in the preview. Public pages keep ``frame-ancestors 'none'``. Screenshots in
test-artifacts/browser/preview-<language>-*.png. The walk is cut into parts, each a share of the page types in one
language, that the test workers run side by side."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from tests.browser.staff import BROWSER_LOCALE
from tests.factories.every_page import build_every_page, concrete_page_models

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
# Runs in every frame before its scripts (the editor and the preview frame alike).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI + " " + location.pathname);
});
"""


def one_page_per_type(language):
    """{model label: a page of that model in the language}, the first in tree order."""
    pages = {}
    for page in Page.objects.filter(locale__language_code=language, depth__gt=1).order_by("path").specific():
        pages.setdefault(page._meta.label, page)
    return pages


@pytest.fixture
def every_page(browser, transactional_db, django_db_serialized_rollback, live_server, settings):
    settings.ROOT_URLCONF = "tests.browser.urls"
    cache.clear()
    build_every_page()


def csp_messages(page):
    return [text for text in page.console_texts if "Content Security Policy" in text or "frame-ancestors" in text]


# The walk is cut into parts (by language and a share of the page types, in their sorted order) that the test
# workers can run side by side; together they open the preview of every page type in both languages.
SHARES = 3


@pytest.mark.parametrize("share", range(SHARES), ids=lambda share: f"part {share + 1} of {SHARES}")
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_preview_panel_shows_every_page_type_without_a_csp_violation(
    every_page, live_server, browser, language, share, screenshot
):
    user = get_user_model().objects.create_superuser(f"editor-{language}", "editor@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    pages = one_page_per_type(language)
    assert sorted(pages) == concrete_page_models()

    context = browser.new_context(locale=BROWSER_LOCALE[language], viewport={"width": 1400, "height": 900})
    context.set_default_timeout(20_000)
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        page.console_texts = []
        page.on("console", lambda message: page.console_texts.append(message.text))
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.locator("form.login-form button[type=submit]").click()
        assert page.url == live_server.url + "/admin/"

        # A public page still refuses to be framed by anyone.
        public = page.request.get(live_server.url + pages["content.HomePage"].url)
        assert "frame-ancestors 'none'" in public.headers["content-security-policy"]

        targets = sorted(pages.items())[share::SHARES]
        assert targets, "a part without page types"
        failures = {}
        for label, target in targets:
            page.console_texts.clear()
            page.goto(live_server.url + f"/admin/pages/{target.pk}/edit/")
            assert page.locator("html").get_attribute("lang") == language
            toggle = page.locator('button[data-side-panel-toggle="preview"]')
            with translation.override(language):
                assert toggle.get_attribute("aria-label") == translation.gettext("Toggle preview")
            if toggle.get_attribute("aria-expanded") != "true":  # the editor reopens the panel last left open
                toggle.click()
            frame_element = page.locator("iframe#w-preview-iframe")
            frame_element.wait_for(state="visible")
            try:
                # The preview frame shows the page: its document carries the page's title.
                page.wait_for_function(
                    r"""(title) => {
                      const frame = document.querySelector("iframe#w-preview-iframe");
                      const doc = frame && frame.contentDocument;
                      return !!doc && !!doc.body && doc.location.href !== "about:blank"
                        && (doc.title.includes(title) || doc.body.textContent.replace(/\s+/g, " ").includes(title));
                    }""",
                    arg=getattr(target, "hero_heading", "") or target.title,  # the home page shows its hero
                    timeout=60_000,  # the first render of a page makes its image renditions
                    # Every 100 ms rather than every frame: reading the frame's whole text sixty times a second
                    # would hold up the very rendering it waits for (the editor and its frame share a thread).
                    polling=100,
                )
                shown = True
            except Exception:  # noqa: BLE001 (Playwright's timeout: reported below with the console)
                shown = False
            frame = frame_element.element_handle().content_frame()
            frame_violations = frame.evaluate("window.__violations || []") if frame and shown else []
            problems = csp_messages(page) + page.evaluate("window.__violations") + frame_violations
            if not shown or problems:
                failures[label] = {"shown": shown, "problems": problems}
            screenshot(page, f"preview-{language}-{label.split('.')[-1]}")
        assert failures == {}, failures
    finally:
        context.close()

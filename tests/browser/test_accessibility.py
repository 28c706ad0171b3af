"""Accessibility of every page type in both languages: axe-core's WCAG 2.1 A/AA rules and its best-practice
rules in headless Chromium.

The pages are those of tests/factories/every_page.py (the demo content plus the funding pages): one page of
every page type per language, the forms with their validation errors shown, their confirmation steps, the
search page with results, the 404 page, the pages of an event registration's cancellation link, and the 500
and 503 pages (their views' answers, served to the browser in place of the home page), each on a desktop
screen (1280 px) and a phone's (390 px). axe-core (node_modules/axe-core, from package.json) is evaluated in
each page; the test fails listing every violation with its rule, impact and the elements concerned.
Screenshots of pages with violations go to test-artifacts/browser/a11y-*.png (of all pages with
A11Y_SCREENSHOTS=1).
"""

import json
import os

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache

from tests.factories.every_page import build_every_page, error_page, planned_visits, uncovered_page_models
from tests.node_tools import AXE_JS, require

from .fixtures import DESKTOP

pytestmark = pytest.mark.browser

# The WCAG 2.1 A and AA rules, and axe's best practices (landmarks named and unique, one main, headings in
# order, ...), which catch what a screen reader user meets although no success criterion names it.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BROWSER_LOCALES = {"zh-hans": "zh-CN", "en": "en-US"}
ALL_SCREENSHOTS = os.environ.get("A11Y_SCREENSHOTS") == "1"
SCREENS = {"desktop": DESKTOP, "phone": {"width": 390, "height": 844}}  # 390 px: today's common phone width

SUBMIT_POST_FORM = """() => {
  const form = [...document.querySelectorAll("main form")].find((f) => f.method.toLowerCase() === "post");
  form.noValidate = true;
  HTMLFormElement.prototype.submit.call(form);
}"""
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 200)})),
  }));
}"""


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"      {node['target']}  {node['html']}\n        {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"      … and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)


def session_cookie(values, live_server_url):
    session = SessionStore()
    session.update(values)
    session.save()
    return {"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server_url}


def serve_error_page(page, url, visit):
    """Answer the browser's request for ``url`` in ``page`` with the visit's error page (its status, headers and
    HTML as the view returns them); the stylesheets and images it asks for come from the live server."""
    response = error_page(visit)
    headers = dict(response.items())
    page.route(
        lambda requested: requested == url,
        lambda route: route.fulfill(status=response.status_code, headers=headers, body=response.content),
    )


# The walk is cut into parts (by language and a share of the visits) that the test workers can run side by side;
# together they make every visit. Each page is checked on both screens in one visit: on a desktop screen, then, the
# window narrowed, on a phone's (the site's layout follows the width in CSS alone, so a narrowed window lays the
# page out as a phone loading it would).
SHARES = 3


@pytest.mark.parametrize("share", range(SHARES), ids=lambda share: f"part {share + 1} of {SHARES}")
@pytest.mark.parametrize("language", BROWSER_LOCALES)
def test_every_page_type_in_both_languages_has_no_axe_violations(
    browser, transactional_db, django_db_serialized_rollback, live_server, settings, screenshot, language, share
):
    require("axe")
    settings.ROOT_URLCONF = "tests.browser.urls"
    cache.clear()
    extras = build_every_page()
    visits = planned_visits(extras)
    assert uncovered_page_models(visits) == []
    visits = [visit for visit in visits if visit.language == language][share::SHARES]

    def new_context():
        context = browser.new_context(
            locale=BROWSER_LOCALES[language], viewport=SCREENS["desktop"], device_scale_factor=1
        )
        context.set_default_timeout(15_000)
        # axe-core runs in every document the context loads, before the page's own scripts: Chromium is handed it
        # once per context instead of half a megabyte of script after each page has loaded.
        context.add_init_script(path=str(AXE_JS))
        return context

    failures, wrong_status = {}, {}
    shared_context = shared_page = None
    try:
        for visit in visits:
            if visit.session:  # a context of its own, with the visit's session
                context = new_context()
                context.add_cookies([session_cookie(visit.session, live_server.url)])
                page = context.new_page()
            elif visit.error_view:  # a tab of its own, whose request for the page its error page answers
                shared_context = context = shared_context or new_context()
                page = context.new_page()
                serve_error_page(page, live_server.url + visit.path, visit)
            else:  # the other visits load one after the other in one tab, as a visitor going from page to page
                shared_context = context = shared_context or new_context()
                shared_page = page = shared_page or context.new_page()
                page.set_viewport_size(SCREENS["desktop"])
            response = page.goto(live_server.url + visit.path)
            # A form that changes something (the registration cancelled) is sent once; both screens show its outcome.
            if visit.submit:
                for field, value in visit.fill.items():
                    page.fill(f'main form[method="post"] [name="{field}"]', value)
                with page.expect_navigation() as navigation:
                    page.evaluate(SUBMIT_POST_FORM)
                response = navigation.value
            if response.status != visit.status:
                wrong_status[visit.name] = (response.status, visit.status)
            for screen in SCREENS:
                name = visit.name if screen == "desktop" else f"{visit.name} [phone]"
                page.set_viewport_size(SCREENS[screen])
                violations = page.evaluate(RUN_AXE, WCAG_TAGS)
                if violations:
                    failures[name] = violations
                if violations or ALL_SCREENSHOTS:
                    screenshot(page, f"a11y-{visit.slug}{'' if screen == 'desktop' else '-phone'}")
            if visit.session:
                context.close()
            elif page is not shared_page:
                page.close()
    finally:
        if shared_context is not None:
            shared_context.close()

    assert wrong_status == {}, "visit: (status, expected)"
    report = "\n".join(f"{name}:\n{describe(violations)}" for name, violations in sorted(failures.items()))
    counts = {name: len(violations) for name, violations in failures.items()}
    assert not failures, (
        f"axe-core ({', '.join(WCAG_TAGS)}) found violations on {len(failures)} of {len(visits) * len(SCREENS)} pages "
        f"{json.dumps(counts, ensure_ascii=False)}:\n{report}"
    )

"""Shared fixtures of the real-browser tests: headless Chromium driven by Playwright against pytest-django's
live server. A plugin of the whole suite (``pytest_plugins`` in tests/conftest.py), so that every test that
uses a browser, wherever it lives, shares the one session-wide Chromium: a second Playwright instance in the
same thread would find the first one's asyncio loop and refuse to start.

The tests skip, naming what is missing, when Chromium or the playwright package is absent; with REQUIRE_BROWSER=1
(set by CI) they fail instead.
"""

import importlib.util
import os
import re
from pathlib import Path

import pytest

from tests.factories import snapshots
from tests.factories.pages import add_navigation, build_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def missing_requirements():
    """What the browser tests need and this machine lacks, in words."""
    missing = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright Python package (pip install -r requirements.txt)")
    return missing


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    missing = missing_requirements()
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread; Django's ORM calls of the fixtures
    # (building pages, flushing the database) would otherwise refuse to run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context: new_page(locale="zh-CN", viewport=DESKTOP).

    Contexts are isolated (no shared cookies); all are closed after the test. Console errors and failed
    requests of the site are collected in page.problems.
    """
    contexts = []

    def open_page(locale="zh-CN", viewport=DESKTOP):
        context = browser.new_context(locale=locale, viewport=viewport, device_scale_factor=1)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("console", lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"))
        page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
        page.on(
            "response",
            lambda response: response.status >= 400 and page.problems.append(f"{response.status} {response.url}"),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to test-artifacts/browser/<name>.png and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def served_site(browser, transactional_db, django_db_serialized_rollback, live_server, settings):
    """build_site() with main menus in both languages, behind the live server.

    The live server reads the database from another thread, so the data must be committed (transactional_db);
    the serialized rollback restores what migrations created (root page, locales) for the tests that follow.
    Uploaded media are served too.
    """
    settings.ROOT_URLCONF = "tests.browser.urls"
    return snapshots.once("served site", _served_site)


def _served_site():
    pages = build_site()
    pages.update(add_navigation(pages))
    return pages

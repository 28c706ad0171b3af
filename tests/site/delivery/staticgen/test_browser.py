"""The static site in a real browser, served by a plain static server: the / language choice and the
client-side search (skips, naming what is missing, without Chromium or Playwright; see tests/browser)."""

import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from delivery.staticgen import build_site
from tests.factories.pages import add_navigation
from tests.factories.pages import build_site as build_tree

from .helpers import remove, temporary_output


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def static_server(browser, db):
    pages = build_tree()
    add_navigation(pages)
    tmp, output = temporary_output()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(output)))
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    build_site(output=output, base_url=base_url, dynamic_origin="", workers=1, stream=io.StringIO())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url, Path(output).resolve()
    server.shutdown()
    server.server_close()
    remove(tmp)


@pytest.mark.parametrize(("locale", "expected"), [("en-US", "/en/"), ("zh-CN", "/zh-hans/"), ("fr-FR", "/zh-hans/")])
def test_the_root_sends_the_visitor_to_their_language(static_server, new_page, locale, expected):
    base_url, _folder = static_server
    page = new_page(locale=locale)
    page.goto(base_url + "/")
    page.wait_for_url(base_url + expected)
    assert page.problems == []


def test_search_works_from_the_generated_index(static_server, new_page):
    base_url, _folder = static_server
    page = new_page(locale="en-US")
    page.goto(base_url + "/en/")
    page.fill("#site-search-q", "founded")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector("#static-search .search-hit")
    assert page.url == base_url + "/en/search/?q=founded"
    assert page.locator(".search-hit-title a").all_inner_texts() == ["SMART is founded"]
    assert page.inner_text("#static-search .search-summary") == "1 result"
    page.goto(base_url + "/zh-hans/search/?q=成立")
    page.wait_for_selector("#static-search .search-hit")
    assert page.locator(".search-hit-title a").all_inner_texts() == ["深圳医学科学院正式成立"]
    assert page.problems == []


ORIGIN = "https://apply.example.org"


@pytest.fixture
def static_server_with_dynamic_origin(browser, db):
    """The static site with its search served by the dynamic site at ORIGIN (which the browser test answers)."""
    build_tree()
    tmp, output = temporary_output()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(output)))
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    build_site(output=output, base_url=base_url, dynamic_origin=ORIGIN, workers=1, stream=io.StringIO())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
    server.shutdown()
    server.server_close()
    remove(tmp)


def test_the_static_search_address_keeps_the_query_on_its_way_to_the_dynamic_search(
    static_server_with_dynamic_origin, new_page
):
    base_url = static_server_with_dynamic_origin
    page = new_page(locale="en-US")
    page.route(f"{ORIGIN}/**", lambda route: route.fulfill(status=200, content_type="text/html", body="<p>search</p>"))
    page.goto(base_url + "/en/search/?q=founded%20SMART")
    page.wait_for_url(f"{ORIGIN}/en/search/?q=founded%20SMART")
    page.goto(base_url + "/zh-hans/search/?q=%E6%88%90%E7%AB%8B")
    page.wait_for_url(f"{ORIGIN}/zh-hans/search/?q=%E6%88%90%E7%AB%8B")

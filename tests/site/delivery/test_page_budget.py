"""Every public page type, in both languages, renders for an anonymous visitor with at most 10 SQL queries and
at most 100 KB of HTML (issue 9). The page cache is off (test settings). Measured twice: with the page fragment
cache off (``PAGE_FRAGMENT_CACHE``: every part of the page rendered) and on (as in production).

Each page is visited once before it is measured, as in a running site where the shared lookups (menus,
footers, locales, routes, view restrictions: ``content.lookups``) are already in the cache.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from tests.factories.every_page import LANGUAGES, SEARCH_TERMS, build_every_page

MAX_QUERIES = 10
MAX_HTML_BYTES = 100 * 1024


def budget_visits(client):
    """(name, url): the first live page of each page model in each language, search, the JSON APIs."""
    visits = []
    for language in LANGUAGES:
        seen = set()
        for page in Page.objects.live().filter(locale__language_code=language, depth__gt=1).order_by("path").specific():
            if page._meta.label not in seen:
                seen.add(page._meta.label)
                visits.append((f"{page._meta.label} ({language})", page.url))
        visits.append((f"search page ({language})", f"/{language}/search/?q={SEARCH_TERMS[language]}"))
        visits.append((f"search API ({language})", f"/api/search/?q={SEARCH_TERMS[language]}&locale={language}"))
    try:
        visits.append(("pages API", reverse("wagtailapi:pages:listing")))
    except NoReverseMatch:
        if client.get("/api/v2/pages/").status_code == 200:
            visits.append(("pages API", "/api/v2/pages/"))
    return visits


@pytest.mark.django_db
@pytest.mark.parametrize("fragment_cache", [False, True], ids=["full render", "fragment cache"])
def test_every_page_type_within_the_query_and_size_budget(client, settings, fragment_cache):
    settings.PAGE_FRAGMENT_CACHE = fragment_cache
    build_every_page()
    visits = budget_visits(client)
    assert len(visits) > 20
    over = []
    for name, url in visits:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        count, size = len(ctx.captured_queries), len(response.content)
        assert count >= 1, (name, url)  # a full render reads the page itself: the count is real, not vacuous
        if count > MAX_QUERIES or size > MAX_HTML_BYTES:
            sql = "\n    ".join(query["sql"][:160] for query in ctx.captured_queries)
            over.append(f"{name} {url}: {count} queries, {size} bytes\n    {sql}")
    assert not over, "Over the budget of 10 queries / 100 KB:\n" + "\n".join(over)

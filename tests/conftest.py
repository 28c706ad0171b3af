import pytest

from tests.factories.pages import build_site

pytest_plugins = ["tests.browser.fixtures"]  # the real-browser fixtures, shared by every test that needs them


@pytest.fixture
def site_tree(db):
    return build_site()


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with empty caches: no page, lookup or rate-limit count is carried over from another."""
    from django.core.cache import cache

    from content import fragments, lookups, renditions

    cache.clear()
    lookups.forget_cached()
    fragments.forget_recent()
    renditions.forget()

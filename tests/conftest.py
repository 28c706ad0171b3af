import pytest

from tests.factories.pages import build_site

# The real-browser fixtures, shared by every test that needs them; moto's S3 server for the object storage tests.
pytest_plugins = ["tests.browser.fixtures", "tests.objectstorage"]


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

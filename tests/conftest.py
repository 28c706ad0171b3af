import copy

import pytest

from tests.factories.pages import build_site

# The real-browser fixtures, shared by every test that needs them; moto's S3 server for the object storage tests.
pytest_plugins = ["tests.browser.fixtures", "tests.objectstorage"]

SHARED_TREE = "_shared_site_tree"


def transactional(item):
    """Whether pytest-django runs this test on a committed, flushed database (no transaction to nest in)."""
    names = getattr(item, "fixturenames", ())
    if {"transactional_db", "live_server", "django_db_serialized_rollback"} & set(names):
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))


def shares_the_tree(item):
    return "site_tree" in getattr(item, "fixturenames", ()) and not transactional(item)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that read ``site_tree`` on a rolled-back database share one tree per module (see ``site_tree``).

    After pytest-django's own ordering (database tests first, then transactional ones), the tests of a module that
    share the tree run last among that module's database tests, so that no test of the module that does not ask for
    the tree ever sees it; the shared tree is set up before any fixture of the test opens its transaction.
    """
    for item in items:
        if shares_the_tree(item) and SHARED_TREE not in item.fixturenames:
            item.fixturenames.insert(_first_function_fixture(item), SHARED_TREE)
    # Runs of consecutive tests of one module stay where pytest-django put them; inside a run, the sharing tests go
    # last (in their order).
    runs, run, module = [], 0, None
    for item in items:
        if item.nodeid.split("::")[0] != module:
            run, module = run + 1, item.nodeid.split("::")[0]
        runs.append(run)
    order = sorted(range(len(items)), key=lambda index: (runs[index], shares_the_tree(items[index]), index))
    items[:] = [items[index] for index in order]


def _first_function_fixture(item):
    """Where the test's first function-scoped fixture is set up (the fixtures before it are wider)."""
    definitions = item._fixtureinfo.name2fixturedefs
    for index, name in enumerate(item.fixturenames):
        if name in definitions and definitions[name][-1].scope == "function":
            return index
    return len(item.fixturenames)


@pytest.fixture(scope="module")
def _shared_site_tree(django_db_setup, django_db_blocker):
    """build_site() once for the module's tests that share it, in a transaction rolled back after the last one.

    Each test runs in a savepoint of that transaction (pytest-django's ``db``), so whatever a test changes in the
    database is undone before the next one, which finds the tree as build_site() left it.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site_tree(request, db):
    """The bilingual page tree of build_site(), as it returns it.

    Tests on a rolled-back database get the module's shared tree (built once, see ``_shared_site_tree``): fresh
    copies of its page objects, the database back where build_site() left it. Transactional tests build their own.
    """
    if SHARED_TREE in request.fixturenames:
        return copy.deepcopy(request.getfixturevalue(SHARED_TREE))
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

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
    """Tests that read ``site_tree`` on a rolled-back database share one tree per module (see ``SharedTree``).

    After pytest-django's own ordering (database tests first, then transactional ones), the sharing tests of a
    module go last in each run of that module's tests, so that the tree is built once for them; the shared tree is
    set up before the first function-scoped fixture of the test (before ``db`` opens the test's transaction).
    """
    for item in items:
        if shares_the_tree(item) and SHARED_TREE not in item.fixturenames:
            item.fixturenames.insert(_first_function_fixture(item), SHARED_TREE)
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


class SharedTree:
    """build_site() once for consecutive tests of a module that share it, in a transaction rolled back after them.

    Each test runs in a savepoint of that transaction (pytest-django's ``db``), so whatever a test changes in the
    database is undone before the next one, which finds the tree as build_site() left it. The transaction ends
    before any other test is set up (``pytest_runtest_setup``), and before the test database goes away.
    """

    def __init__(self):
        self.module = self.atomic = self.pages = self.blocker = None

    def open(self, module, blocker):
        if self.atomic is not None and self.module == module:
            return self.pages
        self.close()
        from django.db import transaction

        self.blocker = blocker
        with blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                self.pages = build_site()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.module, self.atomic = module, atomic
        return self.pages

    def close(self):
        if self.atomic is None:
            return
        from django.db import transaction

        atomic, self.atomic, self.module, self.pages = self.atomic, None, None, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


shared_tree = SharedTree()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that does not share the tree, or shares another module's, finds no shared tree in the database."""
    if shared_tree.module is not None and (not shares_the_tree(item) or shared_tree.module != item.module):
        shared_tree.close()


@pytest.fixture(scope="session")
def _shared_tree_closed(django_db_setup):
    """Closes the last shared tree before the test database is torn down."""
    yield
    shared_tree.close()


@pytest.fixture
def _shared_site_tree(request, _shared_tree_closed, django_db_blocker):
    return shared_tree.open(request.module, django_db_blocker)


@pytest.fixture
def site_tree(request, db):
    """The bilingual page tree of build_site(), as it returns it.

    Tests on a rolled-back database get the module's shared tree (built once, see ``SharedTree``): fresh copies of
    its page objects, the database back where build_site() left it. Transactional tests build their own.
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


@pytest.fixture(scope="session", autouse=True)
def public_changes_at_once():
    """Tests run in transactions that never commit: here each public-content change is told at once (as when
    nothing wraps it in a transaction), so the index and the static site follow as a test publishes. A test of the
    batching itself asks for ``public_changes_on_commit``."""
    from content import publishing

    original = publishing._when_committed
    publishing._when_committed = lambda batch: batch()
    yield
    publishing._when_committed = original


@pytest.fixture
def public_changes_on_commit(monkeypatch):
    """Public-content changes told once per transaction, when it commits, as the running site does."""
    from django.db import transaction

    from content import publishing

    monkeypatch.setattr(publishing, "_when_committed", transaction.on_commit)

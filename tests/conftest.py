import copy

import pytest

from tests import renditions
from tests.factories.pages import site_tree as site_tree_once
from tests.sharing import SHARED_TREE, first_function_fixture, layers_of, shared_tree, shares_the_tree

# The real-browser fixtures, shared by every test that needs them; moto's S3 server for the object storage tests.
pytest_plugins = ["tests.browser.fixtures", "tests.objectstorage"]


# Modules whose tests share a costly module-scoped set-up (production stacks on a PostgreSQL cluster of their own),
# or check what one test leaves to the next: the test workers get each run of their tests whole, so that the set-up
# is made once, not once on each worker, and the tests run one after the other on one worker.
WHOLE_MODULES = {
    "tests/site/delivery/test_several_machines.py",
    "tests/site/delivery/test_production_faults.py",
    "tests/browser/test_database_between_tests.py",
}


def together(first, second):
    """Whether two consecutive tests (node ids) go to the same worker: both of one module of WHOLE_MODULES."""
    module = first.split("::")[0]
    return module in WHOLE_MODULES and second.split("::")[0] == module


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's ``--dist load`` (consecutive runs of tests to each worker, in the collection's order), except
    that a run of tests that belong together (``together``) is never split between two workers."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScheduling

    class KeepingWholeModules(LoadScheduling):
        def _send_tests(self, node, num):
            pending, collection = self.pending, self.collection
            while 0 < num < len(pending) and together(collection[pending[num - 1]], collection[pending[num]]):
                num += 1
            super()._send_tests(node, num)

    return KeepingWholeModules(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that read ``site_tree`` on a rolled-back database share one tree per module (see ``SharedTree``).

    After pytest-django's own ordering (database tests first, then transactional ones), the sharing tests of a
    module go last in each run of that module's tests, grouped by the tree layers they use, so that the tree and
    its layers are built once for each group; the shared tree is set up before the first function-scoped fixture of
    the test (before ``db`` opens the test's transaction).
    """
    for item in items:
        if shares_the_tree(item) and SHARED_TREE not in item.fixturenames:
            item.fixturenames.insert(first_function_fixture(item), SHARED_TREE)
    runs, run, module = [], 0, None
    for item in items:
        if item.nodeid.split("::")[0] != module:
            run, module = run + 1, item.nodeid.split("::")[0]
        runs.append(run)

    def key(index):
        shares = shares_the_tree(items[index])
        layers = tuple(name for name, _builder in layers_of(items[index])) if shares else ()
        return (runs[index], shares, layers, index)

    items[:] = [items[index] for index in sorted(range(len(items)), key=key)]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that does not share the tree, or shares another module's (or other layers), finds no shared tree."""
    if shared_tree.key is None:
        return
    if not shares_the_tree(item) or shared_tree.key != (item.module, tuple(name for name, _ in layers_of(item))):
        shared_tree.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and a copy of it as migrated for the tests that start a PostgreSQL cluster of
    their own (tests/migrated.py); the transactional tests' flush and reload made quicker (snapshots)."""
    from tests import migrated
    from tests.factories import snapshots

    with django_db_blocker.unblock():
        migrated.keep_copy()
        snapshots.quicker_transactional_resets()
    yield
    with django_db_blocker.unblock():
        migrated.drop_copy()


@pytest.fixture(scope="session", autouse=True)
def renditions_encoded_once():
    """Wagtail encodes each rendition once per test run; the tests after get its bytes back (tests/renditions.py)."""
    from wagtail.images.models import AbstractImage

    original = AbstractImage.generate_rendition_file
    AbstractImage.generate_rendition_file = renditions.wrap(original)
    yield
    AbstractImage.generate_rendition_file = original


def pytest_configure(config):
    """The folder of the run's rendition files, made before the test workers start (tests/renditions.py)."""
    if not hasattr(config, "workerinput"):
        renditions.make_folder()


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        renditions.remove_folder()


@pytest.fixture(scope="session")
def _shared_tree_closed(django_db_setup):
    """Closes the last shared tree before the test database is torn down."""
    yield
    shared_tree.close()


@pytest.fixture
def _shared_site_tree(request, _shared_tree_closed, django_db_blocker):
    return shared_tree.open(request.module, layers_of(request.node), django_db_blocker)


@pytest.fixture
def site_tree(request, db):
    """The bilingual page tree of build_site(), as it returns it.

    Tests on a rolled-back database get the module's shared tree (built once, see ``SharedTree``): fresh copies of
    its page objects, the database back where build_site() left it. Transactional tests get one of their own
    (built once per test process, then put back: tests/factories/snapshots.py).
    """
    if SHARED_TREE in request.fixturenames:
        return copy.deepcopy(request.getfixturevalue(SHARED_TREE))
    return site_tree_once()


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with empty caches: no page, lookup or rate-limit count is carried over from another."""
    from django.core.cache import cache

    from content import fragments, lookups, renditions

    cache.clear()
    lookups.forget_cached()
    fragments.forget_recent()
    renditions.forget()


def commits(request):
    """Whether the test's database work commits (transactional tests, the live server, a TransactionTestCase)."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return True
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        transaction, *_others = validate_django_db(marker)  # (transaction, reset_sequences, databases, ...)
        if transaction:
            return True
    cls = request.cls
    return cls is not None and issubclass(cls, TransactionTestCase) and not issubclass(cls, TestCase)


@pytest.fixture(scope="session", autouse=True)
def public_changes_at_once():
    """Tests run in transactions that never commit: there each public-content change is told at once (as when
    nothing wraps it in a transaction), so the index and the static site follow as a test (or a class's or module's
    set-up) publishes. Tests whose work commits keep the site's own way (``public_changes_when_committed``)."""
    from content import publishing

    original = publishing._when_committed
    publishing._when_committed = lambda batch: batch()
    yield
    publishing._when_committed = original


@pytest.fixture(autouse=True)
def public_changes_when_committed(request, public_changes_at_once, monkeypatch):
    """A test whose work commits (transactional tests, the live server's) has public-content changes told as the
    running site tells them: once per transaction, when it commits (at once outside a transaction)."""
    from django.db import transaction

    from content import publishing

    if commits(request):
        monkeypatch.setattr(publishing, "_when_committed", transaction.on_commit)


@pytest.fixture
def public_changes_on_commit(monkeypatch):
    """Public-content changes told once per transaction, when it commits, as the running site does."""
    from django.db import transaction

    from content import publishing

    monkeypatch.setattr(publishing, "_when_committed", transaction.on_commit)

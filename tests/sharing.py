"""One page tree per module for the tests that only read it, and the layers built on it (see ``SharedTree``).

tests/conftest.py orders the tests and sets the shared tree up; test modules mark their own builders on the tree
with ``tree_layer``.
"""

import copy

import pytest

from tests.factories.pages import site_tree

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


def tree_layer(builder):
    """A fixture of what ``builder(site_tree)`` adds to the tree (a digest series, events, ...), built once per module.

    Tests that share the module's tree (see ``SharedTree``) share the layer too: it is built right after the tree,
    in the same transaction, and each test gets fresh copies of what ``builder`` returned, the database back where
    the builder left it. Transactional tests build their own. ``builder`` takes the tree's pages and nothing else.
    """

    def layer(request, site_tree):
        if SHARED_TREE not in request.fixturenames:
            return builder(site_tree)
        value, extends_the_tree = copy.deepcopy(shared_tree.layers[builder.__name__])
        if extends_the_tree:  # the builder added to the pages it was given: the test's site_tree has them too
            site_tree.update(value)
            return site_tree
        return value

    layer.tree_layer = builder
    return pytest.fixture(name=builder.__name__)(layer)


def layers_of(item):
    """The tree layers a test uses, (name, builder) in the order of its fixtures."""
    definitions = getattr(item, "_fixtureinfo", None)
    definitions = definitions.name2fixturedefs if definitions else {}
    found = []
    for name in getattr(item, "fixturenames", ()):
        builder = getattr(definitions[name][-1].func, "tree_layer", None) if name in definitions else None
        if builder is not None:
            found.append((name, builder))
    return tuple(found)


def first_function_fixture(item):
    """Where the test's first function-scoped fixture is set up (the fixtures before it are wider)."""
    definitions = item._fixtureinfo.name2fixturedefs
    for index, name in enumerate(item.fixturenames):
        if name in definitions and definitions[name][-1].scope == "function":
            return index
    return len(item.fixturenames)


class SharedTree:
    """build_site() and the test's tree layers once for consecutive tests of a module that share them, in a
    transaction rolled back after them.

    Each test runs in a savepoint of that transaction (pytest-django's ``db``), so whatever a test changes in the
    database is undone before the next one, which finds the tree as build_site() and the layers left it. The
    transaction ends before any other test is set up (``pytest_runtest_setup``), and before the test database
    goes away.
    """

    def __init__(self):
        self.key = self.atomic = self.pages = self.blocker = None
        self.layers = {}

    def open(self, module, layers, blocker):
        key = (module, tuple(name for name, _builder in layers))
        if self.atomic is not None and self.key == key:
            return self.pages
        self.close()
        from django.db import transaction

        self.blocker = blocker
        with blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                self.pages = site_tree()
                for name, builder in layers:
                    given = copy.deepcopy(self.pages)
                    value = builder(given)
                    self.layers[name] = (value, value is given)
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                self.pages, self.layers = None, {}
                raise
        self.key, self.atomic = key, atomic
        return self.pages

    @property
    def module(self):
        return self.key[0] if self.key else None

    def close(self):
        if self.atomic is None:
            return
        from django.db import transaction

        atomic, self.atomic, self.key, self.pages, self.layers = self.atomic, None, None, None, {}
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


shared_tree = SharedTree()

"""What a slow builder (the demo content, every page type) made, built once per test process and put back after.

``once(name, build)`` runs ``build()`` and returns its value, as calling it would. On PostgreSQL it also keeps
what the build left: every table's rows (``COPY ... TO STDOUT``, binary), the files it wrote under the media and
private-media roots, and its value with model instances kept as (model, primary key). The next ``once`` of the
same name on a database in the same state as before that build (the same rows in every table, whatever their
ids: a fresh test database, rolled back, or flushed for a transactional test) puts all of that back instead of
building again: every table emptied and refilled in one transaction (inside the test's own when there is one, so
it is rolled back with it), the sequences moved past the rows, missing files written again, the caches of public
output told that everything changed. The database and files a test then sees are those the build made.

On another state (a test that added rows first) the builder runs (and is kept for that state too). It always runs
on another database (the embedded SQLite), and when part of what it makes would be elsewhere (an Elasticsearch
index, a static copy of the site, object storage).
"""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

_kept = {}  # (name, digest of the database before the build) -> _Snapshot


class _Snapshot:
    def __init__(self, tables, files, value):
        self.tables, self.files, self.value = tables, files, value


def once(name, build):
    """``build()``'s value; on PostgreSQL, what an earlier build of ``name`` on a database in the same state made,
    put back (see the module docstring)."""
    if connection.vendor != "postgresql" or not _kept_whole():
        return build()
    before = _state()
    kept = _kept.get((name, before))
    if kept is not None:
        _restore(kept)
        return _thaw(kept.value)
    files_before = _files()
    value = build()
    _kept[(name, before)] = _Snapshot(_copy_out(), _new_files(files_before), frozen(value))
    return value


def _kept_whole():
    """Whether all that a build makes lands in the database and the local media folders: not while the public
    search is an Elasticsearch index, a static copy of the site is kept, or files go to object storage."""
    return (
        settings.SEARCH_ENGINE == "embedded"
        and not settings.STATIC_BUILD_DIR
        and settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    )


# -- the database ---------------------------------------------------------------------------------------------------
def _tables():
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _state():
    """A digest of every table's rows without their keys: equal for two databases holding the same rows, whatever
    ids they got (a flushed transactional test's database gets its content types, permissions and groups again,
    under new ids)."""
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND (column_name = 'id' OR column_name LIKE '%\\_id')"
        )
        keys = {}
        for table, column in cursor.fetchall():
            keys.setdefault(table, []).append(column)
        digests = []
        for table in tables:
            row = "(to_jsonb(t) - %s::text[])::text"
            digests.append(
                f"(SELECT md5(coalesce(string_agg(md5({row}), '' ORDER BY md5({row})), '')) FROM {_quote(table)} t)"
            )
        params = [value for table in tables for value in (keys.get(table, []), keys.get(table, []))]
        cursor.execute(f"SELECT {', '.join(digests)}", params)
        row = cursor.fetchone()
    return hashlib.sha256("|".join(f"{t}:{d}" for t, d in zip(tables, row, strict=True)).encode()).hexdigest()


def _quote(name):
    return connection.ops.quote_name(name)


def _copy_out():
    kept = {}
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for table in _tables():
            with raw.copy(f"COPY {_quote(table)} TO STDOUT (FORMAT BINARY)") as copy:
                kept[table] = b"".join(bytes(chunk) for chunk in copy)
    return kept


def _serial_columns(cursor):
    """(table, column, sequence) of every column whose values a sequence gives (serial or identity)."""
    cursor.execute(
        "SELECT t.relname, a.attname, quote_ident(n.nspname) || '.' || quote_ident(s.relname) "
        "FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
        "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
        "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
        "WHERE s.relkind = 'S' AND n.nspname = current_schema()"
    )
    return cursor.fetchall()


def _restore(kept, tables=None):
    """Every table (or only ``tables``) emptied and refilled with the rows ``kept`` holds."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Foreign keys are checked at commit (Django's are deferrable): rows go in whatever the tables' order.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in _tables() if tables is None else tables:
            cursor.execute(f"DELETE FROM {_quote(table)}")
        raw = cursor.cursor
        for table, data in kept.tables.items():
            with raw.copy(f"COPY {_quote(table)} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(data)
        for table, column, sequence in _serial_columns(cursor):
            # Past the highest row, never back (an id a rolled-back test took is not handed out twice).
            cursor.execute(
                f"SELECT setval(%s, GREATEST((SELECT max({_quote(column)}) FROM {_quote(table)}), "
                f"(SELECT last_value FROM {sequence}), 1))",
                [sequence],
            )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for path, data in kept.files.items():
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    # The restored rows' ids, known again at once: a cold cache would make the next transactional test's serialized
    # rollback (Django reloading the database as migrated) create a workflow task's content type while it builds the
    # task, before its own row for that type goes in (a duplicate key).
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
    _forget_public_output()


def _forget_public_output():
    from django.core.cache import cache

    from content import fragments, lookups, publishing, renditions

    cache.clear()
    lookups.forget_cached()
    fragments.forget_recent()
    renditions.forget()
    publishing.bump()


# -- files ----------------------------------------------------------------------------------------------------------
def _roots():
    return [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]


def _files():
    found = {}
    for root in _roots():
        if root.is_dir():
            found.update((path, path.stat().st_mtime_ns) for path in root.rglob("*") if path.is_file())
    return found


def _new_files(before):
    return {path: path.read_bytes() for path, stamp in _files().items() if before.get(path) != stamp}


# -- the value ------------------------------------------------------------------------------------------------------
class _Row:
    def __init__(self, instance):
        self.model, self.pk = type(instance), instance.pk

    def __repr__(self):
        return f"{self.model._meta.label}#{self.pk}"


def frozen(value):
    """``value`` with its model instances as (model, primary key): what a snapshot keeps of a build's value."""
    if isinstance(value, models.Model):
        return _Row(value)
    if isinstance(value, dict):
        return {key: frozen(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(frozen(item) for item in value)
    return value


def _thaw(value):
    if isinstance(value, _Row):
        return value.model._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_thaw(item) for item in value)
    return value


# -- the transactional tests' resets ---------------------------------------------------------------------------------
def quicker_transactional_resets():
    """On PostgreSQL, make the two resets around each transactional test cheaper, with the same result:

    - the flush after it deletes every table's rows in one transaction (``DELETE``, its foreign keys checked at
      commit) instead of one ``TRUNCATE`` of all 230 tables (0.1 s instead of 0.9 s here);
    - the serialized rollback before it (Django reloading what the migrations made from its JSON) puts back the
      rows copied right after the migrations instead (0.1 s instead of 0.5 s);
    - that flush then puts back the rows copied right after the migrations, so every transactional test starts
      from the database as migrated, whichever connection object flushed. (Django reloads only through the object
      that holds the serialized data; in the browser tests' thread, whose event loop gives each task its own
      connection objects, the reload was skipped and the next test found no root page and no locale.);
    - when no flush of ours came first, the rows that the post_migrate handlers make in the emptied database are
      put back from their copy, taken the first time they ran (0.1 s instead of 0.5 s).

    Called once, right after the test database is migrated; a flush that resets sequences or cascades, and a
    reload of any other data, go Django's way.
    """
    if connection.vendor != "postgresql":
        return
    ops, creation = connection.ops, connection.creation
    # On the backend's class, not this connection object: a test's flush may go through another object for the same
    # database (the browser tests' thread keeps an event loop, and Django's connections are per task there), and a
    # TRUNCATE would wait on the live server's open reads (a deadlock, seen in CI).
    ops_class = type(ops)
    sql_flush = ops_class.sql_flush

    def deleting_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED"] + [f"DELETE FROM {_quote(table)}" for table in tables]

    ops_class.sql_flush = deleting_flush
    flushed_to_migrated = []  # set by a flush of ours that put the migrated rows back, until post_migrate is told
    _post_migrate_rows_kept(flushed_to_migrated)
    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized is None:
        return
    migrated = _Snapshot(_copy_out(), {}, None)
    execute_sql_flush = ops_class.execute_sql_flush

    def flush_to_migrated(self, sql_list):
        flushed_to_migrated.clear()
        execute_sql_flush(self, sql_list)
        if sql_list[:1] == ["SET CONSTRAINTS ALL DEFERRED"] and self.connection.alias == connection.alias:
            _restore(migrated)
            flushed_to_migrated[:] = [True]

    ops_class.execute_sql_flush = flush_to_migrated
    deserialize = creation.deserialize_db_from_string

    def reload(data):
        if data == serialized:
            _restore(migrated)
        else:
            deserialize(data)

    creation.deserialize_db_from_string = reload


def _post_migrate_rows_kept(flushed_to_migrated):
    """Django's flush command emits post_migrate once every table is emptied: the handlers' rows are made once, by
    the handlers, and put back from a copy of the tables they filled after every later flush (each flush leaves the
    same empty database, so the handlers would make the same rows again). After a flush that already put the
    migrated rows back (``flushed_to_migrated``), they are there: nothing is made or put back."""
    from django.core.management.commands import flush

    emit = flush.emit_post_migrate_signal
    kept = {}

    def emit_or_put_back(verbosity, interactive, database, **kwargs):
        if database != connection.alias or kwargs:
            return emit(verbosity, interactive, database, **kwargs)
        if flushed_to_migrated:
            flushed_to_migrated.clear()
            return
        if "rows" not in kept:
            emit(verbosity, interactive, database, **kwargs)
            flushed = set(connection.introspection.django_table_names(only_existing=True, include_views=False))
            filled = {table: data for table, data in _copy_out().items() if table in flushed and _has_rows(table)}
            kept["rows"] = _Snapshot(filled, {}, None)
            return
        _restore(kept["rows"], tables=list(kept["rows"].tables))

    flush.emit_post_migrate_signal = emit_or_put_back


def _has_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {_quote(table)})")
        return cursor.fetchone()[0]

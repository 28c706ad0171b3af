"""A copy of the freshly migrated test database, for the tests that start a PostgreSQL cluster of their own.

Migrating an empty database takes about a minute (the project's and Wagtail's 230 migrations); the production-stack
tests (tests/site/delivery/test_production_faults.py, test_several_machines.py) would pay it again for their
cluster's database. Right after pytest-django has created and migrated the test database, ``keep_copy`` copies it
(``CREATE DATABASE ... TEMPLATE``, about a second); ``restore_into`` puts that copy into another server's database
(``pg_dump | pg_restore``), where ``migrate`` then finds nothing left to do. On another database vendor nothing is
kept and those tests migrate as before.
"""

import subprocess
from pathlib import Path

from django.db import connection, connections
from django.db.backends.base.creation import TEST_DATABASE_PREFIX

_copy = {"name": None, "settings": None}


def _admin(settings_dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


def keep_copy():
    """Copy the test database as migrated (PostgreSQL only); called once, before any test has run."""
    if connection.vendor != "postgresql":
        return
    from psycopg import sql

    settings_dict = dict(connection.settings_dict)
    if not settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX):
        return  # no test here uses the database: pytest-django created none
    name = f"{settings_dict['NAME']}_migrated"[:63]
    connections.close_all()  # a template database cannot have other sessions
    with _admin(settings_dict) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(settings_dict["NAME"])
            )
        )
    _copy.update(name=name, settings=settings_dict)


def drop_copy():
    if _copy["name"] is None:
        return
    from psycopg import sql

    with _admin(_copy["settings"]) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(_copy["name"])))
    _copy["name"] = None


def restore_into(pg_bin: Path, host, port, database):
    """Create ``database`` on the server at host:port as a copy of the migrated test database; False (nothing
    done) when no copy was kept."""
    if _copy["name"] is None:
        return False
    source = _copy["settings"]
    dump = [
        str(pg_bin / "pg_dump"),
        "--format=custom",
        "--no-owner",
        "-h",
        source.get("HOST") or "127.0.0.1",
        "-p",
        str(source.get("PORT") or 5432),
        "-U",
        source.get("USER") or "postgres",
        _copy["name"],
    ]
    restore = [str(pg_bin / "pg_restore"), "--no-owner", "-h", host, "-p", str(port), "-U", "postgres"]
    subprocess.run(
        [str(pg_bin / "createdb"), "-h", host, "-p", str(port), "-U", "postgres", database],
        check=True,
        capture_output=True,
        timeout=120,
    )
    dumped = subprocess.run(dump, check=True, capture_output=True, timeout=300)
    subprocess.run([*restore, "-d", database], input=dumped.stdout, check=True, capture_output=True, timeout=300)
    return True

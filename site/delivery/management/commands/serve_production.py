"""The production stack in one command: nginx, gunicorn, the background-task worker and the scheduler, supervised.

``make serve-production`` runs it with the production settings against PostgreSQL and Redis. Before
starting it prepares the database (creates a missing PostgreSQL database, migrates under a lock, so that
machines started together migrate once), compiles the translations and collects the static files. ``--demo``
also loads the demo content and makes sure an admin account exists.

Processes (one that stops is started again after a pause, e.g. a task worker that lost its database
connection while the database restarted; one that keeps failing at once, five times in a row, stops the whole
stack with an error, so the service manager around it, e.g. systemd, takes over):

- ``nginx`` on ``--bind`` (``delivery.frontserver``: its configuration made from ``site/config/nginx.conf.template``
  and checked with ``nginx -t``): static files, public media and the front server's copy of the public pages,
  everything else handed to gunicorn. ``--no-front``: no nginx, gunicorn itself on ``--bind``;
- ``gunicorn -c site/config/gunicorn.py`` on a loopback port behind nginx (workers, threads and timeouts: see
  that module);
- ``manage.py db_worker`` when ``TASKS`` uses the database queue (``django_tasks_db.DatabaseBackend``);
- ``manage.py run_scheduler`` (scheduled publishing; retries of failed notification emails); ``--no-scheduler``
  on every machine but one of several;
- once, ``manage.py build_static_site --front``: the front server's copy of the pages (``STATIC_SITE_FRONT``),
  served by nginx once built; until then, and whenever it stops, Django answers every page.

Ctrl+C or SIGTERM stops them all gracefully.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from delivery import frontserver
from delivery.staticgen import front as front_copy

ROOT = settings.ROOT_DIR
STOP_GRACE_SECONDS = 25
RESTART_PAUSE_SECONDS = 2  # times the number of quick failures in a row
RESTART_GRACE_SECONDS = 30  # a process that ran longer than this before stopping starts with a clean slate
MAX_QUICK_FAILURES = 5


def ensure_postgres_database():
    """Create the configured PostgreSQL database when it does not exist yet (other vendors: nothing to do)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return False
    import psycopg
    from psycopg import sql

    params = {"host": db.get("HOST") or None, "port": db.get("PORT") or None, "user": db.get("USER") or None}
    params["password"] = db.get("PASSWORD") or None
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            return False
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
        except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):  # another machine just made it
            return False
    return True


MIGRATE_LOCK = 0x534D415254  # "SMART": the PostgreSQL advisory lock held while migrating


def migrate():
    """Migrate; on PostgreSQL under an advisory lock, so that app servers starting together migrate one at a time
    (the second finds nothing left to do)."""
    if connection.vendor != "postgresql":
        call_command("migrate", interactive=False, verbosity=0)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK])
        try:
            call_command("migrate", interactive=False, verbosity=0)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK])


def free_loopback_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uses_database_queue():
    return any(options["BACKEND"].startswith("django_tasks_db.") for options in settings.TASKS.values())


# The same commands, in the same order, as `make demo`.
DEMO_COMMANDS = (
    "load_demo",
    "rebuild_search_index",
    "ensure_admin",
)
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ONESHOT = {"front-build"}  # run once at start: never started again


class Command(BaseCommand):
    help = "Prepare and run the production stack: nginx, gunicorn, the task worker and the scheduler."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"), help="the public address")
        parser.add_argument(
            "--front",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="nginx in front (default); --no-front: gunicorn itself on --bind, no copy of the pages",
        )
        parser.add_argument(
            "--upstream",
            default=os.environ.get("GUNICORN_BIND", ""),
            help="gunicorn's address behind nginx (default: a free loopback port)",
        )
        parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: WEB_CONCURRENCY)")
        parser.add_argument("--task-workers", type=int, default=1, help="db_worker processes")
        parser.add_argument("--no-scheduler", action="store_true", help="no scheduler (another machine runs it)")
        parser.add_argument("--no-setup", action="store_true", help="skip migrate, translations and collectstatic")
        parser.add_argument("--demo", action="store_true", help="load the demo content and an admin account")

    def handle(self, *args, bind, front, upstream, workers, task_workers, no_scheduler, no_setup, demo, **options):
        if not no_setup:
            self.setup(demo)
        self.children, self.commands, self.failures, self.started_at = {}, {}, {}, {}
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        manage = [sys.executable, str(ROOT / "manage.py")]
        nginx = None
        if front:
            upstream = upstream or f"127.0.0.1:{free_loopback_port()}"
            env.setdefault("RECORDS_CLIENT_IP_HEADER", "HTTP_X_REAL_IP")  # nginx sets it; REMOTE_ADDR is nginx's
            nginx = self.prepare_front(bind, upstream)
        else:
            upstream = bind
            env["STATIC_BUILD_DIR"] = ""  # no front server: no copy of the pages to keep
        connection.close()  # the children open their own
        env["GUNICORN_BIND"] = upstream
        self.start("web", [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "site/config/gunicorn.py")], env)
        if nginx:
            self.start("front", nginx, env)
        if uses_database_queue():
            for number in range(1, task_workers + 1):
                self.start(f"tasks-{number}", [*manage, "db_worker", "--interval", "1"], env)
        if not no_scheduler:
            self.start("scheduler", [*manage, "run_scheduler"], env)
        if front and front_copy.enabled():
            self.start("front-build", [*manage, "build_static_site", "--front"], env)
        stopping = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopping.append(True))
        ready = False
        try:
            while not stopping:
                for name, proc in list(self.children.items()):
                    if proc.poll() is not None and not stopping:
                        self.restart(name, proc.returncode, env)
                # gunicorn first (asking nginx before it is up would only fill nginx's log), then nginx.
                if not ready and self.responds(upstream) and (upstream == bind or self.responds(bind)):
                    ready = True
                    self.stdout.write(f"Production stack ready at http://{bind}/ ({', '.join(self.children)}).")
                time.sleep(0.2)
        finally:
            self.stop_all()
        self.stdout.write("Production stack stopped.")

    def prepare_front(self, bind, upstream):
        """nginx's configuration for this stack, checked; returns the command that runs nginx."""
        run_dir = Path(settings.VAR_DIR) / "front" / bind.replace(":", "-").replace("[", "").replace("]", "")
        try:
            config = frontserver.prepare(bind, upstream, run_dir)
        except frontserver.FrontServerError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"nginx configuration checked: {config}")
        return frontserver.command(config)

    def restart(self, name, returncode, env):
        """Start a stopped process again after a pause; give up when it keeps stopping as soon as it starts."""
        if name in ONESHOT:
            del self.children[name]
            if returncode:
                self.stderr.write(
                    f"Production stack: {name} failed (exit {returncode}); Django answers every page until the "
                    "next change builds the copy."
                )
            return
        started_at = self.started_at[name]
        quick = time.monotonic() - started_at < RESTART_GRACE_SECONDS
        self.failures[name] = self.failures.get(name, 0) + 1 if quick else 1
        if self.failures[name] > MAX_QUICK_FAILURES:
            raise CommandError(f"Production stack: {name} keeps stopping (exit {returncode}); stopping the rest.")
        self.stderr.write(f"Production stack: {name} stopped (exit {returncode}); starting it again.")
        time.sleep(min(RESTART_PAUSE_SECONDS * self.failures[name], 10))
        self.start(name, self.commands[name], env)

    def setup(self, demo):
        created = ensure_postgres_database()
        if created:
            self.stdout.write(f"Created database {settings.DATABASES['default']['NAME']}.")
        call_command("compile_translations", verbosity=0)
        migrate()
        call_command("collectstatic", interactive=False, verbosity=0)
        if demo:
            # The loaders' own background work (search and reference indexing) runs in this process, so the
            # queue starts empty: no task left behind for a demo page that a later loader replaced.
            with override_settings(TASKS=IMMEDIATE_TASKS):
                for command in DEMO_COMMANDS:
                    call_command(command)
        self.stdout.write("Database migrated, translations compiled, static files collected.")

    def start(self, name, command, env):
        # Each child gets its own process group so that Ctrl+C reaches it only through us, in order.
        self.commands[name] = command
        self.started_at[name] = time.monotonic()
        self.children[name] = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)

    @staticmethod
    def responds(bind):
        """Whether the site answers HTTP at ``bind`` (a TLS redirect is an answer too; nginx's 502-504 for a gunicorn
        not up yet is not)."""
        host, _, port = bind.rpartition(":")
        try:
            conn = HTTPConnection(host.strip("[]"), int(port), timeout=2)
            conn.request("GET", "/robots.txt")
            response = conn.getresponse()
            response.read()
            conn.close()
            return response.status not in (502, 503, 504)
        except OSError:
            return False

    def stop_all(self):
        for name, proc in self.children.items():
            if proc.poll() is None:
                proc.send_signal(signal.SIGQUIT if name == "front" else signal.SIGTERM)  # nginx: finish requests
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for proc in self.children.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

"""The production stack in one command: gunicorn, the background-task worker and the scheduler, supervised.

``make serve-production`` runs it with the production settings against PostgreSQL and Redis. Before
starting it prepares the database (creates a missing PostgreSQL database, migrates), compiles the
translations and collects the static files (served by WhiteNoise from gunicorn, with far-future caching
of hashed names). ``--demo`` also loads the demo content and makes sure an admin account exists.

Processes (one that stops is started again after a pause, e.g. a task worker that lost its database
connection while the database restarted; one that keeps failing at once, five times in a row, stops the whole
stack with an error, so the service manager around it, e.g. systemd, takes over):

- ``gunicorn -c site/config/gunicorn.py`` (workers, threads and timeouts: see that module);
- ``manage.py db_worker`` when ``TASKS`` uses the database queue (``django_tasks_db.DatabaseBackend``);
- ``manage.py run_scheduler`` (scheduled publishing; retries of failed notification emails).

Ctrl+C or SIGTERM stops them all gracefully.
"""

import os
import signal
import subprocess
import sys
import time
from http.client import HTTPConnection

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

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
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
    return True


def uses_database_queue():
    return any(options["BACKEND"].startswith("django_tasks_db.") for options in settings.TASKS.values())


# The same loaders, in the same order, as `make demo`.
DEMO_COMMANDS = (
    "load_grants_demo",
    "load_recruitment_demo",
    "load_donations_demo",
    "load_demo",
    "load_events_demo",
    "rebuild_search_index",
    "ensure_admin",
)
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "Prepare and run the production stack: gunicorn, the task worker and the scheduler."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("GUNICORN_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: WEB_CONCURRENCY)")
        parser.add_argument("--task-workers", type=int, default=1, help="db_worker processes")
        parser.add_argument("--no-setup", action="store_true", help="skip migrate, translations and collectstatic")
        parser.add_argument("--demo", action="store_true", help="load the demo content and an admin account")

    def handle(self, *args, bind, workers, task_workers, no_setup, demo, **options):
        if not no_setup:
            self.setup(demo)
        connection.close()  # the children open their own
        self.children, self.commands, self.failures, self.started_at = {}, {}, {}, {}
        env = {**os.environ, "GUNICORN_BIND": bind, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        manage = [sys.executable, str(ROOT / "manage.py")]
        self.start("web", [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "site/config/gunicorn.py")], env)
        if uses_database_queue():
            for number in range(1, task_workers + 1):
                self.start(f"tasks-{number}", [*manage, "db_worker", "--interval", "1"], env)
        self.start("scheduler", [*manage, "run_scheduler"], env)
        stopping = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopping.append(True))
        ready = False
        try:
            while not stopping:
                for name, proc in list(self.children.items()):
                    if proc.poll() is not None and not stopping:
                        self.restart(name, proc.returncode, env)
                if not ready and self.responds(bind):
                    ready = True
                    self.stdout.write(f"Production stack ready at http://{bind}/ ({', '.join(self.children)}).")
                time.sleep(0.2)
        finally:
            self.stop_all()
        self.stdout.write("Production stack stopped.")

    def restart(self, name, returncode, env):
        """Start a stopped process again after a pause; give up when it keeps stopping as soon as it starts."""
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
        call_command("migrate", interactive=False, verbosity=0)
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
        """Whether gunicorn answers HTTP at ``bind`` (any status: a TLS redirect is an answer too)."""
        host, _, port = bind.rpartition(":")
        try:
            conn = HTTPConnection(host.strip("[]"), int(port), timeout=2)
            conn.request("GET", "/robots.txt")
            conn.getresponse().read()
            conn.close()
            return True
        except OSError:
            return False

    def stop_all(self):
        for proc in self.children.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for proc in self.children.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

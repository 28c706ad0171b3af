"""Benchmark of the production stack: requests/s, p50, p99 and SQL queries per page, uncached and cached.

    .venv/bin/python bench/production.py [--duration 10] [--connections 8] [--threads 2]

Starts ``manage.py serve_production --demo`` (gunicorn workers, task worker, scheduler; PostgreSQL, Redis)
on a free loopback port, against its own PostgreSQL database (``BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/bench_smart``, created and loaded with the demo content on first use)
and Redis database (``BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/5``). Drives it with wrk
(Debian: ``apt-get install wrk``) twice: first with the page cache off (every request renders the page),
then with it on (anonymous visitors served from Redis). Queries per page are counted in this process
with Django's test client against the same database. Not a test: it prints figures and asserts nothing.

Reference on this machine (issue 9): bakerydemo (SQLite, no cache) home 41 req/s (43 queries),
article 86 req/s, listing 51 req/s; nginx, a 30 KB static page, ~54,000 req/s.
Targets: uncached home >= 123, article >= 258, listing >= 153 req/s; <= 10 queries; cached >= 1,500 req/s.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"home": 123, "article": 258, "listing": 153}
CPU_SAMPLES = 20  # renders timed in this process (CPU time: what the page costs, whatever else the machine runs)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stack_env(port, page_cache):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_smart"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "CACHE_KEY_PREFIX": "bench",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "PAGE_CACHE_ENABLED": "true" if page_cache else "false",
        # The load comes from one loopback address: the API's per-IP limit would answer most of it with 429.
        "API_RATE_LIMIT": "10000000/minute",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
    }


def start_stack(port, page_cache, setup):
    args = [sys.executable, str(ROOT / "manage.py"), "serve_production", "--bind", f"127.0.0.1:{port}"]
    args += ["--demo"] if setup else ["--no-setup"]
    proc = subprocess.Popen(args, env=stack_env(port, page_cache), cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"The production stack stopped (exit {proc.returncode}).")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2):
                return proc
        except OSError:
            time.sleep(1)
    stop_stack(proc)
    raise SystemExit("The production stack did not answer in time.")


def stop_stack(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def django_setup(port):
    """This process uses the stack's settings and database, to pick the pages and count their queries."""
    os.environ.update(stack_env(port, page_cache=False))
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    import django

    django.setup()


def pick_pages():
    """(name, kind, url): home, an article, a listing, a digest issue, search, the APIs (when present)."""
    from django.urls import NoReverseMatch, reverse

    from content.models import DigestIssuePage, HomePage, NewsArticlePage, NewsIndexPage

    def first_url(model):
        page = model.objects.live().filter(locale__language_code="zh-hans").order_by("path").first()
        return page.url if page else None

    pages = [
        ("home", "home", first_url(HomePage)),
        ("article", "article", first_url(NewsArticlePage)),
        ("listing (news)", "listing", first_url(NewsIndexPage)),
        ("digest issue", "article", first_url(DigestIssuePage)),
        ("search", "search", "/zh-hans/search/?q=%E6%B7%B1%E5%9C%B3"),
        ("search API", "api", "/api/search/?q=SMART&locale=en"),
    ]
    try:
        pages.append(("pages API", "api", reverse("wagtailapi:pages:listing")))
    except NoReverseMatch:
        if _exists("/api/v2/pages/"):
            pages.append(("pages API", "api", "/api/v2/pages/"))
    return [page for page in pages if page[2]]


def _exists(url):
    from django.test import Client

    return Client().get(url).status_code == 200


def count_queries(url):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)  # warm the lookups, as in a running site
        with connection.execute_wrapper(count):
            response = client.get(url)
        started = time.process_time()
        for _ in range(CPU_SAMPLES):
            client.get(url)
        cpu_ms = (time.process_time() - started) * 1000 / CPU_SAMPLES
    return len(executed), len(response.content), response.status_code, cpu_ms


def load(port, url, options):
    return wrk(f"http://127.0.0.1:{port}{url}", options.duration, options.connections, options.threads)


def wrk(url, duration, connections, threads):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, p50, p99, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and phase")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: install it with `apt-get install wrk` (Debian) and run again.")

    port = free_port()
    print(f"Starting the production stack on 127.0.0.1:{port} (first run loads the demo content)...", flush=True)
    proc = start_stack(port, page_cache=False, setup=True)
    results = {}
    try:
        django_setup(port)
        pages = pick_pages()
        queries = {url: count_queries(url) for _name, _kind, url in pages}
        for name, _kind, url in pages:
            print(f"  uncached: {name} ...", flush=True)
            results[(name, "uncached")] = load(port, url, options)
    finally:
        stop_stack(proc)
    proc = start_stack(port, page_cache=True, setup=False)
    try:
        for name, _kind, url in pages:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{url}").read()  # fill the cache
            print(f"  cached: {name} ...", flush=True)
            results[(name, "cached")] = load(port, url, options)
    finally:
        stop_stack(proc)

    workers = os.environ.get("WEB_CONCURRENCY", f"{(os.cpu_count() or 1) * 2 + 1} (2 x cores + 1)")
    print()
    print(
        f"Production stack: gunicorn workers {workers}, PostgreSQL, Redis; wrk -t{options.threads} "
        f"-c{options.connections} -d{options.duration}s; {os.cpu_count()} CPU cores (shared)."
    )
    print(f"Load average during the run: {os.getloadavg()[0]:.1f} (wrk figures fall when other work shares the CPUs;")
    print("'CPU ms' is the render's own CPU time in this process, Django and the database driver included).")
    header = (
        f"{'page':16} {'url':48} {'queries':>7} {'KB':>5} {'CPU ms':>6}  {'phase':8} {'req/s':>9} {'p50':>9} {'p99':>9}"
    )
    header += f" {'errors':>6}  target"
    print(header)
    print("-" * len(header))
    for name, kind, url in pages:
        count, size, status, cpu_ms = queries[url]
        for phase in ("uncached", "cached"):
            rate, p50, p99, errors = results[(name, phase)]
            target = TARGETS.get(kind) if phase == "uncached" else 1500
            verdict = "" if target is None else (f">= {target} {'met' if rate >= target else 'NOT met'}")
            if phase == "cached" and kind == "api":
                verdict = "(JSON APIs are not page-cached)"
            print(
                f"{name:16} {url[:48]:48} {count:7} {size / 1024:5.0f} {cpu_ms:6.0f}  {phase:8} {rate:9.0f} "
                f"{p50:>9} {p99:>9} {errors:6}  {verdict}"
            )
    print(f"{len(pages)} pages measured, uncached and cached.")


if __name__ == "__main__":
    main()

"""Benchmark of the production stack: requests/s, p50, p99 and SQL queries per page, uncached and cached.

    .venv/bin/python bench/production.py [--duration 10] [--connections 8] [--threads 2] [--phases ...]

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

Machines of the same kind differ in speed from one session to the next (the same code measured 2 to 3 times
apart). When nginx is installed (Debian: ``apt-get install nginx-light``), the benchmark first measures the
issue's own yardstick, nginx serving a 30 KB static page with the same wrk settings, and prints each target
also scaled by this machine's ratio to the 54,000 req/s of the reference machine. "Uncached" means the
full-page cache is off; the page fragment cache (``content.fragments``) and the cached lookups stay on, as in
production. A third phase measures with ``PAGE_FRAGMENT_CACHE=false`` too: every part of every page rendered.
These three phases run gunicorn alone (``--no-front``), as issue 9 measured it.

The phase ``front`` (issue 18) runs the stack as ``make serve-production`` does: nginx in front, serving the front
server's copy of the pages (``delivery.staticgen.front``), and measures each page through nginx next to nginx
serving the plain 30 KB file in the same run (targets: >= 50 % of that rate, p99 < 20 ms). Then it publishes a
change of the article in this process, as an editor's publication does (the page cache purged, the copy withdrawn
as the transaction commits, the update queued for the stack's task worker), and polls the article's URL through
nginx: how long until the change shows (target < 1 s), and until nginx serves it from the copy again.
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
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"home": 123, "article": 258, "listing": 153}
CACHED_TARGET = 1500
REFERENCE_NGINX = 54000  # req/s of nginx serving a 30 KB static page on the issue's reference machine
STATIC_PAGE_BYTES = 30 * 1024
CPU_SAMPLES = 20  # renders timed in this process (CPU time: what the page costs, whatever else the machine runs)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_yardstick(options):
    """req/s of nginx serving a 30 KB static page here (the issue's yardstick), or None without nginx."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        return None
    with tempfile.TemporaryDirectory(prefix="smart-bench-nginx-") as folder:
        folder = Path(folder)
        (folder / "www").mkdir()
        paragraph = "<p>" + "Shenzhen Medical Academy of Research and Translation. " * 8 + "</p>\n"
        body = "<!DOCTYPE html><html lang=en><title>30 KB</title>\n" + paragraph * (STATIC_PAGE_BYTES // len(paragraph))
        (folder / "www" / "index.html").write_text(body)
        os.chmod(folder, 0o755)
        os.chmod(folder / "www", 0o755)
        os.chmod(folder / "www" / "index.html", 0o644)
        port = free_port()
        (folder / "nginx.conf").write_text(
            f"worker_processes auto; pid {folder}/nginx.pid; error_log {folder}/error.log;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; sendfile on; server {{ listen 127.0.0.1:{port}; root {folder}/www; }} }}\n"
        )
        proc = subprocess.Popen([nginx, "-c", str(folder / "nginx.conf"), "-g", "daemon off;"], start_new_session=True)
        try:
            for _ in range(50):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            rate, _p50, _p99, _errors = wrk(
                f"http://127.0.0.1:{port}/index.html", options.duration, options.connections, options.threads
            )
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    return rate


BENCH_VAR = Path(tempfile.gettempdir()) / "smart-bench-production"  # the stack's own var/ (front copy, nginx)


def stack_env(port, page_cache, fragment_cache=True):
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
        "PAGE_FRAGMENT_CACHE": "true" if fragment_cache else "false",
        # The load comes from one loopback address: the API's per-IP limit would answer most of it with 429.
        "API_RATE_LIMIT": "10000000/minute",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
        "VAR_DIR": str(BENCH_VAR),
        "STATIC_ROOT": str(BENCH_VAR / "static"),
        "MEDIA_ROOT": os.environ.get("BENCH_MEDIA_ROOT", str(BENCH_VAR / "media")),
        "PRIVATE_MEDIA_ROOT": str(BENCH_VAR / "private"),
    }


def start_stack(port, page_cache, setup, fragment_cache=True, front=False):
    args = [sys.executable, str(ROOT / "manage.py"), "serve_production", "--bind", f"127.0.0.1:{port}"]
    args += ["--demo"] if setup else ["--no-setup"]
    args += [] if front else ["--no-front"]
    env = stack_env(port, page_cache, fragment_cache)
    proc = subprocess.Popen(args, env=env, cwd=ROOT, start_new_session=True)
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
        client.get(url)  # warm the lookups (and the fragment, when on), as in a running site
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


PHASES = (
    # (name, page cache, fragment cache)
    ("no cache", False, False),
    ("uncached", False, True),
    ("cached", True, True),
)
FRONT_PAGES = ("home", "article", "listing (news)", "digest issue")  # issue 18: through nginx, from the copy
FRONT_SHARE, FRONT_P99_MS, PUBLISH_TARGET = 0.5, 20.0, 1.0
PUBLICATIONS = 5


def wait_for_copy(port, url, timeout=1800):
    """Wait until nginx serves ``url`` from the front server's copy (built at the stack's start)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=5) as answer:
                if answer.headers.get("X-Cache") == "file":
                    return True
        except OSError:
            pass
        time.sleep(1)
    return False


def milliseconds(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def publish_and_poll(port, url):
    """Publish a change of the page at ``url`` in this process and poll it through nginx: (seconds until the change
    shows, seconds until nginx serves it from the copy again) for each of PUBLICATIONS publications."""
    from django.test.utils import override_settings
    from wagtail.models import Page

    from content.models import NewsArticlePage

    page = NewsArticlePage.objects.live().filter(locale__language_code="zh-hans").order_by("path").first()
    original = page.title
    timings = []
    try:
        with override_settings(PAGE_CACHE_ENABLED=True):  # as in the stack: the publication purges the page cache
            for number in range(1, PUBLICATIONS + 1):
                page = Page.objects.get(pk=page.pk).specific
                marker = f"bench-{number}-{int(time.time() * 1000)}"
                page.title = f"{original} {marker}"
                started = time.perf_counter()
                page.save_revision().publish()
                published = time.perf_counter() - started
                shown = served = None
                deadline = started + 120
                while time.perf_counter() < deadline and served is None:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=10) as answer:
                        body = answer.read().decode("utf-8", "replace")
                        elapsed = time.perf_counter() - started
                        if marker in body:
                            shown = shown if shown is not None else elapsed
                            if answer.headers.get("X-Cache") == "file":
                                served = elapsed
                    time.sleep(0.005)
                timings.append((published, shown, served))
    finally:
        page = Page.objects.get(pk=page.pk).specific
        page.title = original
        page.save_revision().publish()
    return timings


def front_phase(port, pages, options):
    """The stack with nginx in front; returns ({page: wrk figures}, publication timings)."""
    proc = start_stack(port, page_cache=True, setup=False, front=True)
    try:
        urls = {name: url for name, _kind, url in pages if name in FRONT_PAGES}
        for url in urls.values():
            if not wait_for_copy(port, url):
                raise SystemExit(f"nginx did not serve {url} from the front server's copy in time.")
        print("  front: the plain 30 KB file, just before ...", flush=True)
        results = {"plain 30 KB file": (nginx_yardstick(options), "", "", 0)}
        for name, url in urls.items():
            print(f"  front: {name} ...", flush=True)
            results[name] = load(port, url, options)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=10) as answer:
                if answer.headers.get("X-Cache") != "file":  # a change during the run (a scheduled publication)
                    print(f"    (after the run, {url} came from Django: X-Cache {answer.headers.get('X-Cache')})")
        print("  front: publishing and polling ...", flush=True)
        timings = publish_and_poll(port, urls["article"])
    finally:
        stop_stack(proc)
    return results, timings


def verdict(rate, target, factor):
    if target is None:
        return ""
    text = f">= {target} {'met' if rate >= target else 'NOT met'}"
    if factor is not None:
        scaled = target * factor
        text += f"; scaled {scaled:.0f} {'met' if rate >= scaled else 'NOT met'}"
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and phase")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--phases",
        nargs="+",
        default=[*(phase for phase, _page, _fragment in PHASES), "front"],
        help="phases to run: 'no cache', 'uncached', 'cached' (gunicorn alone), 'front' (nginx in front)",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: install it with `apt-get install wrk` (Debian) and run again.")

    print("Yardstick: nginx serving a 30 KB static page ...", flush=True)
    nginx_rate = nginx_yardstick(options)
    factor = nginx_rate / REFERENCE_NGINX if nginx_rate else None
    port = free_port()
    results, pages, queries = {}, None, {}
    phases = [phase for phase in PHASES if phase[0] in options.phases]
    print(f"Starting the production stack on 127.0.0.1:{port} (first run loads the demo content)...", flush=True)
    setup = start_stack(port, page_cache=True, setup=True, front=False)
    try:
        django_setup(port)
        pages = pick_pages()
    finally:
        stop_stack(setup)
    for phase, page_cache, fragment_cache in phases:
        proc = start_stack(port, page_cache=page_cache, setup=False, fragment_cache=fragment_cache)
        try:
            if not page_cache:
                from django.test.utils import override_settings

                with override_settings(PAGE_FRAGMENT_CACHE=fragment_cache):
                    for _name, _kind, url in pages:
                        queries[(url, phase)] = count_queries(url)
            for name, _kind, url in pages:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{url}").read()  # fill the caches
                print(f"  {phase}: {name} ...", flush=True)
                results[(name, phase)] = load(port, url, options)
        finally:
            stop_stack(proc)
    front_results, timings = front_phase(port, pages, options) if "front" in options.phases else ({}, [])

    workers = os.environ.get("WEB_CONCURRENCY", f"{(os.cpu_count() or 1) * 2 + 1} (2 x cores + 1)")
    print()
    print(
        f"Production stack: gunicorn workers {workers}, PostgreSQL, Redis; wrk -t{options.threads} "
        f"-c{options.connections} -d{options.duration}s; {os.cpu_count()} CPU cores (shared)."
    )
    if nginx_rate:
        print(
            f"Yardstick: nginx, 30 KB static page: {nginx_rate:,.0f} req/s here, {REFERENCE_NGINX:,} on the issue's "
            f"reference machine: this machine runs at {factor:.2f} x; 'scaled' targets are multiplied by it."
        )
    else:
        print("Yardstick: nginx is not installed (apt-get install nginx-light), so targets are not scaled.")
    print(f"Load average during the run: {os.getloadavg()[0]:.1f} (wrk figures fall when other work shares the CPUs;")
    print("'CPU ms' is the render's own CPU time in this process, Django and the database driver included).")
    print("Phases: 'no cache' = every part of the page rendered (no page, no fragment cache); 'uncached' = page cache")
    print("off, fragment cache on (production without the full-page cache); 'cached' = full-page cache on.")
    header = (
        f"{'page':16} {'url':40} {'queries':>7} {'KB':>5} {'CPU ms':>6}  {'phase':8} {'req/s':>8} {'p50':>9} {'p99':>9}"
    )
    header += f" {'errors':>6}  target"
    print(header)
    print("-" * (len(header) + 30))
    for name, kind, url in pages:
        for phase, page_cache, _fragment_cache in phases:
            count, size, _status, cpu_ms = queries.get((url, "uncached" if page_cache else phase), (0, 0, 0, 0.0))
            rate, p50, p99, errors = results[(name, phase)]
            target = CACHED_TARGET if page_cache else TARGETS.get(kind)
            note = verdict(rate, target, factor)
            if page_cache and kind == "api":
                note = "(JSON APIs are not page-cached)"
            print(
                f"{name:16} {url[:40]:40} {count:7} {size / 1024:5.0f} {cpu_ms:6.1f}  {phase:8} {rate:8.0f} "
                f"{p50:>9} {p99:>9} {errors:6}  {note}"
            )
    print(f"{len(pages)} pages measured in {len(phases)} phases.")
    if front_results:
        print_front(front_results, timings)


def print_front(results, timings):
    nginx_rate = results.pop("plain 30 KB file")[0]
    print()
    print("Front server (issue 18): nginx in front, pages from the front server's copy, measured through nginx,")
    print(f"next to nginx serving the plain 30 KB file just before them ({nginx_rate or 0:,.0f} req/s).")
    print("Targets: >= 50 % of that rate, p99 < 20 ms.")
    header = f"{'page':16} {'req/s':>8} {'of file':>8} {'p50':>9} {'p99':>9} {'errors':>6}  verdict"
    print(header)
    print("-" * (len(header) + 20))
    for name, (rate, p50, p99, errors) in results.items():
        share = rate / nginx_rate if nginx_rate else 0.0
        met = share >= FRONT_SHARE and milliseconds(p99) < FRONT_P99_MS
        verdict = "met" if met else "NOT met"
        print(f"{name:16} {rate:8.0f} {share:8.0%} {p50:>9} {p99:>9} {errors:6}  {verdict}")
    published = [seconds for seconds, _first, _served in timings]
    shown = [first for _published, first, _served in timings if first is not None]
    served = [again for _published, _first, again in timings if again is not None]
    if timings:
        print(
            f"A publication seen through nginx after (s): {', '.join(f'{t:.3f}' for t in shown)}; "
            f"max {max(shown, default=float('nan')):.3f} (target < {PUBLISH_TARGET:.0f} s: "
            f"{'met' if shown and len(shown) == len(timings) and max(shown) < PUBLISH_TARGET else 'NOT met'}),"
        )
        print(
            f"of which the publication itself in this process (Wagtail's publish, its signals): "
            f"{', '.join(f'{t:.3f}' for t in published)}; after it returned: "
            f"{', '.join(f'{b - a:.3f}' for a, b in zip(published, shown, strict=False))}."
        )
        print(
            f"Served from the copy again after (s): {', '.join(f'{t:.2f}' for t in served)} "
            "(the task worker brought the copy in line; Django answered meanwhile)."
        )


if __name__ == "__main__":
    main()

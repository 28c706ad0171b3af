"""Benchmark: the grants staff screens at 10 times the 2023 volume (27,110 applications, 90,000 reviewers).

Builds a throw-away database (``test_<name>`` of DATABASE_URL, or a temporary SQLite file), fills it
with ``load_grants_demo --scale 10 --reviewers 90000``, then times the staff list, a filtered list, a
search and the call dashboard as a grants office user sees them (full admin pages through Django's
test client, median of repeated requests after a warm-up). Target: each under 300 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grantsbench .venv/bin/python bench/grants.py
    .venv/bin/python bench/grants.py --scale 1 --repeat 5      # quicker, at the 2023 volume

It prints figures and never fails on them: it is not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--reviewers", type=int, default=None, help="default: 9,000 x scale")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--target-ms", type=float, default=300.0)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='smart-bench-')}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    reviewers = args.reviewers or round(9000 * args.scale)
    print(
        f"Database: {connection.vendor}; scale {args.scale:g} ({round(2711 * args.scale):,} applications, "
        f"{reviewers:,} reviewers)"
    )
    started = time.monotonic()
    old_config = setup_databases(verbosity=0, interactive=False)
    print(f"Created the benchmark database in {time.monotonic() - started:.0f} s")
    try:
        run(args, reviewers)
    finally:
        teardown_databases(old_config, verbosity=0)


def run(args, reviewers):
    from django.core.management import call_command
    from django.db import connection

    from records.grants.models import Application, Call, Category, Institution, Status
    from tests.factories.grants import office_user

    started = time.monotonic()
    call_command("load_grants_demo", scale=args.scale, reviewers=reviewers)
    print(f"Generated in {time.monotonic() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.test import Client

    client = Client()
    client.force_login(office_user("bench-officer"))
    call = Call.objects.get(code="smrf-2023")
    category = Category.objects.filter(programme=call.programme).order_by("sort_order").first()
    institution = (
        Institution.objects.filter(applications__call=call).order_by("pk").values_list("pk", flat=True).first()
    )
    sample = Application.objects.filter(call=call).order_by("pk")[1234 % Application.objects.count()]
    screens = [
        ("staff list", "/admin/grants/applications/"),
        (
            "filtered list",
            f"/admin/grants/applications/?call={call.pk}&status={Status.NOT_FUNDED}&category={category.pk}"
            f"&institution={institution}",
        ),
        ("search", f"/admin/grants/applications/?q={sample.reference}"),
        ("dashboard", f"/admin/grants/calls/dashboard/{call.pk}/"),
    ]
    print(f"{'screen':<15}{'median ms':>11}{'min ms':>9}{'max ms':>9}  target")
    for label, url in screens:
        response = client.get(url)  # warm-up (templates, caches)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        median = statistics.median(timings)
        verdict = "ok" if median < args.target_ms else "SLOW"
        print(f"{label:<15}{median:>11.0f}{min(timings):>9.0f}{max(timings):>9.0f}  {verdict} (< {args.target_ms:.0f})")
    print(f"Rows: {Application.objects.count():,} applications; done.")


if __name__ == "__main__":
    main()

"""manage.py load_demo: the whole demo site, in order (idempotent; a second run creates nothing).

1. the grants records (``load_grants_demo``: the 2023 call and the open 2024 call, which the call page shows),
2. the recruitment records (``load_recruitment_demo``),
3. the donation records (``load_donations_demo``),
4. the bilingual pages, images, documents, menus and footers (``demo.loader.load_demo``),
5. sample registrations for the events that take them (``load_events_demo``: needs the event pages).

The numbered parts stay commands of their own for the benchmarks and tests that run one part with its options.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.loader import load_demo

PARTS = ("grants", "recruitment", "donations", "pages", "events")


class Command(BaseCommand):
    help = (
        "Load the whole demo site: grants, recruitment and donation records, the bilingual pages (pages, images, "
        "documents, menus, footers) and the events' sample registrations. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", action="append", choices=PARTS, help="Load only this part (repeatable); default: all, in order."
        )

    def handle(self, *args, only=None, **options):
        for part in PARTS:
            if only and part not in only:
                continue
            if part == "pages":
                load_demo(stdout=self.stdout)
            else:
                call_command(f"load_{part}_demo", stdout=self.stdout, stderr=self.stderr)

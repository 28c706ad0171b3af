import time

from django.core.management.base import BaseCommand, CommandError

from demo import grants as demo
from records.grants.models import Programme
from records.grants.services import dashboard


class Command(BaseCommand):
    help = (
        "Create the grants demo data: the 2023 call with the figures of the 2023 work report (124 host "
        "institutions, 2,711 applications from 88 institutions, 2,648 accepted, 285 funded, CNY 195,996,000 "
        "awarded and disbursed) and an open 2024 call. Names, titles and dates are sample data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Volume relative to 2023 (10 = benchmark).")
        parser.add_argument("--reviewers", type=int, default=None, help="Size of the expert pool.")
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--replace", action="store_true", help="Delete all grants records first.")
        parser.add_argument("--no-2024", action="store_true", help="Only the 2023 call.")

    def handle(self, *args, scale, reviewers, seed, replace, no_2024, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        if Programme.objects.exists():
            if not replace:
                self.stdout.write("Grants demo data is already there; use --replace to build it again.")
                return
            self.stdout.write("Removing the existing grants records...")
            demo.clear()
        started = time.monotonic()
        generator = demo.Generator(
            scale=scale, reviewers=reviewers, seed=seed, write=self.stdout.write, with_2024=not no_2024
        )
        call, call_2024 = generator.run()
        figures = dashboard(call)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.0f} s: 2023 call with {figures['registered_institutions']} "
                f"registered institutions, {figures['received']:,} applications from {figures['institutions']} "
                f"institutions, {figures['accepted']:,} accepted, {figures['funded']:,} funded, "
                f"CNY {figures['awarded']:,.0f} awarded, CNY {figures['disbursed']:,.0f} disbursed"
                + (f"; 2024 call open until {call_2024.closes_at:%Y-%m-%d}." if call_2024 else ".")
            )
        )

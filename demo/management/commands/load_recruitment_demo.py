import time

from django.conf import settings
from django.core.management.base import BaseCommand

from demo import recruitment as demo


class Command(BaseCommand):
    help = (
        "Create the recruitment demo data: the four PI interview rounds of 2023 with the seven PIs hired, three "
        "postdocs recruited with Shenzhen Bay Laboratory, the 2024 PI recruitment in progress (plan: 25 PIs) and "
        "SMART Program PhD applications. Candidates, panel members, dates and scores are sample data. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, seed, **options):
        if demo.exists():
            self.stdout.write("Recruitment demo data is already there; nothing to do.")
            return
        started = time.monotonic()
        generator = demo.Generator(seed=seed, write=self.stdout.write, site_base_url=settings.SITE_BASE_URL)
        counts = generator.run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f} s: {counts['applications']} applications, "
                f"{counts['rounds']} interview rounds, {counts['interviews']} interviews, "
                f"{counts['evaluations']} evaluations, {counts['hires']} hires (sample candidates)."
            )
        )

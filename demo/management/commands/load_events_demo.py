"""manage.py load_events_demo: sample registrations for the demo events that take registrations (idempotent)."""

from collections import defaultdict

from django.core.management.base import BaseCommand

from content.models import EventPage
from demo import registrations as demo


class Command(BaseCommand):
    help = (
        "Fill each live event with open registration (see load_demo) with sample registrations: full, with a "
        "waiting list and a few cancellations that moved it up. Names are marked sample, addresses are on "
        "example.org; no email is sent. An event that has registrations already is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, seed, **options):
        events = defaultdict(dict)
        pages = EventPage.objects.live().filter(registration="open").select_related("locale").order_by("start", "pk")
        for page in pages:
            events[page.translation_key][page.locale.language_code] = page.event_info()
        if not events:
            self.stdout.write("No live event takes registrations: run load_demo first. Nothing to do.")
            return
        filled = demo.generate(list(events.values()), seed=seed, write=self.stdout.write)
        registrations = sum(confirmed + waitlisted + cancelled for _title, confirmed, waitlisted, cancelled in filled)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {len(filled)} of {len(events)} event(s) with open registration filled, "
                f"{registrations} sample registrations"
                + (
                    " (" + "; ".join(f"{t}: {c} confirmed, {w} waiting" for t, c, w, _x in filled) + ")."
                    if filled
                    else "; the others had registrations already."
                )
            )
        )

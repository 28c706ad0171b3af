"""manage.py build_static_site: write the whole public site as static files (see delivery.staticgen)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from delivery.staticgen import BuildError, build_site
from delivery.staticgen.storage import OutputError


class Command(BaseCommand):
    help = (
        "Write every live public page of every language, the / language chooser, feeds, sitemap, robots.txt, "
        "calendars, images, public documents and static files into a folder any static server can serve. "
        "The folder is a link swapped to the new build only when it is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=settings.STATIC_BUILD_DIR, help="Output folder (STATIC_BUILD_DIR).")
        parser.add_argument(
            "--base-url", default=settings.SITE_BASE_URL, help="Origin of the static site (SITE_BASE_URL)."
        )
        parser.add_argument(
            "--dynamic-origin",
            default=None,
            help=(
                "Origin of the Django site serving forms and search (default: STATIC_DYNAMIC_ORIGIN, else "
                "SITE_BASE_URL when it differs from --base-url). An empty value: none, search uses a static index."
            ),
        )
        parser.add_argument(
            "--workers", type=int, default=settings.STATIC_BUILD_WORKERS, help="Processes rendering pages."
        )
        parser.add_argument("--check-links", action="store_true", help="Check every internal link of the result.")
        parser.add_argument(
            "--front",
            action="store_true",
            help=(
                "Build the front server's copy of the pages (STATIC_SITE_FRONT: pages as Django answers them, on "
                "SITE_BASE_URL) and serve it from <output>.live once it is in line with every change."
            ),
        )

    def handle(self, *args, **options):
        if options["front"]:
            return self.build_front(options)
        try:
            summary = build_site(
                output=options["output"],
                base_url=options["base_url"],
                dynamic_origin=options["dynamic_origin"],
                workers=options["workers"],
                stream=self.stderr._out,
                check_links=options["check_links"],
            )
        except (BuildError, OutputError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary.line())
        if options["check_links"]:
            for link in summary.broken_links[:50]:
                self.stderr.write(f"broken link: {link}")
            if summary.broken_links:
                raise CommandError(f"{len(summary.broken_links)} broken internal links or missing assets.")
            self.stdout.write("Link check: no broken internal link or missing asset.")

    def build_front(self, options):
        from delivery.staticgen import front

        if not options["output"]:
            raise CommandError("No output folder: pass --output or set STATIC_BUILD_DIR.")
        try:
            _done, served, summary = front.refresh(full=True, output=options["output"], stream=self.stderr._out)
        except (BuildError, OutputError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary.line())
        state = "served" if served else "not served yet (a change came meanwhile: its update serves it)"
        self.stdout.write(f"Front server's copy: {state} from {front.live_link(options['output'])}.")

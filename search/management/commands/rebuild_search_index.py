"""manage.py rebuild_search_index: rebuild the public search index from every live public page."""

import sys
import time

from django.core.management.base import BaseCommand

from search import index
from search.engines import get_engine


class Command(BaseCommand):
    help = "Rebuild the public search index (embedded engine or Elasticsearch) from every live public page."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args, **options):
        engine = get_engine()
        total = index.total_indexable()
        done = 0
        started = time.monotonic()
        show = not options["no_progress"]
        stream = self.stdout

        def progress(count):
            nonlocal done
            done += count
            if show:
                width = 30
                filled = int(width * min(done, total) / total) if total else width
                bar = "#" * filled + "-" * (width - filled)
                stream.write(f"\r[{bar}] {done}/{total}", ending="")
                stream.flush()

        count = index.rebuild(progress=progress)
        if show and done:
            stream.write("")
        elapsed = time.monotonic() - started
        rate = count / elapsed if elapsed else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count} page(s) of {total} live public page(s) with the {engine.name} engine "
                f"in {elapsed:.1f} s ({rate:.0f}/s)."
            )
        )
        sys.stdout.flush()

"""manage.py load_demo: create the bilingual demo content (idempotent; a second run creates nothing)."""

from django.core.management.base import BaseCommand

from content.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the bilingual demo content (pages, images, documents, menus, footers). Safe to run again."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)

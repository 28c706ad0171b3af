"""Strip EXIF, XMP, IPTC and comments from the images stored before uploads were cleaned (content.image_metadata);
their renditions are deleted and made again, clean, when next asked for. Idempotent."""

from django.core.management.base import BaseCommand

from content.image_metadata import strip_stored_images


class Command(BaseCommand):
    help = "Strip location, camera and other metadata from the stored original images; delete their renditions."

    def handle(self, *args, **options):
        cleaned = strip_stored_images()
        self.stdout.write(f"{cleaned} image(s) cleaned.")

"""Placeholder artwork for the demo: abstract shapes in the theme colours, as image files in
``demo/data/images/<key>.png`` (lossless palette PNGs), with their titles and descriptions in
``demo/data/images.json``.

The illustrations are tagged as sample artwork (``SAMPLE_IMAGE_TAG``): the pages that show them say so in a
discreet caption under the picture ("示意图 / Illustration (sample image)"), so nobody mistakes one for a
photograph; nothing is written onto the picture itself. The QR-like square keeps its "示例 SAMPLE" label across
its middle, so that nobody tries to scan it. Images are found again by title, so loading twice creates nothing
new; an illustration loaded by an earlier version with its label on the picture is replaced by the file.
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from content.templatetags.smart_images import SAMPLE_IMAGE_TAG

from .datafiles import DATA_DIR, read

IMAGE_DIR = DATA_DIR / "images"


@dataclass(frozen=True)
class Artwork:
    key: str
    title: str  # unique; how the image is found again
    description: str  # bilingual default alt text (pages give their own, per language)

    @property
    def path(self) -> Path:
        return IMAGE_DIR / f"{self.key}.png"


_DATA = read("images")
ARTWORK = [Artwork(**row) for row in _DATA["artwork"]]
QR_ARTWORK = Artwork(**_DATA["qr_artwork"])


def _set_file(image, artwork):
    with artwork.path.open("rb") as handle:
        image.file = ImageFile(handle, name=f"demo-{artwork.key}.png")
        image._set_image_file_metadata()
        image.save()


def ensure_images(collection):
    """Return ({key: image}, number created) for the demo artwork and the sample QR image."""
    Image = get_image_model()
    images, created = {}, 0
    for artwork in [*ARTWORK, QR_ARTWORK]:
        image = Image.objects.filter(title=artwork.title).order_by("pk").first()
        sample = artwork is not QR_ARTWORK
        if image is None:
            image = Image(title=artwork.title, description=artwork.description, collection=collection)
            _set_file(image, artwork)
            created += 1
        elif sample and not image.tags.filter(name=SAMPLE_IMAGE_TAG).exists():
            # Drawn by an earlier version, with the label on the picture: replaced by the file without it.
            image.renditions.all().delete()
            _set_file(image, artwork)
        if sample and not image.tags.filter(name=SAMPLE_IMAGE_TAG).exists():
            image.tags.add(SAMPLE_IMAGE_TAG)
        images[artwork.key] = image
    return images, created

"""The test run's rendition files (tests/renditions.py): a rendition is encoded once, and handed back only for the
same source bytes, filter, focal point and settings; Wagtail still makes the row and stores the file."""

import io

import pytest
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images.models import AbstractImage, Filter

from tests.factories.images import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def encodings(monkeypatch):
    """The filter specs Wagtail really encoded during the test, in order."""
    made = []
    original = Filter.run

    def run(self, image, output, source=None):
        made.append(self.spec)
        return original(self, image, output, source=source)

    monkeypatch.setattr(Filter, "run", run)
    return made


def fresh(image, spec):
    """The rendition of ``spec`` made again: its row and file deleted first."""
    for rendition in image.renditions.filter(filter_spec=spec):
        rendition.file.delete(save=False)
        rendition.delete()
    return image.get_rendition(spec)


def test_the_test_run_encodes_each_rendition_once():
    assert getattr(AbstractImage.generate_rendition_file, "wrapped", None) is not None


def test_a_rendition_made_again_is_the_same_file_without_encoding(encodings):
    image = make_image(title="memo")
    first = image.get_rendition("width-300|format-webp")
    first_bytes = first.file.open("rb").read()
    again = fresh(image, "width-300|format-webp")
    assert again.pk != first.pk and again.file.storage.exists(again.file.name)
    assert again.file.open("rb").read() == first_bytes
    assert (again.width, again.height) == (first.width, first.height) == (300, 168)
    assert encodings == ["width-300|format-webp"]


def test_another_focal_point_quality_or_source_is_encoded_again(encodings):
    image = make_image(title="memo", colour=(1, 2, 3))
    spec = "fill-200x200|format-webp"
    fresh(image, spec)
    assert encodings == [spec]

    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 100, 100, 50, 50
    image.save()
    image.get_rendition(spec)  # a new focal-point key
    assert encodings == [spec, spec]

    with override_settings(WAGTAILIMAGES_WEBP_QUALITY=20):
        low = fresh(image, spec)
    assert encodings == [spec, spec, spec]
    assert PILImage.open(io.BytesIO(low.file.open("rb").read())).format == "WEBP"

    other = make_image(title="other", colour=(200, 0, 0))
    other.get_rendition(spec)
    assert encodings == [spec, spec, spec, spec]

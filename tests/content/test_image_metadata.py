"""Image metadata (issue 20, point 4): a photo's GPS position, camera, XMP and comments are stripped from the original
at upload (orientation applied first) and so from every rendition format anonymous visitors can download."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from content.image_metadata import has_metadata, strip_stored_images
from tests.site.security.test_documents_served import debug_urls  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825
ORIENTATION = 0x0112
RENDITIONS = {"width-20": "JPEG", "width-20|format-png": "PNG", "width-20|format-webp": "WEBP"}


def gps_jpeg(orientation=6):
    """A 40×20 photo from a phone in Shenzhen (N 22°33'44", E 113°55'6"), turned by its EXIF orientation."""
    picture = PillowImage.new("RGB", (40, 20), "red")
    picture.paste(PillowImage.new("RGB", (10, 20), "blue"), (0, 0))  # the left edge blue: the turn shows
    exif = PillowImage.Exif()
    exif[0x010F] = "Google"  # Make
    exif[0x0110] = "Pixel 9 Pro"  # Model
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (22.0, 33.0, 44.0), 3: "E", 4: (113.0, 55.0, 6.0)}
    output = io.BytesIO()
    picture.save(output, "JPEG", exif=exif, xmp=b"<x:xmpmeta>Dr Zhang's lab</x:xmpmeta>", comment=b"taken at home")
    return output.getvalue()


def assert_clean(data, image_format=None):
    with PillowImage.open(io.BytesIO(data)) as picture:
        if image_format:
            assert picture.format == image_format
        exif = picture.getexif()
        assert not exif.get_ifd(GPS_IFD) and ORIENTATION not in exif and 0x0110 not in exif
        assert not has_metadata(picture), picture.info.keys()
        size = picture.size
    for secret in (b"Pixel 9 Pro", b"Dr Zhang", b"taken at home"):
        assert secret not in data
    return size


def test_the_sample_photo_carries_what_it_should():
    with PillowImage.open(io.BytesIO(gps_jpeg())) as picture:
        assert picture.getexif().get_ifd(GPS_IFD)[2] == (22.0, 33.0, 44.0)
        assert has_metadata(picture)


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.create_superuser("photos", "photos@example.org", "a-long-password-1"))
    return client


def _read(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


def test_an_uploaded_photo_loses_its_location_and_camera_everywhere(editor_client, debug_urls):  # noqa: F811
    collection = Collection.get_first_root_node()
    upload = SimpleUploadedFile("lab.jpg", gps_jpeg(), content_type="image/jpeg")
    response = editor_client.post("/admin/images/add/", {"title": "Lab", "file": upload, "collection": collection.pk})
    assert response.status_code == 302
    image = get_image_model().objects.get()
    original = _read(image.file)
    assert assert_clean(original, "JPEG") == (20, 40)  # the orientation applied: the photo stands upright
    assert (image.width, image.height) == (20, 40) and image.file_size == len(original)
    with PillowImage.open(io.BytesIO(original)) as picture:
        assert picture.convert("RGB").getpixel((10, 2))[2] > 200  # the blue edge is now at the top
    editor_client.logout()
    served = editor_client.get(image.file.url)  # what an anonymous visitor downloads
    assert served.status_code == 200 and b"".join(served.streaming_content) == original
    for spec, image_format in RENDITIONS.items():
        rendition = image.get_rendition(spec)
        served = editor_client.get(rendition.url)
        assert served.status_code == 200
        assert_clean(b"".join(served.streaming_content), image_format)


def test_the_multiple_upload_strips_too(editor_client):
    upload = SimpleUploadedFile("lab.jpg", gps_jpeg(orientation=1), content_type="image/jpeg")
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload, "collection": Collection.get_first_root_node().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert json.loads(response.content)["success"] is True
    image = get_image_model().objects.get()
    assert assert_clean(_read(image.file), "JPEG") == (40, 20)


def test_pngs_and_webps_with_exif_are_stripped_and_clean_files_are_left_alone():
    for image_format in ("PNG", "WEBP"):
        output = io.BytesIO()
        exif = PillowImage.Exif()
        exif[GPS_IFD] = {1: "N", 2: (22.0, 33.0, 44.0)}
        exif[0x0110] = "Pixel 9 Pro"
        PillowImage.new("RGB", (8, 8), "green").save(output, image_format, exif=exif)
        image = get_image_model().objects.create(title=image_format, file=ContentFile(output.getvalue(), name="x.img"))
        assert_clean(_read(image.file), image_format)
    plain = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "green").save(plain, "PNG")
    image = get_image_model().objects.create(title="Plain", file=ContentFile(plain.getvalue(), name="plain.png"))
    assert _read(image.file) == plain.getvalue()  # nothing to strip: the file is kept as sent
    image.title = "Plain, renamed"
    image.save()


def test_images_stored_before_are_cleaned_and_their_renditions_made_again():
    model = get_image_model()
    # An image stored before the stripping existed: its file written straight to storage, no signal sent.
    name = model._meta.get_field("file").storage.save("original_images/old.jpg", ContentFile(gps_jpeg()))
    model.objects.bulk_create([model(title="Old", file=name, width=40, height=20)])
    image = model.objects.get()
    image.get_rendition("width-20")
    assert strip_stored_images() == 1
    image = model.objects.get(pk=image.pk)
    assert assert_clean(_read(image.file)) == (20, 40) and (image.width, image.height) == (20, 40)
    assert not image.renditions.exists()
    assert not image.file.storage.exists(name)
    assert_clean(_read(image.get_rendition("width-20|format-png").file), "PNG")
    assert strip_stored_images() == 0

"""Documents (issue 20, points 5 and 7): archives are not an allowed document type unless a setting asks for them,
and, DEBUG or not, documents are served only through Wagtail's document view, never from /media/documents/."""

import importlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.publications import pdf_bytes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def zip_slip():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("../../../../tmp/evil.sh", "#!/bin/sh\n")
    return output.getvalue()


def test_zip_is_not_an_allowed_document_type(client):
    assert "zip" not in settings.WAGTAILDOCS_EXTENSIONS
    client.force_login(get_user_model().objects.create_superuser("docs", "docs@example.org", "a-long-test-password"))
    upload = SimpleUploadedFile("archive.zip", zip_slip(), content_type="application/zip")
    response = client.post(
        "/admin/documents/add/",
        {"title": "Archive", "file": upload, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def _extensions(**env):
    """WAGTAILDOCS_EXTENSIONS as the settings compute them in a fresh process with ``env``."""
    code = "from django.conf import settings; print(','.join(settings.WAGTAILDOCS_EXTENSIONS))"
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(ROOT / "site")}
    environ.pop("DOCUMENTS_ALLOW_ZIP", None)
    environ.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().split(",")


def test_a_setting_can_ask_for_zip():
    assert "zip" not in _extensions()
    assert "zip" in _extensions(DOCUMENTS_ALLOW_ZIP="true")


@pytest.fixture
def debug_urls():
    """The URL map as the development server (DEBUG=True) builds it."""
    import config.urls

    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
    clear_url_caches()
    try:
        yield
    finally:
        importlib.reload(config.urls)
        clear_url_caches()


def _jpeg():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return buffer.getvalue()


def test_under_debug_documents_are_not_served_from_media(debug_urls, client):
    root = Collection.get_first_root_node()
    board = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(collection=board, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model().objects.create(
        title="Board minutes", file=ContentFile(pdf_bytes("Board minutes"), name="minutes.pdf"), collection=board
    )
    assert document.file.name.startswith("documents/")
    assert (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
    refused = client.get(document.url)  # Wagtail's view: the collection's restriction holds
    assert refused.status_code == 302 and "login" in refused["Location"]
    # The public media (images) are still served by the development server.
    image = get_image_model().objects.create(title="Red", file=ContentFile(_jpeg(), name="red.jpg"))
    served = client.get(f"{settings.MEDIA_URL}{image.file.name}")
    assert served.status_code == 200 and b"".join(served.streaming_content) == _jpeg()

"""Shared storage: with the storage settings set, images, renditions, documents and private uploads live in
S3-compatible object storage (moto's server on loopback stands in for it), public media in the public bucket,
documents and uploads in the private one, which reach people only through Django's checked views. A bucket that
goes away makes an upload fail with a clear, translated page, and loses nothing already accepted."""

import datetime
import re

import pytest
import requests
from django.core.files.storage import default_storage
from wagtail.models import Collection, CollectionViewRestriction

from records.files import StoredFile, get_private_storage, sweep_orphans
from records.recruitment.models import JobApplication
from tests.factories.images import make_image
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs, document, pdf_bytes, upload

from .frontserver import free_port

pytestmark = pytest.mark.django_db


def apply(client, page, email="candidate@example.org", cv=b"CV"):
    html = client.get(page.url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    data = {
        "form_token": token,
        "name": "Sample Candidate",
        "email": email,
        "phone": "+86 755 0000 0000",
        "consent": "on",
        "website": "",
        "cv": upload("cv.pdf", pdf_bytes(cv.decode())),
        "cover_letter": upload("letter.pdf", pdf_bytes("Letter")),
        "research_statement": upload("statement.pdf", pdf_bytes("Statement")),
    }
    return client.post(page.url, data)


def test_images_and_renditions_are_public_objects_of_the_media_bucket(s3_buckets, client):
    server = s3_buckets["server"]
    image = make_image("Campus")
    rendition = image.get_rendition("fill-400x200")
    keys = server.keys(s3_buckets["media"])
    assert image.file.name in keys and rendition.file.name in keys
    assert server.keys(s3_buckets["private"]) == []
    for url in (image.file.url, rendition.url):
        assert url.startswith(f"{server.url}/{s3_buckets['media']}/"), url
        answer = requests.get(url, timeout=10)  # anyone can read them, without a signature
        assert answer.status_code == 200 and answer.content[:4] == b"\x89PNG", url
    assert rendition.file.read()[:4] == b"\x89PNG"


def test_documents_stay_private_and_go_through_django(s3_buckets, client, admin_user):
    server = s3_buckets["server"]
    build_site()
    report = document("Annual report", pdf_bytes("Annual report"))
    assert server.keys(s3_buckets["private"]) == [report.file.name] and report.file.name.startswith("documents/")
    assert report.file.name not in server.keys(s3_buckets["media"])
    answer = requests.get(f"{server.url}/{s3_buckets['private']}/{report.file.name}", timeout=10)
    assert answer.status_code == 403  # nothing of the private bucket is readable without the keys
    served = client.get(report.url)
    assert served.status_code == 200 and b"".join(served.streaming_content).startswith(b"%PDF-")
    # In a collection with a view restriction: Django asks for a sign-in, as with local files.
    root = Collection.get_first_root_node()
    board = root.add_child(name="Board")
    CollectionViewRestriction.objects.create(collection=board, restriction_type=CollectionViewRestriction.LOGIN)
    report.collection = board
    report.save()
    refused = client.get(report.url)
    assert refused.status_code == 302 and "login" in refused["Location"]


def test_an_application_lives_in_the_private_bucket_and_reaches_staff_only(s3_buckets, client, admin_user):
    server = s3_buckets["server"]
    pages = build_jobs(build_site())
    assert apply(client, pages["pi_en"], cv=b"CV of the candidate").status_code == 302
    application = JobApplication.objects.get()
    keys = server.keys(s3_buckets["private"])
    assert len(keys) == 3 and all(key.startswith("uploads/") for key in keys)
    assert f"uploads/{application.cv.file.name}" in keys
    assert server.keys(s3_buckets["media"]) == []
    with pytest.raises(ValueError):
        application.cv.file.url  # noqa: B018 (no public URL at all)
    download = f"/admin/records/files/{application.cv.pk}/"
    assert client.get(download).status_code == 302  # anonymous: to the sign-in
    client.force_login(admin_user)
    answer = client.get(download)
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    assert b"".join(answer.streaming_content) == pdf_bytes("CV of the candidate")


@pytest.mark.parametrize(
    ("key", "message"),
    [("pi_en", "The site cannot store files for a moment"), ("pi", "网站暂时无法保存文件")],
)
def test_the_private_bucket_away_refuses_an_upload_clearly_and_loses_nothing(
    s3_buckets, client, admin_user, settings, key, message
):
    pages = build_jobs(build_site())
    assert apply(client, pages[key], email="first@example.org", cv=b"First").status_code == 302
    first = JobApplication.objects.get()
    endpoint = settings.S3_ENDPOINT_URL
    away = f"http://127.0.0.1:{free_port()}"  # nothing answers there
    settings.S3_ENDPOINT_URL = away
    settings.STORAGES = {**settings.STORAGES}  # the storages are made again on the new endpoint
    refused = apply(client, pages[key], email="second@example.org", cv=b"Second")
    assert refused.status_code == 503 and refused["Retry-After"]
    assert message in refused.content.decode()
    assert JobApplication.objects.count() == 1 and StoredFile.objects.count() == 3
    settings.S3_ENDPOINT_URL = endpoint
    settings.STORAGES = {**settings.STORAGES}
    client.force_login(admin_user)
    kept = client.get(f"/admin/records/files/{first.cv.pk}/")
    assert b"".join(kept.streaming_content) == pdf_bytes("First")
    client.logout()
    assert apply(client, pages[key], email="second@example.org", cv=b"Second").status_code == 302
    assert JobApplication.objects.count() == 2


def test_the_media_bucket_away_refuses_an_admin_upload_with_the_translated_page(
    s3_buckets, client, admin_user, settings
):
    build_site()
    client.force_login(admin_user)
    settings.S3_ENDPOINT_URL = f"http://127.0.0.1:{free_port()}"
    settings.STORAGES = {**settings.STORAGES}
    answer = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload("minutes.pdf", pdf_bytes("Minutes"))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 503
    assert "The site cannot store files for a moment" in answer.content.decode()


def test_orphans_are_swept_from_the_private_bucket_and_records_files_are_kept(s3_buckets, client):
    server = s3_buckets["server"]
    pages = build_jobs(build_site())
    assert apply(client, pages["pi_en"]).status_code == 302
    storage = get_private_storage()
    storage.save("2020/01/left-behind.pdf", upload("x.pdf", pdf_bytes("orphan")))
    assert len(server.keys(s3_buckets["private"])) == 4
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    assert sweep_orphans(now=later) == 1
    keys = server.keys(s3_buckets["private"])
    assert len(keys) == 3 and "uploads/2020/01/left-behind.pdf" not in keys


def test_without_the_storage_settings_the_local_folders_stay():
    from django.core.files.storage import FileSystemStorage

    from records.files import PrivateFileSystemStorage

    assert isinstance(default_storage, FileSystemStorage)
    assert isinstance(get_private_storage(), PrivateFileSystemStorage)

"""Public forms accept a bounded number of fields and files (issue 20, point 3): a grant application POST with
1,001 extra fields, or with more files than any form has, gets 400 and nothing of it is kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from delivery import formlimits
from records.files import StoredFile
from records.grants.models import Application
from records.intake import IntakeToken
from tests.records.grants.test_intake import form_data, fresh_cache, private_files, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def nothing_kept():
    return (
        not Application.objects.exists()
        and not StoredFile.objects.exists()
        and not IntakeToken.objects.exists()
        and private_files() == []
    )


def test_an_application_with_1001_extra_fields_gets_400_and_is_not_stored(client, site):  # noqa: F811
    data = form_data(site)
    data.update({f"extra_{number}": "x" for number in range(1001)})
    response = client.post(site["call_url"], data)
    assert response.status_code == 400
    assert nothing_kept()


def test_one_field_repeated_counts_each_time(client, site):  # noqa: F811
    data = form_data(site, keywords=["肝癌"] * 400)
    assert client.post(site["call_url"], data).status_code == 400
    assert nothing_kept()


def test_too_many_files_get_400_and_nothing_is_kept(client, site):  # noqa: F811
    data = form_data(site)
    data["attachments"] = [SimpleUploadedFile(f"extra-{n}.pdf", b"%PDF-1.4\n%%EOF\n") for n in range(25)]
    assert client.post(site["call_url"], data).status_code == 400
    assert nothing_kept()


def test_a_normal_application_with_some_room_to_spare_is_stored(client, site):  # noqa: F811
    data = form_data(site)
    data.update({f"extra_{number}": "x" for number in range(200)})  # unknown fields are ignored, within the limit
    response = client.post(site["call_url"], data)
    assert response.status_code == 302
    assert Application.objects.count() == 1


def test_the_admin_and_json_bodies_keep_djangos_own_limits():
    factory = RequestFactory()
    many = {f"field_{number}": "x" for number in range(1000)}
    formlimits.check(factory.post("/admin/pages/3/edit/", many))  # no exception: the editor posts many fields
    formlimits.check(factory.post("/api/v2/pages/", data="{}", content_type="application/json"))

"""records.recruitment.services.submit_job_application: closing date, files in private storage, nothing kept on
failure, double submit, and who may open the files."""

import datetime
import os
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from records.files import StoredFile, user_can_access
from records.intake import issue_token, read_token
from records.recruitment.models import JobApplication
from records.recruitment.roles import HR_STAFF
from records.recruitment.services import (
    APPLICATION_KIND,
    ApplicationRefused,
    PostingInfo,
    submit_job_application,
)
from records.uploads import PDF, check_upload
from tests.factories.publications import pdf_bytes, upload

NOW = datetime.datetime(2026, 3, 1, 15, 59, tzinfo=datetime.UTC)  # 23:59 in Beijing


def posting(**extra):
    values = {
        "page_id": 7,
        "key": str(uuid.uuid4()),
        "title": "Principal investigator",
        "url": "https://example.org/en/careers/pi/",
        "category": "pi",
        "closes_on": datetime.date(2026, 3, 1),
        "research_statement_required": True,
    }
    values.update(extra)
    return PostingInfo(**values)


def checked(name="cv.pdf"):
    uploaded = upload(name, pdf_bytes(name))
    uploaded.checked_kind = check_upload(uploaded, (PDF,))
    return uploaded


def data(**extra):
    values = {"name": "Ada Applicant", "email": "ada@example.org", "phone": "123456", "consent": True}
    values.update(extra)
    return values


def files_on_disk():
    found = set()
    for folder, _dirs, names in os.walk(settings.PRIVATE_MEDIA_ROOT):
        found.update(os.path.join(folder, name) for name in names)
    return found


def submit(info=None, **kwargs):
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("research_statement", checked("statement.pdf"))
    return submit_job_application(
        posting=info or posting(),
        data=kwargs.pop("data", data()),
        cv=checked(),
        cover_letter=checked("letter.pdf"),
        **kwargs,
    )


@pytest.mark.django_db
def test_application_is_stored_with_its_files_owned_by_it():
    application, created = submit(language="en")
    assert created
    assert application.reference == "SMJA-2026-000001"
    assert application.status == JobApplication.Status.RECEIVED
    assert (application.posting_page_id, application.posting_title, application.posting_category) == (
        7,
        "Principal investigator",
        "pi",
    )
    for stored, role in (
        (application.cv, "cv"),
        (application.cover_letter, "cover_letter"),
        (application.research_statement, "research_statement"),
    ):
        assert stored.role == role
        assert stored.owner == application
        assert stored.kind == "pdf"
        assert os.path.exists(stored.file.path)
        assert stored.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


@pytest.mark.django_db
def test_refused_after_the_closing_day_in_beijing_time():
    with pytest.raises(ApplicationRefused) as refused:
        submit(now=NOW + datetime.timedelta(minutes=1))  # 00:00 the next day in Beijing
    assert refused.value.code == "closed"
    assert not JobApplication.objects.exists()
    assert submit(posting(closes_on=None), now=NOW + datetime.timedelta(days=400))[1]


@pytest.mark.django_db
def test_research_statement_and_consent_are_required():
    with pytest.raises(ApplicationRefused):
        submit(research_statement=None)
    with pytest.raises(ApplicationRefused):
        submit(data=data(consent=False))
    assert submit(posting(research_statement_required=False), research_statement=None)[0].research_statement is None


@pytest.mark.django_db
def test_nothing_is_kept_when_storing_fails_midway():
    before = files_on_disk()
    unchecked = upload("statement.pdf", pdf_bytes())  # never checked: storing it fails after the CV was written
    with pytest.raises(AttributeError):
        submit(research_statement=unchecked)
    assert not JobApplication.objects.exists()
    assert not StoredFile.objects.exists()
    assert files_on_disk() == before


@pytest.mark.django_db
def test_a_repeated_token_returns_the_first_application():
    token = read_token(issue_token(APPLICATION_KIND), APPLICATION_KIND)
    first, created = submit(token=token)
    again, created_again = submit(token=token)
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert JobApplication.objects.count() == 1
    assert StoredFile.objects.count() == 3


@pytest.mark.django_db
def test_only_hr_staff_may_open_the_files():
    application, _created = submit()
    User = get_user_model()
    hr = User.objects.create_user("hr", password="x")
    hr.groups.add(Group.objects.get_or_create(name=HR_STAFF)[0])
    other = User.objects.create_user("editor", password="x", is_staff=True)
    admin = User.objects.create_superuser("root", password="x")
    assert user_can_access(hr, application.cv)
    assert not user_can_access(other, application.cv)
    assert user_can_access(admin, application.cv)
    from django.contrib.auth.models import AnonymousUser

    assert not user_can_access(AnonymousUser(), application.cv)

"""What a transactional browser test leaves to the next test on its worker: the database as migrated (its root page,
its locale, the content types and the staff groups), whatever the next test asks for.

The browser tests' thread keeps Playwright's event loop, where Django's connections are per task: Django's flush
and its serialized reload there went through a connection object that does not hold the serialized data, so the
reload was skipped and the next test found no root page (the admin home answered 500 and the staff journeys' sign-in
fell back to the login page, after tests/browser/test_front_server_journey.py). The tests run in this order, on one
worker (``WHOLE_MODULES`` in tests/conftest.py).
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from tests.factories.pages import build_site


def as_migrated():
    """What the migrations and their post_migrate handlers make, as the tests that follow rely on it."""
    return {
        "root pages": Page.objects.filter(depth=1).count(),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "content types": ContentType.objects.filter(app_label="wagtailcore", model="page").count(),
        "staff groups": Group.objects.exists(),
    }


MIGRATED = {"root pages": 1, "locales": ["zh-hans"], "content types": 1, "staff groups": True}


def test_a_journey_with_serialized_rollback_changes_the_database(
    browser, transactional_db, django_db_serialized_rollback, live_server, new_page
):
    assert as_migrated() == MIGRATED
    pages = build_site()
    page = new_page(locale="en-US")
    assert page.goto(live_server.url + pages["home_en"].url).status == 200


def test_the_next_transactional_test_finds_the_database_as_migrated(browser, transactional_db, live_server, new_page):
    assert as_migrated() == MIGRATED
    page = new_page(locale="zh-CN")
    assert page.goto(live_server.url + "/admin/login/").status == 200
    build_site()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_so_does_one_with_serialized_rollback_after_it(browser):
    assert as_migrated() == MIGRATED

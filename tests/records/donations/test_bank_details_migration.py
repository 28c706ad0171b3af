"""BankTransferDetails moved from ``content`` to ``donations`` (``donations.0003``, ``content.0005``): a database
migrated before the move keeps its rows (ids, translation keys, locales), its content type (by id, so the
permissions and the groups holding them) and the pledge confirmation's bank details."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("content", "0004_job_posting_postal_code"), ("donations", "0002_foundation_settings")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_rows_content_type_and_permissions_survive_the_move():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE).loader.project_state(BEFORE).apps
        Locale = old.get_model("wagtailcore", "Locale")
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        Group = old.get_model("auth", "Group")
        OldDetails = old.get_model("content", "BankTransferDetails")
        zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
        en, _ = Locale.objects.get_or_create(language_code="en")
        key = uuid.uuid4()
        rows = [
            OldDetails.objects.create(
                locale=locale, translation_key=key, account_name=name, bank_name="Bank", account_number="6222"
            )
            for locale, name in ((zh, "基金会"), (en, "Foundation"))
        ]
        # (the test database had it as donations'; unapplying donations.0003 gave it back to content)
        content_type, _ = ContentType.objects.get_or_create(app_label="content", model="banktransferdetails")
        change, _ = Permission.objects.get_or_create(
            content_type=content_type, codename="change_banktransferdetails", defaults={"name": "Can change"}
        )
        Group.objects.create(name="Treasurers").permissions.add(change)

    finally:
        migrate(latest)  # donations.0003 and content.0005 among them

    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from content.models import PledgePage
    from records.donations.models import BankTransferDetails

    assert BankTransferDetails._meta.db_table == "donations_banktransferdetails"
    moved = BankTransferDetails.objects.order_by("pk")
    assert [(row.pk, row.translation_key, row.locale_id, row.account_name) for row in moved] == [
        (row.pk, key, row.locale_id, row.account_name) for row in rows
    ]
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(BankTransferDetails).pk == content_type.pk
    group = Group.objects.get(name="Treasurers")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("donations", "change_banktransferdetails")
    ]

    english = BankTransferDetails.objects.get(locale__language_code="en")
    assert english.account_name == "Foundation" and english.as_pairs()[0][1] == "Foundation"
    assert PledgePage(locale=english.locale).confirmation_context({})["bank"] == english
    BankTransferDetails.objects.create(  # the table takes new rows after the rename (its id sequence came along)
        locale=english.locale, translation_key=uuid.uuid4(), account_name="A", bank_name="B", account_number="1"
    )

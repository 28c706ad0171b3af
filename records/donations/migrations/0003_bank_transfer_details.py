"""BankTransferDetails moves from ``content`` to ``donations``, its rows kept.

The model enters this app's state with the table ``content`` made for it (``content_banktransferdetails``, created
by ``content.0003``), which is then renamed to this app's (``donations_banktransferdetails``): no row is copied,
ids and translation keys stay. Its content type is relabelled rather than replaced, so everything that points at
it by id keeps pointing at it: the permissions (``add_``/``change_``/``view_``/``delete_banktransferdetails``) and
the groups holding them, wagtail-localize's translation sources, the reference index, the admin's log entries.
``content.0005_bank_transfer_details_moved`` then drops the model from ``content``'s state (nothing in the database).
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

MODEL = "banktransferdetails"


def relabel_content_type(apps, schema_editor, old="content", new="donations"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=new, model=MODEL).exists():
        return  # (made by a post_migrate in between: the old one, if any, is left to remove_stale_contenttypes)
    ContentType.objects.using(db).filter(app_label=old, model=MODEL).update(app_label=new)


def relabel_content_type_back(apps, schema_editor):
    relabel_content_type(apps, schema_editor, old="donations", new="content")


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0002_foundation_settings"),
        ("content", "0003_foundation_pledge_donor_list"),  # where its table was created
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BankTransferDetails",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("account_name", models.CharField(max_length=200, verbose_name="account name")),
                        ("bank_name", models.CharField(max_length=200, verbose_name="bank")),
                        ("account_number", models.CharField(max_length=60, verbose_name="account number")),
                        ("swift_code", models.CharField(blank=True, max_length=20, verbose_name="SWIFT code")),
                        (
                            "instructions",
                            models.TextField(
                                blank=True,
                                help_text="For example: quote your pledge reference in the transfer's remarks.",
                                verbose_name="instructions",
                            ),
                        ),
                        (
                            "is_sample",
                            models.BooleanField(
                                default=False,
                                help_text="Marks the details as a sample for demonstration: donors are told not to "
                                "transfer money.",
                                verbose_name="sample details",
                            ),
                        ),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "bank transfer details",
                        "verbose_name_plural": "bank transfer details",
                        "abstract": False,
                        "unique_together": {("translation_key", "locale")},
                        "db_table": "content_banktransferdetails",
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="BankTransferDetails", table=None),  # -> donations_banktransferdetails
        migrations.RunPython(relabel_content_type, relabel_content_type_back),
    ]

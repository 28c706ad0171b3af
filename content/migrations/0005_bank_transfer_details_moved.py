"""BankTransferDetails now belongs to ``donations`` (``donations.0003_bank_transfer_details`` took over its table,
rows and content type): it leaves ``content``'s state only; nothing changes in the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_job_posting_postal_code"),
        ("donations", "0003_bank_transfer_details"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="BankTransferDetails")]),
    ]

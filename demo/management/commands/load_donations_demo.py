from django.core.management.base import BaseCommand
from django.db.models import Sum

from demo import donations as demo
from records.donations.models import Payment, Pledge


class Command(BaseCommand):
    help = (
        "Create the foundation's donation demo data (idempotent): designations with progress notes, fictional "
        "pledges in every state, their agreements, payments and receipts."
    )

    def handle(self, *args, **options):
        setup_created, pledges_created = demo.load(write=self.stdout.write)
        received = Payment.objects.aggregate(total=Sum("amount"))["total"] or 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Donations demo: {setup_created} designations/notes and {pledges_created} pledges created; "
                f"{Pledge.objects.count()} pledges, {Payment.objects.count()} payments with receipts, "
                f"CNY {received:,.2f} received in all."
            )
        )

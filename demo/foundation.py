"""The bank transfer details that the foundation's pledge confirmation shows, visibly marked as sample data
(the pledge form and donor list pages are children of the Foundation section, demo/data/pages/foundation.json).

The seeds say the foundation was unveiled in April 2023 and has signed several donation agreements;
its bank account is not given, so the demo's details are samples (示例) that tell donors not to transfer
money. Idempotent: pages by slug (through the demo tree), bank details by locale.
"""

from wagtail.models import Locale

from records.donations.models import BankTransferDetails

from .datafiles import read
from .indexing import deferred_indexing

_DATA = read("foundation", facts=True)

BANK_DETAILS = _DATA["bank_details"]


@deferred_indexing()
def load(homes, stdout=None):
    """Create the sample bank transfer details of each language that has none; return how many were created."""
    created = 0
    for language, values in BANK_DETAILS.items():
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None or BankTransferDetails.objects.filter(locale=locale).exists():
            continue
        source = BankTransferDetails.objects.filter(locale__language_code="zh-hans").first()
        details = BankTransferDetails(locale=locale, is_sample=True, **values)
        if source is not None:
            details.translation_key = source.translation_key
        details.save()
        created += 1
    if stdout is not None:
        stdout.write(f"  bank transfer details (sample): {created} created\n")
    return created

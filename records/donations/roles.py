"""The staff group of the foundation's donation records and what it may do."""

from django.utils.translation import gettext_noop

from records.permissions import ensure_group, in_group

FOUNDATION_STAFF = gettext_noop("Foundation staff")


def foundation_permissions():
    perms = []
    for model in ("designation", "progressnote"):
        perms += [("donations", f"{action}_{model}") for action in ("add", "change", "view")]
    # Pledges arrive from the public form; staff inspect them and record agreements and payments, never edit.
    perms += [("donations", "view_pledge"), ("donations", "view_payment")]
    # Their own rules and receipt data (Settings → Foundation receipts and rules).
    perms += [("donations", "change_foundationsettings"), ("donations", "view_foundationsettings")]
    # The bank transfer details shown on the pledge confirmation are site data the foundation keeps.
    perms += [("donations", f"{action}_banktransferdetails") for action in ("add", "change", "view")]
    return perms


def ensure_groups():
    """Create or complete the "Foundation staff" group (idempotent)."""
    return ensure_group(FOUNDATION_STAFF, foundation_permissions())


def is_foundation_staff(user):
    return in_group(user, FOUNDATION_STAFF)

"""Who may see recruitment records: HR staff (the full group set-up comes with the recruitment back office)."""

from django.utils.translation import gettext_noop

from records.permissions import in_group

HR_STAFF = gettext_noop("HR staff")


def is_hr_staff(user):
    return in_group(user, HR_STAFF)

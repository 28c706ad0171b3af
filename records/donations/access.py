"""Who may open the private files of donation records (agreements, receipts) and the foundation's seal image:
foundation staff only."""

from records.files import register_access_check

from .models import FoundationSettings, Pledge
from .models.settings import seal_access
from .roles import is_foundation_staff


def pledge_files(user, pledge, stored):
    return is_foundation_staff(user)


register_access_check(Pledge, pledge_files)
register_access_check(FoundationSettings, seal_access)

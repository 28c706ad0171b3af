"""Who may open the private files of job applications: HR staff only (and superusers)."""

from records.files import register_access_check

from .models import JobApplication
from .roles import is_hr_staff


def application_files(user, application, stored):
    return is_hr_staff(user)


register_access_check(JobApplication, application_files)

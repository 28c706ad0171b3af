"""Who may open the private files of job applications: HR staff (and superusers); a member of an interview
panel only the CV and research statement of a candidate booked into a round they sit on."""

from records.files import register_access_check

from .models import Interview, JobApplication
from .roles import is_hr_staff

PANEL_FILE_ROLES = ("cv", "research_statement")


def application_files(user, application, stored):
    if is_hr_staff(user):
        return True
    if stored.role not in PANEL_FILE_ROLES:
        return False
    return Interview.objects.filter(application=application, round__panel=user).exists()


register_access_check(JobApplication, application_files)

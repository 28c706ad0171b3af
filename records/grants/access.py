"""Who may open the private files of grants records."""

from records.files import register_access_check

from .models import Application, Assignment, Institution
from .roles import is_grants_staff


def application_files(user, application, stored):
    """Grants office staff; a reviewer only for the proposal of an application assigned to them (not recused)."""
    if is_grants_staff(user):
        return True
    if stored.role != "proposal":
        return False
    return Assignment.objects.filter(
        application=application,
        reviewer__user=user,
        state__in=[Assignment.State.ASSIGNED, Assignment.State.SUBMITTED],
    ).exists()


def institution_files(user, institution, stored):
    return is_grants_staff(user)


register_access_check(Application, application_files)
register_access_check(Institution, institution_files)

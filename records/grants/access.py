"""Who may open the private files of grants records."""

from records.files import register_access_check
from records.permissions import in_group

from .models import Application, Assignment, Institution
from .roles import REVIEWERS, is_grants_staff

# What a reviewer scores: the proposal, and the budget sheet behind the "Budget" criterion.
REVIEWER_FILE_ROLES = ("proposal", "budget")


def application_files(user, application, stored):
    """Grants office staff; a member of the "Reviewers" group for the proposal and the budget sheet of an
    application assigned to them (not recused). An account taken out of the group loses access at once."""
    if is_grants_staff(user):
        return True
    if stored.role not in REVIEWER_FILE_ROLES or not in_group(user, REVIEWERS):
        return False
    return Assignment.objects.filter(
        application=application,
        reviewer__user=user,
        reviewer__active=True,
        state__in=[Assignment.State.ASSIGNED, Assignment.State.SUBMITTED],
    ).exists()


def institution_files(user, institution, stored):
    return is_grants_staff(user)


register_access_check(Application, application_files)
register_access_check(Institution, institution_files)

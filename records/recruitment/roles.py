"""Who may see recruitment records: the "HR staff" group (and superusers); interview panel members see only
the interviews of the rounds they sit on, and their own evaluations."""

from django.utils.translation import gettext_noop

from records.permissions import ensure_group, in_group

HR_STAFF = gettext_noop("HR staff")
INTERVIEW_PANEL = gettext_noop("Interview panel")


def hr_permissions():
    perms = [("recruitment", "view_jobapplication"), ("recruitment", "view_interview")]
    for model in ("interviewround", "interviewslot"):
        perms += [("recruitment", f"{action}_{model}") for action in ("add", "change", "view", "delete")]
    return perms


def ensure_groups():
    """Create or complete the "HR staff" and "Interview panel" groups (idempotent)."""
    return ensure_group(HR_STAFF, hr_permissions()), ensure_group(INTERVIEW_PANEL, [])


def is_hr_staff(user):
    return in_group(user, HR_STAFF)


def is_panel_member(user, interview_round):
    """True if ``user`` (active) sits on the panel of ``interview_round``."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return interview_round.panel.filter(pk=user.pk).exists()

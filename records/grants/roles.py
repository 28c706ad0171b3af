"""The two staff groups of the grants back office and what they may do."""

from django.utils.translation import gettext_noop

from records.permissions import ensure_group, in_group

GRANTS_OFFICE = gettext_noop("Grants office")
REVIEWERS = gettext_noop("Reviewers")

_SETUP_MODELS = [
    "programme",
    "applicationtype",
    "category",
    "expertisefield",
    "call",
    "callbudgetcap",
    "criterion",
    "registrationround",
    "panelmeeting",
    "reviewer",
]


def grants_office_permissions():
    perms = []
    for model in _SETUP_MODELS:
        perms += [("grants", f"{action}_{model}") for action in ("add", "change", "view")]
    # Applications and institutions arrive from the public forms; staff inspect and move them, never edit.
    perms += [("grants", "view_application"), ("grants", "view_institution"), ("grants", "view_assignment")]
    perms += [("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")]
    return perms


def ensure_groups():
    """Create or complete the "Grants office" and "Reviewers" groups (idempotent)."""
    office = ensure_group(GRANTS_OFFICE, grants_office_permissions())
    reviewers = ensure_group(REVIEWERS, [("grants", "review_assigned")])
    _grant_document_collection(office)
    return office, reviewers


def _grant_document_collection(group):
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    for codename in ("add_document", "choose_document"):
        permission = Permission.objects.filter(content_type__app_label="wagtaildocs", codename=codename).first()
        if permission:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def is_grants_staff(user):
    return in_group(user, GRANTS_OFFICE)


def is_reviewer(user):
    return in_group(user, REVIEWERS) and hasattr(user, "grants_reviewer")


def reviewer_accounts():
    """The accounts that may be linked to a reviewer of the expert pool: active members of "Reviewers"."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, groups__name=REVIEWERS).distinct()

"""Editorial groups and the moderation workflow for communications staff.

Communications editors write and submit pages for moderation; Communications publishers approve
and publish. Both are ensured after every migrate, so every database has them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_noop

EDITORS = gettext_noop("Communications editors")
PUBLISHERS = gettext_noop("Communications publishers")
WORKFLOW_NAME = gettext_noop("Communications approval")
TASK_NAME = gettext_noop("Publisher approval")

_PAGE_PERMS = {
    EDITORS: ["add", "change", "lock"],
    PUBLISHERS: ["add", "change", "lock", "unlock", "publish", "bulk_delete"],
}
_COLLECTION_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]
_COLLECTION_PERMS = {EDITORS: ["add", "choose"], PUBLISHERS: ["add", "change", "choose", "delete"]}
_SNIPPETS = [
    ("content", "mainmenu"),
    ("content", "footer"),
    ("content", "fieldofmedicine"),
    ("content", "person"),
    ("content", "topic"),
    ("content", "eventseries"),
]
_SNIPPET_PERMS = {EDITORS: ["add", "change"], PUBLISHERS: ["add", "change", "delete", "publish"]}


def _perm(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def ensure_editorial_groups():
    """Create or complete the two communications groups and the approval workflow (idempotent)."""
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return None
    groups = {}
    for name in (EDITORS, PUBLISHERS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        admin = _perm("wagtailadmin", "access_admin")
        if admin:
            group.permissions.add(admin)
        for action in _PAGE_PERMS[name]:
            permission = _perm("wagtailcore", f"{action}_page")
            if permission:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for app_label, model in _COLLECTION_MODELS:
            for action in _COLLECTION_PERMS[name]:
                permission = _perm(app_label, f"{action}_{model}")
                if permission:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
        for app_label, model in _SNIPPETS:
            for action in _SNIPPET_PERMS[name]:
                permission = _perm(app_label, f"{action}_{model}")
                if permission:
                    group.permissions.add(permission)
        for codename in ("submit_translation",):
            permission = _perm("wagtail_localize", codename)
            if permission:
                group.permissions.add(permission)

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set([groups[PUBLISHERS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return workflow

"""Who may see and work records: staff groups per kind of record, set up after every migrate.

Each records app names its groups (e.g. "Grants office", "Reviewers") and the permissions they hold
with ``ensure_group``; views check membership with ``in_group`` / ``group_required``. Superusers may
do everything; anonymous and inactive users nothing.
"""

from functools import wraps

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied


def in_group(user, *names):
    """True if ``user`` is an active superuser, or active and a member of any of the named groups."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not names:
        return False
    cache = getattr(user, "_records_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._records_group_names = cache
    return any(name in cache for name in names)


def group_required(*names):
    """View decorator: 403 unless the user is in one of the groups (or a superuser)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not in_group(request.user, *names):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _permission(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def ensure_group(name, permissions=(), admin_access=True):
    """Create the group if needed and give it the listed ``(app_label, codename)`` permissions (idempotent)."""
    group, _created = Group.objects.get_or_create(name=name)
    wanted = list(permissions)
    if admin_access:
        wanted.append(("wagtailadmin", "access_admin"))
    found = [perm for perm in (_permission(app, code) for app, code in wanted) if perm is not None]
    if found:
        group.permissions.add(*found)
    return group

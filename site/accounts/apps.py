from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        post_migrate.connect(ensure_user_managers, sender=self, dispatch_uid="accounts-user-managers")


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the limits of ``accounts.user_management``: user managers grant only an allowlist
    of groups and never touch a superuser; groups are managed by superusers only."""

    default = False
    user_viewset = "accounts.user_management.UserViewSet"
    group_viewset = "accounts.user_management.GroupViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from accounts.user_management import SuperusersOnlyPolicy

        register_permission_policy(Group, SuperusersOnlyPolicy(Group))


def ensure_user_managers(sender, using="default", **kwargs):
    """After migrate: the "User managers" group with Wagtail's user permissions (see accounts.user_management)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from accounts.user_management import USER_MANAGERS, USER_PERMISSIONS
    from records.permissions import ensure_group

    for label in ("wagtailadmin", "accounts"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_group(USER_MANAGERS, USER_PERMISSIONS)

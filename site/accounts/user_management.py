"""Who may manage accounts and groups in the Wagtail admin.

Superusers manage everything. Anybody else holding Wagtail's user permissions (add / change / delete user; the
"User managers" group set up after every migrate holds them) is a user manager, with limits:

- it may grant only the groups named in ``USER_MANAGERS_GRANTABLE_GROUPS`` (the form offers no other, and a
  forged choice is refused with a translated error);
- it never sees or sets the superuser flag;
- it may edit or delete only accounts it could have set up itself: not a superuser, not its own account (its
  password is changed under "Account"), no group outside the allowlist and no permission given to the account
  directly. Anything else is a 403, so an account with "change user" can no longer add itself to every staff
  group or set a new password on the superuser's account;
- it cannot use the bulk actions of the users list (assign a role, deactivate, delete): 403.

Groups (their permissions) are managed by superusers only: the Group model gets ``SuperusersOnlyPolicy``.
``accounts.apps.UsersConfig`` puts the viewsets below in place of Wagtail's own.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups as wagtail_groups
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

USER_MANAGERS = gettext_noop("User managers")
USER_PERMISSIONS = [("accounts", "add_user"), ("accounts", "change_user"), ("accounts", "delete_user")]


def grantable_groups(actor):
    """The groups ``actor`` may give to an account."""
    if actor.is_active and actor.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(name__in=settings.USER_MANAGERS_GRANTABLE_GROUPS)


def can_manage(actor, account):
    """True if ``actor`` may edit or delete ``account``."""
    if not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    if account.is_superuser or account.pk == actor.pk:
        return False
    allowed = set(settings.USER_MANAGERS_GRANTABLE_GROUPS)
    if any(name not in allowed for name in account.groups.values_list("name", flat=True)):
        return False
    return not account.user_permissions.exists()


class SuperusersOnlyPolicy(BasePermissionPolicy):
    """Every action on the model is for active superusers only."""

    def user_has_permission(self, user, action):
        return bool(user.is_authenticated and user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class LimitedGroupsMixin:
    """A user form that offers only the groups its ``actor`` may grant, and no superuser flag to a non-superuser."""

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actor is None or not (actor.is_active and actor.is_superuser):
            self.fields.pop("is_superuser", None)
            if "groups" in self.fields:
                field = self.fields["groups"]
                field.queryset = grantable_groups(actor) if actor is not None else Group.objects.none()
                field.error_messages["invalid_choice"] = _(
                    "You may only grant the groups listed here; this account was not changed."
                )


class ManagedUserCreationForm(LimitedGroupsMixin, UserCreationForm):
    pass


class ManagedUserEditForm(LimitedGroupsMixin, UserEditForm):
    pass


class ActorFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}


def refusal(request):
    """HTTP 403 in the admin's look, saying in the staff member's language why the account cannot be changed."""
    return TemplateResponse(request, "accounts/account_refused.html", {}, status=403)


class ManageableAccountMixin:
    """403 unless the signed-in user may manage the account in the URL."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user, self.get_object()):
            return refusal(request)
        return super().dispatch(request, *args, **kwargs)


class CreateView(ActorFormMixin, wagtail_users.CreateView):
    pass


class EditView(ManageableAccountMixin, ActorFormMixin, wagtail_users.EditView):
    pass


class DeleteView(ManageableAccountMixin, wagtail_users.DeleteView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return ManagedUserEditForm if for_update else ManagedUserCreationForm


class GroupViewSet(wagtail_groups.GroupViewSet):
    """Wagtail's groups admin; the Group model's policy (superusers only) is registered by the app config."""


def refuse_bulk_actions_of_user_managers(request, action_type, objects, action_class_instance):
    """``before_bulk_action`` hook: bulk actions on accounts are for superusers only."""
    if isinstance(action_class_instance, UserBulkAction) and not (request.user.is_active and request.user.is_superuser):
        return refusal(request)

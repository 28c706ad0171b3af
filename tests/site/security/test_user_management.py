"""User management in the Wagtail admin: superusers manage everything; a user manager (Wagtail's user permissions,
e.g. the "User managers" group) grants only the allowlisted groups, never the superuser flag, and cannot touch a
superuser, its own account or an account with more access than it could give; groups are for superusers only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from accounts.user_management import USER_MANAGERS

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "taken-over-by-the-attacker-1"
REFUSAL = "You may only grant the groups listed here; this account was not changed."
User = get_user_model()


@pytest.fixture
def people():
    boss = User.objects.create_user("boss", "boss@example.org", PASSWORD, is_superuser=True)
    manager = User.objects.create_user("manager", "manager@example.org", PASSWORD, first_name="M", last_name="G")
    manager.groups.add(Group.objects.get(name=USER_MANAGERS))
    newcomer = User.objects.create_user("newcomer", "new@example.org", PASSWORD, first_name="N", last_name="C")
    officer = User.objects.create_user("officer", "officer@example.org", PASSWORD, first_name="O", last_name="F")
    officer.groups.add(Group.objects.get(name="Grants office"))
    return {"boss": boss, "manager": manager, "newcomer": newcomer, "officer": officer}


def edit_url(user):
    return f"/admin/users/edit/{user.pk}/"


def form(user, groups=(), **extra):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "First",
        "last_name": user.last_name or "Last",
        "is_active": "on",
        "password1": "",
        "password2": "",
        "groups": [str(group.pk) for group in groups],
    }
    data.update(extra)
    return data


def staff_groups():
    return list(Group.objects.exclude(name=USER_MANAGERS))


def test_the_user_managers_group_is_set_up_after_migrate():
    group = Group.objects.get(name=USER_MANAGERS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_user", "change_user", "delete_user"} <= codenames
    assert not codenames & {"add_group", "change_group", "delete_group"}


@pytest.mark.parametrize("given", ["group", "permission"])
def test_the_attack_on_the_superuser_and_on_every_staff_group_gets_403(client, people, given):
    """An account given "change user" sets a new password on the superuser's account and adds itself to every
    staff group: both refused, nothing changed."""
    attacker = User.objects.create_user("attacker", "a@example.org", PASSWORD, first_name="A", last_name="T")
    if given == "group":
        attacker.groups.add(Group.objects.get(name=USER_MANAGERS))
    else:
        wanted = [("wagtailadmin", "access_admin"), ("accounts", "change_user")]
        attacker.user_permissions.add(
            *[Permission.objects.get(content_type__app_label=app, codename=code) for app, code in wanted]
        )
    client.force_login(attacker)
    boss = people["boss"]
    takeover = form(boss, staff_groups(), password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert client.get(edit_url(boss)).status_code == 403
    assert client.post(edit_url(boss), takeover).status_code == 403
    boss.refresh_from_db()
    assert boss.is_superuser and boss.check_password(PASSWORD) and not boss.check_password(NEW_PASSWORD)
    assert client.post(edit_url(attacker), form(attacker, staff_groups())).status_code == 403
    assert client.post(f"/admin/users/delete/{boss.pk}/").status_code == 403
    assert User.objects.filter(pk=boss.pk).exists()
    attacker.refresh_from_db()
    assert not attacker.is_superuser
    assert set(attacker.groups.values_list("name", flat=True)) <= {USER_MANAGERS}


def test_a_user_manager_grants_an_allowlisted_group_and_nothing_else(client, people):
    manager, newcomer = people["manager"], people["newcomer"]
    reviewers, office = Group.objects.get(name="Reviewers"), Group.objects.get(name="Grants office")
    client.force_login(manager)
    page = client.get(edit_url(newcomer)).content.decode()
    assert 'name="is_superuser"' not in page
    assert f'value="{reviewers.pk}"' in page and f'value="{office.pk}"' not in page
    response = client.post(edit_url(newcomer), form(newcomer, [reviewers], is_superuser="on"))
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert list(newcomer.groups.all()) == [reviewers] and not newcomer.is_superuser
    for language in ["zh-hans", "en"]:
        response = client.post(edit_url(newcomer), form(newcomer, [reviewers, office]), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        with translation.override(language):
            message = translation.gettext(REFUSAL)
        assert message in response.content.decode()
    with translation.override("zh-hans"):
        assert translation.gettext(REFUSAL) != REFUSAL
    newcomer.refresh_from_db()
    assert list(newcomer.groups.all()) == [reviewers]


def test_a_user_manager_creates_accounts_only_with_allowlisted_groups_and_never_a_superuser(client, people):
    client.force_login(people["manager"])
    office = Group.objects.get(name="Grants office")
    data = {
        "username": "fresh",
        "email": "fresh@example.org",
        "first_name": "F",
        "last_name": "R",
        "password1": "a-good-long-password-9",
        "password2": "a-good-long-password-9",
        "is_superuser": "on",
        "groups": [str(office.pk)],
    }
    assert client.post("/admin/users/new/", data).status_code == 200
    assert not User.objects.filter(username="fresh").exists()
    data["groups"] = [str(Group.objects.get(name="Reviewers").pk)]
    assert client.post("/admin/users/new/", data).status_code == 302
    fresh = User.objects.get(username="fresh")
    assert not fresh.is_superuser and list(fresh.groups.values_list("name", flat=True)) == ["Reviewers"]


def test_a_user_manager_cannot_take_over_a_staff_account(client, people):
    officer = people["officer"]
    client.force_login(people["manager"])
    assert client.get(edit_url(officer)).status_code == 403
    data = form(officer, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert client.post(edit_url(officer), data).status_code == 403
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD) and officer.groups.filter(name="Grants office").exists()


def test_groups_and_bulk_actions_are_for_superusers_only(client, people):
    client.force_login(people["manager"])
    office = Group.objects.get(name="Grants office")
    for url in ["/admin/groups/", "/admin/groups/new/", f"/admin/groups/edit/{office.pk}/"]:
        assert client.get(url).status_code in (302, 403), url
    assert client.post(f"/admin/groups/edit/{office.pk}/", {"name": "Renamed"}).status_code in (302, 403)
    office.refresh_from_db()
    assert office.name == "Grants office"
    newcomer = people["newcomer"]
    url = f"/admin/bulk/accounts/user/assign_role/?id={newcomer.pk}"
    response = client.post(url, {"role": str(office.pk), "mode": "assign"})
    assert response.status_code == 403
    assert not newcomer.groups.exists()
    assert "/admin/groups/" not in client.get("/admin/").content.decode()


def test_a_superuser_still_manages_everything(client, people):
    boss, officer = people["boss"], people["officer"]
    client.force_login(boss)
    data = form(officer, [Group.objects.get(name="Grants office")], is_superuser="on")
    assert client.post(edit_url(officer), data).status_code == 302
    officer.refresh_from_db()
    assert officer.is_superuser
    assert client.get("/admin/groups/").status_code == 200

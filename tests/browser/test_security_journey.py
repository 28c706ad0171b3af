"""Security hardening in real Chromium, in both admin languages (issue 20, points 1 and 6).

- A user manager grants a colleague the allowlisted "Reviewers" group; a tampered form that slips in the
  "Grants office" group is refused with a translated message and changes nothing; the superuser's account opens a
  translated 403 page, so its password cannot be set.
- Colleagues behind one address all sign in (successful sign-ins are not counted), while password spraying from
  that address is refused with a translated 429.
Screenshots are kept in test-artifacts/browser/security-*.png.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation
from wagtail.users.models import UserProfile

from accounts.user_management import USER_MANAGERS

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
User = get_user_model()


def t(message, language):
    with translation.override(language):
        return translation.gettext(message)


def account(username, language, *groups, **extra):
    user = User.objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.title(), last_name="Staff", **extra
    )
    user.groups.add(*[Group.objects.get(name=name) for name in groups])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def browser_page(new_page, language):
    # A tall window: the admin scrolls inside its own frame, so a screenshot shows only what the window holds.
    return new_page(locale="zh-CN" if language == "zh-hans" else "en-GB", viewport={"width": 1280, "height": 1600})


def sign_in(page, base_url, username, password=PASSWORD):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()


@pytest.fixture
def admin_site(browser, transactional_db, django_db_serialized_rollback, live_server):
    cache.clear()
    yield live_server
    cache.clear()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_user_manager_grants_only_allowlisted_groups(admin_site, new_page, screenshot, language):
    base = admin_site.url
    boss = account("boss", language, is_superuser=True)
    account("manager", language, USER_MANAGERS)
    newcomer = account("newcomer", language)
    reviewers, office = Group.objects.get(name="Reviewers"), Group.objects.get(name="Grants office")

    page = browser_page(new_page, language)
    sign_in(page, base, "manager")
    assert page.url == base + "/admin/"
    page.goto(f"{base}/admin/users/edit/{newcomer.pk}/")
    assert page.locator("input[name=is_superuser]").count() == 0
    assert page.locator(f"input[name=groups][value='{office.pk}']").count() == 0
    page.locator("#tab-label-roles").click()
    page.locator(f"input[name=groups][value='{reviewers.pk}']").check()
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    assert list(newcomer.groups.values_list("name", flat=True)) == ["Reviewers"]

    # The attacker's way: a checkbox for "Grants office" slipped into the form with the browser's tools.
    page.goto(f"{base}/admin/users/edit/{newcomer.pk}/")
    page.evaluate(
        """(pk) => {
            const box = document.querySelector("input[name=groups]");
            const forged = box.cloneNode();
            forged.value = String(pk);
            forged.id = "forged-group";
            box.parentNode.appendChild(forged);
        }""",
        office.pk,
    )
    page.locator("#tab-label-roles").click()
    page.locator("#forged-group").check()
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    refusal = t("You may only grant the groups listed here; this account was not changed.", language)
    page.locator("#tab-label-roles").click()
    assert page.get_by_text(refusal).is_visible()
    screenshot(page, f"security-user-manager-refused-{language}")
    assert list(newcomer.groups.values_list("name", flat=True)) == ["Reviewers"]

    # The superuser's account: a translated 403, nothing to fill in.
    response = page.goto(f"{base}/admin/users/edit/{boss.pk}/")
    assert response.status == 403
    assert page.get_by_role("heading", name=t("Not allowed", language)).count() >= 1
    assert page.locator("input[name=password1]").count() == 0
    screenshot(page, f"security-superuser-account-403-{language}")
    boss.refresh_from_db()
    assert boss.is_superuser and boss.check_password(PASSWORD)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_colleagues_behind_one_address_sign_in_while_spraying_is_refused(
    admin_site, new_page, screenshot, settings, language
):
    settings.LOGIN_RATE_LIMIT = 4  # failed sign-ins per address in the period (30 by default)
    # The failures are counted in windows of the period from the epoch: a period of decades keeps this journey's
    # failures in one window (with the default period a window could end between two of them and start the count
    # again: a refusal missing at random).
    settings.LOGIN_RATE_PERIOD = 10**9
    colleagues = [account(f"colleague{n}", language, "Reviewers") for n in range(8)]
    base = admin_site.url
    for colleague in colleagues:  # twice the limit, all from 127.0.0.1
        page = browser_page(new_page, language)
        sign_in(page, base, colleague.username)
        assert page.url == base + "/admin/", colleague.username
        page.context.close()

    page = browser_page(new_page, language)
    for n in range(4):  # one wrong password on each of four accounts
        sign_in(page, base, f"colleague{n}", password="Spring2026!")
        assert page.url.startswith(base + "/admin/login/")
    sign_in(page, base, "colleague5", password="Spring2026!")
    with translation.override(language):
        message = translation.ngettext(
            "Too many failed sign-in attempts from your network. Please try again in %(minutes)s minute.",
            "Too many failed sign-in attempts from your network. Please try again in %(minutes)s minutes.",
            2,
        ).split("%(minutes)s")[0]
    assert message in page.content()
    screenshot(page, f"security-spraying-refused-{language}")

"""What the staff journeys in tests/browser share: the browser locale of each admin language, a text in a given
language, and signing in to the admin through its form."""

from django.utils import translation

PASSWORD = "secret-password"
BROWSER_LOCALE = {"zh-hans": "zh-CN", "en": "en-US"}


def t(message, language, **values):
    """``message`` translated into ``language`` (``%(name)s`` placeholders filled from ``values``)."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


def sign_in(page, base, username, password=PASSWORD):
    """Sign in through the admin's login form and land on the admin home."""
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()
    assert page.url == base + "/admin/", page.url

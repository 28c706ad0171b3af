"""The admin password-reset email leaves the request: a background task sends it.

Django's reset form sends the email during the request, and only when the address has an account: with a slow
mail server, how long the answer takes would tell which addresses have accounts. ``PasswordResetForm`` (setting
``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``) enqueues ``send_password_reset_email`` instead (django-tasks: run at
once in process by default, by ``manage.py db_worker`` with the database queue in production). The task gets only
the account's id, the language the reset was asked in and the link's origin: never the address or the one-time
token, which the task makes itself when it runs (a token stays valid for ``PASSWORD_RESET_TIMEOUT``). It renders
Wagtail's email in the account holder's admin language (else the language the reset was asked in) and sends it. A
mail server failure is raised without the server's message, which may quote the address, so that nothing
personal reaches the logs or the queue and the database queue's retries (``background.task_retries``) try again.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm


class PasswordResetEmailNotSent(Exception):
    """The mail server could not be reached or refused the message (its own message is left out)."""


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's reset form; the email is sent by a background task, not during the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        send_password_reset_email.enqueue(
            user._meta.pk.value_to_string(user),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            protocol=context["protocol"],
            domain=context["domain"],
            site_name=context["site_name"],
            templates=[subject_template_name, email_template_name, html_email_template_name],
            from_email=from_email,
        )


def email_language(user, asked_in):
    """The account holder's admin language, else the language the reset was asked in, else the default."""
    profile = getattr(user, "wagtail_userprofile", None)  # not created here when the account has none
    languages = dict(settings.LANGUAGES)
    for language in (profile.preferred_language if profile else "", asked_in):
        if language in languages:
            return language
    return settings.LANGUAGE_CODE


@task()
def send_password_reset_email(user_id, *, language, protocol, domain, site_name, templates, from_email=None):
    """Send the reset link to account ``user_id``; False when it may no longer reset its password."""
    model = get_user_model()
    user = model._default_manager.filter(pk=user_id, is_active=True).first()
    email = getattr(user, model.get_email_field_name(), "") if user else ""
    if not email or not user.has_usable_password():  # deleted, deactivated or changed since the request
        return False
    subject_template_name, email_template_name, html_email_template_name = templates
    context = {
        "email": email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(model._meta.pk.value_to_string(user))),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    with translation.override(email_language(user, language)):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [email])
        if html_email_template_name:
            message.attach_alternative(loader.render_to_string(html_email_template_name, context), "text/html")
    try:
        message.send()
    except Exception as error:  # the mail server is down or refused the message
        raise PasswordResetEmailNotSent(type(error).__name__) from None
    return True

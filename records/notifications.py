"""Notification emails, written in the recipient's language from translated templates.

``notify()`` stores a ``Notification`` and, once the surrounding transaction commits, enqueues the
django-tasks task ``send_notification``. The task renders ``records/email/<template>_subject.txt``
and ``..._body.txt`` with the recipient's language active and sends the mail, with any text attachments
(an event's or interview's ``.ics``) stored on the notification, from ``DEFAULT_FROM_EMAIL`` with the Reply-To of
the office that sends it (``records.offices``). If the mail server is
down, the submission that caused the email has still succeeded: the task marks the notification
failed with the error, and ``retry_failed()`` (command ``retry_notifications``) tries again later.
Logs name a notification by id only, never by address.

Acknowledgements (``ACKNOWLEDGEMENTS``: the emails a public form sends to the address typed into it) are capped
per recipient: at most ``RECORDS_ACKNOWLEDGEMENTS_PER_DAY`` to one address (case-insensitive) in 24 hours, from
whatever client address the forms were sent, so nobody can flood a stranger's inbox through our forms. Over the
cap the submission is still kept; only the email is not queued (``notify`` returns None).
"""

import datetime
import logging
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .offices import reply_to_for

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The templates of the emails a public form sends to the address typed into it.
ACKNOWLEDGEMENTS = frozenset(
    {
        "grants/application_received",
        "grants/institution_received",
        "events/registration_received",
        "recruitment/application_received",
        "donations/pledge_received",
    }
)


def without_addresses(text):
    """``text`` with every email address replaced by ``[email]``: an error message kept or shown to staff names
    no person (a mail server refusing a recipient quotes the address)."""
    return EMAIL_ADDRESS.sub("[email]", text)


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10)
    template = models.CharField(_("template"), max_length=100)
    context = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # [{"filename": "invitation.ics", "content": "BEGIN:VCALENDAR...", "mimetype": "text/calendar"}, ...]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    owner_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    owner_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["status", "attempts"], name="records_notification_status"),
            models.Index(fields=["owner_type", "owner_id"], name="records_notification_owner"),
        ]

    def __str__(self):
        return f"{self.template} ({self.get_status_display()})"

    def render(self, reply_to=""):
        """(subject, body) in the notification's language; ``reply_to`` is the office's address the body may name."""
        context = {**self.context, "site_base_url": settings.SITE_BASE_URL, "reply_to": reply_to}
        with translation.override(self.language):
            subject = render_to_string(f"records/email/{self.template}_subject.txt", context)
            body = render_to_string(f"records/email/{self.template}_body.txt", context)
        return " ".join(subject.split()), body.strip() + "\n"


def acknowledgements_capped(recipient, now=None):
    """True if ``recipient`` has had its allowance of acknowledgements in the last 24 hours."""
    cap = settings.RECORDS_ACKNOWLEDGEMENTS_PER_DAY
    if cap <= 0:
        return False
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    sent = Notification.objects.filter(
        recipient__iexact=recipient.strip(), template__in=ACKNOWLEDGEMENTS, created_at__gte=since
    )
    return sent.count() >= cap


def notify(recipient, template, context, *, language=None, owner=None, attachments=None):
    """Queue an email to ``recipient`` from ``template`` in ``language`` (default: the active language).

    ``attachments`` is a list of ``(filename, text_content, mimetype)``, e.g. an ``.ics`` invitation.
    The mail is sent by a background task after the current transaction commits. An acknowledgement to an
    address that has had its daily allowance is not queued: the return value is then None.
    """
    if template in ACKNOWLEDGEMENTS and acknowledgements_capped(recipient):
        logger.info("An acknowledgement (%s) was not queued: its recipient had the day's allowance.", template)
        return None
    notification = Notification(
        recipient=recipient,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        template=template,
        context=context,
        attachments=[
            {"filename": str(name), "content": str(content), "mimetype": str(mimetype)}
            for name, content, mimetype in (attachments or ())
        ],
    )
    if owner is not None:
        notification.owner_type = ContentType.objects.get_for_model(owner)
        notification.owner_id = str(owner.pk)
    notification.save(force_insert=True)
    pk = notification.pk
    # Robust: a queue that refuses the task (the database gone away just after the commit) takes nothing from what
    # the transaction stored; the notification stays unsent and the scheduler queues it again (``retry_failed``).
    transaction.on_commit(lambda: send_notification.enqueue(pk), robust=True)
    return notification


def deliver(notification_id):
    """Render and send one notification; record the outcome on it. Returns its status."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.status == Notification.Status.SENT:
        return notification.status if notification else None
    notification.attempts += 1
    try:
        reply_to = reply_to_for(notification.template)
        subject, body = notification.render(reply_to)
        message = EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient],
            reply_to=[reply_to] if reply_to else None,
        )
        for attachment in notification.attachments or ():
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        message.send()
    except Exception as error:  # the mail server is down, refused the message, ...
        notification.status = Notification.Status.FAILED
        notification.last_error = without_addresses(f"{type(error).__name__}: {error}")[:2000]
        logger.warning(
            "Notification %s could not be sent (%s); it will be retried.", notification.pk, type(error).__name__
        )
    else:
        notification.status = Notification.Status.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return notification.status


@task()
def send_notification(notification_id):
    return deliver(notification_id)


def retry_failed(max_attempts=MAX_ATTEMPTS):
    """Enqueue again every failed (or never sent) notification that has had fewer than ``max_attempts``."""
    pending = Notification.objects.filter(
        status__in=[Notification.Status.FAILED, Notification.Status.PENDING], attempts__lt=max_attempts
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(pending):
        send_notification.enqueue(pk)
        count += 1
    return count

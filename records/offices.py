"""The offices that answer the records' emails: one Reply-To address per office, kept in the admin
(Settings → Office email addresses), so that people who answer an email reach the grants office, HR, the
foundation or the events team instead of the no-reply sender.

``reply_to_for(template)`` names the office of an email by its template's folder (``grants/…``,
``recruitment/…``, ``donations/…``, ``events/…``); an office without an address gets no Reply-To, and its emails
then ask nobody to reply.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

OFFICE_FIELDS = {
    "grants": "grants_reply_to",
    "recruitment": "hr_reply_to",
    "donations": "foundation_reply_to",
    "events": "events_reply_to",
}


@register_setting(icon="mail", order=500)
class OfficeContacts(BaseGenericSetting):
    grants_reply_to = models.EmailField(
        _("grants office"),
        blank=True,
        help_text=_("Answers to the emails of the Shenzhen Medical Research Fund (applications, host institutions)."),
    )
    hr_reply_to = models.EmailField(
        _("human resources"), blank=True, help_text=_("Answers to the emails to job candidates (interviews, offers).")
    )
    foundation_reply_to = models.EmailField(
        _("foundation"), blank=True, help_text=_("Answers to the emails to donors (pledges, receipts).")
    )
    events_reply_to = models.EmailField(
        _("events"), blank=True, help_text=_("Answers to the emails to people who register for events.")
    )

    panels = [
        FieldPanel("grants_reply_to"),
        FieldPanel("hr_reply_to"),
        FieldPanel("foundation_reply_to"),
        FieldPanel("events_reply_to"),
    ]

    class Meta:
        verbose_name = _("office email addresses")
        verbose_name_plural = _("office email addresses")

    def address_for(self, office):
        field = OFFICE_FIELDS.get(office)
        return getattr(self, field) if field else ""


def reply_to_for(template):
    """The Reply-To address of the office that sends ``template`` (e.g. "events/registration_received"), or ""."""
    office = template.split("/", 1)[0] if "/" in template else ""
    if office not in OFFICE_FIELDS:
        return ""
    return OfficeContacts.load().address_for(office)

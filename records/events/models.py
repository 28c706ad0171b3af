"""Registrations for events, as the event pages' registration forms hand them over.

The event is stored by plain values (its translation key, page id, title, URL, start): ``records`` never
imports page models. The Chinese and English pages of one event share a translation key, so they share
one capacity. ``EventCapacity`` is the row a registration, a cancellation or a change of capacity locks
while it counts the seats taken; it also keeps what the staff screens and the emails need about the event
(its titles and the iCalendar text of each language version, as the event pages last handed them over).
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class EventCapacity(models.Model):
    """One row per event, locked (``select_for_update``) while a registration is decided.

    ``capacity`` is the number enforced. The editors set it on the event page (``page_capacity`` is the
    page's value last seen, so a change there is applied once); events staff may change it in the admin.
    """

    event_key = models.CharField(_("event key"), max_length=64, unique=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places available. Leave empty for no limit.")
    )
    page_capacity = models.PositiveIntegerField(_("capacity set on the event page"), null=True, blank=True)
    titles = models.JSONField(_("titles"), default=dict, blank=True)  # {"zh-hans": "...", "en": "..."}
    urls = models.JSONField(_("event pages"), default=dict, blank=True)  # {"zh-hans": "https://...", ...}
    calendars = models.JSONField(_("iCalendar files"), default=dict, blank=True)  # {"en": "BEGIN:VCALENDAR..."}
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "pk"]

    def __str__(self):
        return self.title or self.event_key

    @property
    def title(self):
        """The event's title in the active language, else in any language known."""
        titles = self.titles or {}
        return titles.get(translation.get_language() or "") or next(iter(titles.values()), "")

    def calendar_for(self, language):
        """The event's iCalendar text in ``language`` (else in any language known; "" if none)."""
        calendars = self.calendars or {}
        return calendars.get(language) or next(iter(calendars.values()), "")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)

    event_key = models.CharField(_("event key"), max_length=64, db_index=True)
    event_page_id = models.PositiveIntegerField(_("event page id"))
    event_title = models.CharField(_("event"), max_length=255)
    event_url = models.URLField(_("event page"), max_length=500)
    event_start = models.DateTimeField(_("event starts"), null=True, blank=True)

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=100, blank=True)
    attendance = models.CharField(_("attendance"), max_length=12, choices=Attendance.choices)
    notes = models.TextField(_("accessibility or other needs"), blank=True, max_length=1000)

    language = models.CharField(_("language"), max_length=10)
    consent_at = models.DateTimeField(_("consent given"))
    submitted_at = models.DateTimeField(_("registered"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event_key",
                Lower("email"),
                condition=~models.Q(status="cancelled"),
                name="events_registration_one_active_per_email",
            )
        ]
        indexes = [models.Index(fields=["event_key", "status"], name="events_registration_event")]

    def __str__(self):
        return self.reference

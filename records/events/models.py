"""Registrations for events, as the event pages' registration forms hand them over.

The event is stored by plain values (its translation key, page id, title, URL, start): ``records`` never
imports page models. The Chinese and English pages of one event share a translation key, so they share
one capacity. ``EventCapacity`` is the row a registration locks while it counts the seats taken.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventCapacity(models.Model):
    """One row per event, locked (``select_for_update``) while a registration is decided."""

    event_key = models.CharField(_("event key"), max_length=64, unique=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event capacity")
        verbose_name_plural = _("event capacities")

    def __str__(self):
        return f"{self.event_key}: {self.capacity if self.capacity is not None else '∞'}"


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

    @property
    def on_waiting_list(self):
        return self.status == self.Status.WAITLISTED

"""The states of an event and of its registration, as editors pick them and visitors see them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    MOVED_ONLINE = "moved_online", _("Moved online")
    CANCELLED = "cancelled", _("Cancelled")


class EventLanguage(models.TextChoices):
    CHINESE = "zh-hans", _("Chinese")
    ENGLISH = "en", _("English")
    BILINGUAL = "zh-hans,en", _("Chinese and English")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("No registration needed")
    NOT_OPEN = "not_open", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RegistrationState(models.TextChoices):
    """What a visitor sees, worked out from the setting, the deadline, the seats taken and the clock."""

    NONE = "none", _("No registration needed")
    NOT_OPEN = "not_open", _("Registration not open yet")
    OPEN = "open", _("Registration open")
    FULL = "full", _("Fully booked")
    CLOSED = "closed", _("Registration closed")

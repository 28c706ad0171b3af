"""Offers and rejections, held until HR confirms and sends them.

An ``Outcome`` is what HR decided to tell a candidate: an offer or a rejection. It is held (``sent_at`` empty)
while HR may change or withdraw it; the candidate hears nothing and the application keeps its stage. Sending
(after a confirmation that lists what goes out) moves the application to "offer" or "rejected" and emails the
candidate once, in the language they applied in. A candidate has at most one held outcome at a time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import JobApplication


class Outcome(models.Model):
    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        REJECTION = "rejection", _("Rejection")

    application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("application")
    )
    kind = models.CharField(_("outcome"), max_length=12, choices=Kind.choices)
    reason = models.TextField(_("internal reason"), blank=True)
    overridden = models.JSONField(_("warnings confirmed"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("offer or rejection")
        verbose_name_plural = _("offers and rejections")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=Q(sent_at__isnull=True), name="recruitment_one_held_outcome"
            )
        ]
        indexes = [models.Index(fields=["sent_at"], name="recruitment_outcome_sent")]

    def __str__(self):
        return f"{self.application_id}: {self.kind}"

    @property
    def is_held(self):
        return self.sent_at is None

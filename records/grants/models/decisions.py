"""Panel decisions, held until the grants office releases them, and the releases of a call's decisions.

A ``Decision`` is what the panel decided about one application in panel review: fund it with an award, or
not. It stays pending (``release`` empty) while staff may change or withdraw it; the applicant hears
nothing. A ``DecisionRelease`` makes every pending decision of a call final at once, after a confirmation
that showed its counts and total award, and each applicant is then emailed once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DecisionRelease(models.Model):
    """One release of a call's pending decisions: who released them, when, and what they came to."""

    call = models.ForeignKey(
        "grants.Call", on_delete=models.PROTECT, related_name="decision_releases", verbose_name=_("call")
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("released by"),
    )
    released_at = models.DateTimeField(_("released"), default=timezone.now)
    funded = models.PositiveIntegerField(_("funded"), default=0)
    not_funded = models.PositiveIntegerField(_("not funded"), default=0)
    total_award = models.DecimalField(_("total award (CNY)"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("release of decisions")
        verbose_name_plural = _("releases of decisions")
        ordering = ["-released_at", "-pk"]

    def __str__(self):
        return f"{self.call} {self.released_at:%Y-%m-%d %H:%M}"


class Decision(models.Model):
    """The panel's decision on one application: pending until released (``release``), then final."""

    application = models.OneToOneField(
        "grants.Application", on_delete=models.CASCADE, related_name="decision", verbose_name=_("application")
    )
    funded = models.BooleanField(_("fund"))
    award_amount = models.DecimalField(_("award (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    meeting = models.ForeignKey(
        "grants.PanelMeeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("panel meeting"),
    )
    reason = models.TextField(_("reason"), blank=True)
    budget_override = models.BooleanField(_("over the call's budget"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)
    release = models.ForeignKey(
        DecisionRelease,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("released with"),
    )

    class Meta:
        verbose_name = _("panel decision")
        verbose_name_plural = _("panel decisions")
        ordering = ["application__reference"]
        constraints = [
            # A decision never contradicts itself: an award only with "fund", and "fund" only with an award.
            models.CheckConstraint(
                condition=Q(funded=True, award_amount__gt=0) | Q(funded=False, award_amount__isnull=True),
                name="grants_decision_award_matches",
            )
        ]
        indexes = [models.Index(fields=["release"], name="grants_decision_release")]

    def __str__(self):
        return f"{self.application_id}: {'fund' if self.funded else 'not fund'}"

    @property
    def is_pending(self):
        return self.release_id is None

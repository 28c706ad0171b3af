"""Interview rounds: a date, a panel of staff members, time slots; candidates booked into slots; evaluations.

A slot holds at most one candidate (``Interview.slot`` is unique: the database refuses a second booking,
and ``services.interviews.schedule`` locks the slot's row first so that the loser of a race gets a clear
message). A candidate is booked at most once per round. Each panel member records one evaluation per
interview (a score from 1 to 10 and comments).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from records.translated import pick

from .applications import Category, JobApplication

MIN_SCORE, MAX_SCORE = 1, 10


class InterviewRound(models.Model):
    """A round of interviews. Its title, location and instructions are kept in Chinese and English: each candidate's
    invitation and calendar file give them in the language the candidate applied in (``details_in``)."""

    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=40, choices=Category.choices)
    held_on = models.DateField(_("date"))
    location_zh = models.CharField(
        _("location (Chinese)"), max_length=200, blank=True, help_text=_("A room, or “online” with the meeting link.")
    )
    location_en = models.CharField(
        _("location (English)"),
        max_length=200,
        blank=True,
        help_text=_("The same place, for candidates who applied in English."),
    )
    instructions_zh = models.TextField(
        _("instructions for candidates (Chinese)"),
        blank=True,
        help_text=_("What to bring or prepare, how to find the room; sent with each invitation."),
    )
    instructions_en = models.TextField(_("instructions for candidates (English)"), blank=True)
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("panel members"),
        related_name="recruitment_panels",
        blank=True,
        help_text=_("Staff members who interview and evaluate the candidates of this round."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("interview round")
        verbose_name_plural = _("interview rounds")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.display_title} ({self.held_on:%Y-%m-%d})"

    @property
    def display_title(self):
        """The title in the active language."""
        return pick(self.title, self.title_en)

    @property
    def location(self):
        """The location in the active language."""
        return pick(self.location_zh, self.location_en)

    def details_in(self, language):
        """The title, location and instructions a candidate who applied in ``language`` reads (Chinese where the
        English is missing, in a round kept before both languages were asked for)."""
        with translation.override(language):
            return {
                "title": pick(self.title, self.title_en),
                "location": pick(self.location_zh, self.location_en),
                "instructions": pick(self.instructions_zh, self.instructions_en),
            }


class InterviewSlot(models.Model):
    round = models.ForeignKey(InterviewRound, on_delete=models.CASCADE, related_name="slots", verbose_name=_("round"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "starts_at"], name="recruitment_slot_unique_start"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="recruitment_slot_ends_after_start"),
        ]

    def __str__(self):
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


class Interview(models.Model):
    """One candidate booked into one slot of a round."""

    slot = models.OneToOneField(
        InterviewSlot, on_delete=models.PROTECT, related_name="interview", verbose_name=_("time slot")
    )
    round = models.ForeignKey(
        InterviewRound, on_delete=models.PROTECT, related_name="interviews", verbose_name=_("round")
    )
    application = models.ForeignKey(
        JobApplication, on_delete=models.PROTECT, related_name="interviews", verbose_name=_("application")
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheduled_at = models.DateTimeField(_("scheduled"), default=timezone.now)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "application"], name="recruitment_interview_once_per_round"),
        ]

    def __str__(self):
        return f"{self.application.reference} · {self.slot}"


class Evaluation(models.Model):
    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("interview")
    )
    panel_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("panel member")
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)],
        help_text=_("From 1 (weak) to 10 (outstanding)."),
    )
    comments = models.TextField(_("comments"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "panel_member"], name="recruitment_one_evaluation_each"),
            models.CheckConstraint(
                condition=Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE), name="recruitment_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.interview_id}: {self.score}"

"""Peer review: the expert pool, assignments of reviewers to applications, their reviews and scores."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reviewer(models.Model):
    """An expert in the pool. A reviewer logs in with the linked user to see their own assignments."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grants_reviewer",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("position"), max_length=100, blank=True)
    institution_name = models.CharField(_("institution"), max_length=200)
    host_institution = models.ForeignKey(
        "grants.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewers",
        verbose_name=_("registered host institution"),
        help_text=_("Set when the reviewer works at a registered host institution (used for conflicts of interest)."),
    )
    email = models.EmailField(_("email"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    expertise = models.ManyToManyField(
        "grants.ExpertiseField", blank=True, related_name="reviewers", verbose_name=_("fields of expertise")
    )
    active = models.BooleanField(_("active"), default=True)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("expert pool")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["active", "name"], name="grants_reviewer_active")]

    def __str__(self):
        return f"{self.name} ({self.institution_name})"

    def save(self, *args, **kwargs):
        # Conflict-of-interest checks compare names, institutions and emails: store them trimmed.
        self.name, self.institution_name = self.name.strip(), self.institution_name.strip()
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        """Only an active account of the "Reviewers" group can be linked: no staff, editor or panel account."""
        from ..roles import reviewer_accounts

        if self.user_id is not None and not reviewer_accounts().filter(pk=self.user_id).exists():
            raise ValidationError(
                {"user": _("Only an active account in the “Reviewers” group can be linked to a reviewer.")}
            )


class Assignment(models.Model):
    class State(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Review submitted")
        RECUSED = "recused", _("Recused")

    application = models.ForeignKey("grants.Application", on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="assignments")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.ASSIGNED)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recused_at = models.DateTimeField(_("recused"), null=True, blank=True)
    recusal_reason = models.TextField(_("declared conflict of interest"), blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["due_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="grants_assignment_unique")]
        indexes = [models.Index(fields=["reviewer", "state"], name="grants_assignment_reviewer")]
        permissions = [("review_assigned", "Can review the applications assigned to them")]

    def __str__(self):
        return f"{self.application.reference} / {self.reviewer.name}"


class Review(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    comments = models.TextField(_("comments"))
    total = models.DecimalField(_("score (0–100)"), max_digits=6, decimal_places=2)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.assignment}: {self.total}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("grants.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="grants_score_unique")]

    def __str__(self):
        return f"{self.criterion}: {self.score}"

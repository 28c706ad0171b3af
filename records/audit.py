"""The audit log: an append-only record of who did what to which record, when and why.

Every state change (see ``records.statemachine``), every decision and every opening of a private
file writes one ``AuditEntry``. Entries name the actor (a staff user, or a label such as
"applicant" or "system") but never copy an applicant's personal data.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

APPLICANT = "applicant"
SYSTEM = "system"


class AuditEntry(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="records_audit_object")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.from_state}->{self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)


def _actor_label(user, actor_label):
    if actor_label:
        return actor_label
    if user is not None and getattr(user, "is_authenticated", False):
        return user.get_username()
    return SYSTEM


def build_entry(obj, action, *, user=None, actor_label="", from_state="", to_state="", reason="", data=None, at=None):
    """An unsaved entry for ``obj`` (for ``bulk_create`` by generators); see ``record``."""
    return AuditEntry(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        actor=user if user is not None and getattr(user, "is_authenticated", False) else None,
        actor_label=_actor_label(user, actor_label),
        reason=reason or "",
        data=data or {},
        created_at=at or timezone.now(),
    )


def record(obj, action, **kwargs):
    """Write one audit entry about ``obj`` now and return it.

    ``user`` is the staff member acting (or None), ``actor_label`` names a non-user actor such as
    ``records.audit.APPLICANT``; ``reason`` is the why, ``data`` any structured detail (no personal data).
    """
    entry = build_entry(obj, action, **kwargs)
    entry.save(force_insert=True)
    return entry


def history(obj):
    """Every entry about ``obj``, oldest first."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related("actor")

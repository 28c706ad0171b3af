"""Interview rounds: slots, booking candidates into them (never two in one slot), invitations, evaluations."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from records import audit, calendars
from records.notifications import notify

from ..models import MAX_SCORE, MIN_SCORE, Evaluation, Interview, InterviewSlot, JobApplication, Status
from ..roles import is_hr_staff, is_panel_member
from .errors import RecruitmentError, SlotTaken
from .moves import candidate_context

INVITATION_TEMPLATE = "recruitment/interview_invitation"
MAX_SLOTS = 60


def _require_hr(user):
    if not is_hr_staff(user):
        raise PermissionDenied(_("Only HR staff may do this."))


def add_slots(interview_round, user, *, first_start, minutes, count, gap_minutes=0):
    """Add ``count`` consecutive slots of ``minutes`` to ``interview_round`` from ``first_start``; return them.

    Starts already taken in the round are left out (adding the same series twice changes nothing).
    """
    _require_hr(user)
    if not 1 <= count <= MAX_SLOTS or minutes < 5 or gap_minutes < 0:
        raise RecruitmentError(_("Choose between 1 and 60 slots of at least 5 minutes."), code="slots")
    taken = set(interview_round.slots.values_list("starts_at", flat=True))
    created = []
    with transaction.atomic():
        for index in range(count):
            start = first_start + datetime.timedelta(minutes=index * (minutes + gap_minutes))
            if start in taken:
                continue
            created.append(
                InterviewSlot.objects.create(
                    round=interview_round, starts_at=start, ends_at=start + datetime.timedelta(minutes=minutes)
                )
            )
    return created


def free_slots(interview_round, now=None):
    """The round's slots that hold no candidate and have not started."""
    return interview_round.slots.filter(interview__isnull=True, starts_at__gt=now or timezone.now())


def _when(starts_at, ends_at, language):
    with translation.override(language):
        start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
        return f"{formats.date_format(start, 'DATETIME_FORMAT')} – {formats.time_format(end, 'TIME_FORMAT')}"


def invitation_ics(interview, language):
    """The .ics of an interview, in the candidate's language."""
    application, slot = interview.application, interview.slot
    details = interview.round.details_in(language)
    with translation.override(language):
        summary = gettext("SMART interview: %(position)s") % {"position": application.posting_title}
        description = gettext("Reference number: %(reference)s. Please arrive ten minutes early.") % {
            "reference": application.reference
        }
    if details["instructions"]:
        description = f"{description}\n\n{details['instructions']}"
    return calendars.single_event(
        key=f"recruitment-interview-{interview.pk}",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=summary,
        description=description,
        location=details["location"],
    )


def send_invitation(interview):
    """Email the candidate their interview time with an .ics attached, in the language they applied in (the round's
    title, location and instructions too)."""
    application = interview.application
    language = application.language
    details = interview.round.details_in(language)
    context = {
        **candidate_context(application),
        "round_title": details["title"],
        "when": _when(interview.slot.starts_at, interview.slot.ends_at, language),
        "location": details["location"],
        "instructions": details["instructions"],
    }
    notify(
        application.email,
        INVITATION_TEMPLATE,
        context,
        language=language,
        owner=application,
        attachments=[("interview.ics", invitation_ics(interview, language), calendars.MIME_TYPE)],
    )


def schedule(application, slot, user, now=None):
    """Book ``application`` into ``slot`` for HR staff ``user`` and email the invitation; return the interview.

    The slot's row is locked first, so of two bookings at once exactly one gets the slot and the other a
    ``SlotTaken``; the database's unique slot is the last guard. The candidate must be at the interview
    stage, of the round's category, not yet booked in this round, and the slot must not have started.
    """
    _require_hr(user)
    now = now or timezone.now()
    with transaction.atomic():
        slot = InterviewSlot.objects.select_for_update().select_related("round").filter(pk=slot.pk).first()
        if slot is None:
            raise RecruitmentError(_("This time slot no longer exists."), code="missing")
        application = JobApplication.objects.select_for_update().get(pk=application.pk)
        interview_round = slot.round
        if application.status != Status.INTERVIEW:
            raise RecruitmentError(_("Only candidates shortlisted for interview can be scheduled."), code="status")
        if application.posting_category != interview_round.category:
            raise RecruitmentError(_("This round interviews candidates of another category."), code="category")
        if slot.starts_at <= now:
            raise RecruitmentError(_("This time slot has already begun."), code="past")
        if Interview.objects.filter(slot=slot).exists():
            raise SlotTaken(_("This time slot is already taken. Please choose another one."), code="taken")
        if Interview.objects.filter(round=interview_round, application=application).exists():
            raise RecruitmentError(_("This candidate already has a slot in this round."), code="booked")
        try:
            with transaction.atomic():
                interview = Interview.objects.create(
                    slot=slot, round=interview_round, application=application, scheduled_by=user, scheduled_at=now
                )
        except IntegrityError as error:
            raise SlotTaken(_("This time slot is already taken. Please choose another one."), code="taken") from error
        audit.record(
            application,
            "interview_scheduled",
            user=user,
            data={"round": interview_round.pk, "slot": slot.pk, "starts_at": slot.starts_at},
            at=now,
        )
        send_invitation(interview)
    return interview


def cancel(interview, user, reason):
    """Free the slot of an interview that has no evaluation yet (HR staff, with a reason)."""
    _require_hr(user)
    reason = (reason or "").strip()
    if not reason:
        raise RecruitmentError(_("Please give a reason for this move."), code="reason_required")
    with transaction.atomic():
        interview = Interview.objects.select_for_update().select_related("application", "slot").get(pk=interview.pk)
        if interview.evaluations.exists():
            raise RecruitmentError(_("An interview with evaluations cannot be cancelled."), code="evaluated")
        data = {"round": interview.round_id, "slot": interview.slot_id, "starts_at": interview.slot.starts_at}
        application = interview.application
        interview.delete()
        audit.record(application, "interview_cancelled", user=user, reason=reason, data=data)


def record_evaluation(interview, user, *, score, comments=""):
    """Record (or update) ``user``'s own evaluation of ``interview``; only members of the round's panel may."""
    if not is_panel_member(user, interview.round):
        raise PermissionDenied(_("Only members of this round's panel may evaluate its candidates."))
    if not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
        raise RecruitmentError(_("The score must be a whole number from 1 to 10."), code="score")
    now = timezone.now()
    with transaction.atomic():
        evaluation, created = Evaluation.objects.select_for_update().get_or_create(
            interview=interview,
            panel_member=user,
            defaults={"score": score, "comments": comments or "", "recorded_at": now, "updated_at": now},
        )
        if not created:
            evaluation.score, evaluation.comments, evaluation.updated_at = score, comments or "", now
            evaluation.save(update_fields=["score", "comments", "updated_at"])
        audit.record(
            interview.application,
            "evaluation_recorded" if created else "evaluation_updated",
            user=user,
            data={"interview": interview.pk, "score": score},
            at=now,
        )
    return evaluation


def evaluations_visible_to(user, interviews):
    """The evaluations of ``interviews`` that ``user`` may read: all for HR staff, else only their own."""
    evaluations = Evaluation.objects.filter(interview__in=interviews).select_related("panel_member")
    if is_hr_staff(user):
        return evaluations
    return evaluations.filter(panel_member=user)


def interviews_for_panel_member(user):
    """The interviews of every round ``user`` sits on the panel of, soonest first."""
    return Interview.objects.filter(round__panel=user).select_related("application", "slot", "round").distinct()

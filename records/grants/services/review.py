"""Peer review: suggesting and assigning reviewers without conflicts, recusal and reassignment, scoring."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg, Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from records import audit
from records.notifications import notify

from ..models import Application, Assignment, Review, Reviewer, Score, Status
from ..roles import is_grants_staff
from .errors import ConflictOfInterest, GrantsError

ASSIGNABLE_STATES = (Status.ACCEPTED, Status.PEER_REVIEW)


def conflict_filter(application):
    """A ``Q`` on ``Reviewer`` matching everyone with a conflict of interest with ``application``.

    A reviewer conflicts when they work at the host institution (linked, or by the same institution
    name), are the principal investigator, or are a member of the application's team.
    """
    institution = application.institution
    query = (
        Q(host_institution_id=institution.pk)
        | Q(institution_name__iexact=institution.name.strip())
        | Q(email__iexact=application.pi_email.strip())
        | Q(name=application.pi_name.strip(), institution_name__iexact=institution.name.strip())
    )
    for member in application.team.all():
        if member.institution_name.strip():
            query |= Q(name=member.name.strip(), institution_name__iexact=member.institution_name.strip())
        else:
            query |= Q(name=member.name.strip())
    return query


def is_conflicted(reviewer, application):
    return Reviewer.objects.filter(pk=reviewer.pk).filter(conflict_filter(application)).exists()


def conflict_reasons(reviewer, application):
    """Why ``reviewer`` has a conflict of interest with ``application``, in words (empty: none).

    The same rules as ``conflict_filter``, for showing staff why an expert cannot be picked.
    """
    institution = application.institution
    host = institution.name.strip().lower()
    name, works_at = reviewer.name.strip(), reviewer.institution_name.strip().lower()
    reasons = []
    if reviewer.host_institution_id == institution.pk or works_at == host:
        reasons.append(_("works at the host institution"))
    if reviewer.email.strip().lower() == application.pi_email.strip().lower():
        reasons.append(_("is the principal investigator"))
    for member in application.team.all():
        member_institution = member.institution_name.strip().lower()
        if name == member.name.strip() and (not member_institution or member_institution == works_at):
            reasons.append(_("is a member of the team"))
            break
    return reasons


def find_reviewers(application, query="", field=None, limit=25):
    """Active experts of the pool matching ``query`` (name, institution or email) and ``field`` of expertise, not
    yet assigned to ``application``: ``(reviewers, more)``. Each carries ``conflicts`` (reasons, in words) and
    ``load`` (open reviews); conflicted experts are listed so that staff see why they cannot be picked."""
    candidates = Reviewer.objects.filter(active=True).exclude(
        pk__in=Assignment.objects.filter(application=application).values("reviewer_id")
    )
    query = (query or "").strip()
    if query:
        candidates = candidates.filter(
            Q(name__icontains=query) | Q(institution_name__icontains=query) | Q(email__iexact=query)
        )
    if field is not None:
        candidates = candidates.filter(expertise=field)
    candidates = _with_load(candidates).prefetch_related("expertise").order_by("name", "pk")
    found = list(candidates[: limit + 1])
    conflicted = set(
        Reviewer.objects.filter(pk__in=[r.pk for r in found])
        .filter(conflict_filter(application))
        .values_list("pk", flat=True)
    )
    for reviewer in found:
        reviewer.conflicts = conflict_reasons(reviewer, application)
        if reviewer.pk in conflicted and not reviewer.conflicts:
            reviewer.conflicts = [_("has a conflict of interest")]
    return found[:limit], len(found) > limit


def _with_load(queryset):
    open_load = (
        Assignment.objects.filter(reviewer=OuterRef("pk"), state=Assignment.State.ASSIGNED)
        .order_by()
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(load=Coalesce(Subquery(open_load, output_field=IntegerField()), 0))


def suggest_reviewers(application, count=None):
    """Up to ``count`` active reviewers for ``application``, best field match first, then least loaded.

    Never anyone with a conflict of interest, nor anyone already assigned (or recused) on it.
    """
    call = application.call
    if count is None:
        count = call.reviewers_per_application
    if count <= 0:
        return []
    field_ids = list(application.category.expertise.values_list("pk", flat=True))
    candidates = (
        Reviewer.objects.filter(active=True)
        .exclude(conflict_filter(application))
        .exclude(pk__in=Assignment.objects.filter(application=application).values("reviewer_id"))
    )
    if field_ids:
        candidates = candidates.annotate(match=Count("expertise", filter=Q(expertise__in=field_ids), distinct=True))
    else:
        candidates = candidates.annotate(match=Value(0, output_field=IntegerField()))
    return list(_with_load(candidates).order_by("-match", "load", "pk")[:count])


def _check_assigner(user):
    if not is_grants_staff(user):
        raise PermissionDenied


def assign_reviewers(application, user, reviewers=None, count=None, due_at=None):
    """Assign reviewers to ``application`` (the suggested ones unless ``reviewers`` are given).

    Refuses reviewers with a conflict of interest (``ConflictOfInterest``), inactive ones, and
    applications that are not accepted or in peer review. Returns the new assignments.
    """
    _check_assigner(user)
    if application.status not in ASSIGNABLE_STATES:
        raise GrantsError(_("Reviewers can be assigned only to accepted applications or those in peer review."))
    call = application.call
    due_at = due_at or call.review_deadline
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=application.pk).first()
        if reviewers is None:
            active = application.assignments.exclude(state=Assignment.State.RECUSED).count()
            wanted = count if count is not None else max(0, call.reviewers_per_application - active)
            reviewers = suggest_reviewers(application, wanted)
        else:
            reviewers = list(reviewers)
            ids = [reviewer.pk for reviewer in reviewers]
            conflicted = list(Reviewer.objects.filter(pk__in=ids).filter(conflict_filter(application)))
            if conflicted:
                raise ConflictOfInterest(
                    _("These reviewers have a conflict of interest with this application: %(names)s.")
                    % {"names": ", ".join(reviewer.name for reviewer in conflicted)},
                    code="conflict",
                )
            if any(not reviewer.active for reviewer in reviewers):
                raise GrantsError(_("Only active reviewers can be assigned."), code="inactive")
            if application.assignments.filter(reviewer_id__in=ids).exists():
                raise GrantsError(_("A reviewer is already assigned to this application."), code="duplicate")
        assignments = [
            Assignment.objects.create(application=application, reviewer=reviewer, due_at=due_at, assigned_by=user)
            for reviewer in reviewers
        ]
        if assignments:
            audit.record(
                application,
                "reviewers_assigned",
                user=user,
                data={"assignments": [a.pk for a in assignments], "reviewers": [r.pk for r in reviewers]},
            )
        for assignment in assignments:
            notify_reviewer(assignment)
    return assignments


REVIEW_ASSIGNED_TEMPLATE = "grants/review_assigned"


def notify_reviewer(assignment):
    """Email the reviewer of ``assignment``, in their language: what to review, by when, and the link to it."""
    reviewer, application = assignment.reviewer, assignment.application
    language = reviewer.language or "zh-hans"
    with translation.override(language):
        context = {
            "reviewer_name": reviewer.name,
            "reference": application.reference,
            "title": application.title,
            "call_title": str(application.call.title),
            "due": timezone.localtime(assignment.due_at).strftime("%Y-%m-%d %H:%M") if assignment.due_at else "",
            "review_path": reverse("grants_my_review", args=[assignment.pk]),
            "has_account": reviewer.user_id is not None,
        }
    notify(reviewer.email, REVIEW_ASSIGNED_TEMPLATE, context, language=language, owner=assignment)


def reassign(application, user=None, actor=audit.SYSTEM):
    """Assign one more suggested reviewer (after a recusal); returns the assignment or None if nobody fits."""
    call = application.call
    candidates = suggest_reviewers(application, 1)
    if not candidates:
        audit.record(application, "reassignment_failed", user=user, actor_label=actor)
        return None
    assignment = Assignment.objects.create(
        application=application, reviewer=candidates[0], due_at=call.review_deadline, assigned_by=user
    )
    audit.record(
        application,
        "reviewer_reassigned",
        user=user,
        actor_label=actor,
        data={"assignment": assignment.pk, "reviewer": candidates[0].pk},
    )
    notify_reviewer(assignment)
    return assignment


def _is_own(assignment, user):
    reviewer_user_id = assignment.reviewer.user_id
    return reviewer_user_id is not None and user.is_authenticated and reviewer_user_id == user.pk


def recuse(assignment, user, reason):
    """A reviewer declares a conflict of interest and steps back; another reviewer is assigned.

    Allowed for the assigned reviewer, or for grants office staff recording it on their behalf,
    while the review is not yet submitted. Returns the replacement assignment (or None).
    """
    reason = (reason or "").strip()
    if not reason:
        raise GrantsError(_("Please describe the conflict of interest."), code="reason_required")
    if not (_is_own(assignment, user) or is_grants_staff(user)):
        raise PermissionDenied
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.state != Assignment.State.ASSIGNED:
            raise GrantsError(_("Only an open assignment can be recused."), code="state")
        now = timezone.now()
        Assignment.objects.filter(pk=assignment.pk).update(
            state=Assignment.State.RECUSED, recused_at=now, recusal_reason=reason
        )
        assignment.state, assignment.recused_at, assignment.recusal_reason = Assignment.State.RECUSED, now, reason
        application = assignment.application
        audit.record(
            application,
            "reviewer_recused",
            user=user,
            reason=reason,
            data={"assignment": assignment.pk, "reviewer": assignment.reviewer_id},
        )
        replacement = None
        if application.status in ASSIGNABLE_STATES:
            replacement = reassign(application, user=None, actor=audit.SYSTEM)
    return replacement


def weighted_total(criteria, scores):
    """The review's score from 0 to 100: each criterion's share of its highest score, weighted."""
    weight_sum = sum((criterion.weight for criterion in criteria), Decimal("0"))
    if weight_sum <= 0:
        return Decimal("0.00")
    total = sum(
        (Decimal(scores[criterion.pk]) / Decimal(criterion.max_score) * criterion.weight for criterion in criteria),
        Decimal("0"),
    )
    return (total / weight_sum * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def refresh_score(application):
    """Recompute the application's mean review score and review count from its submitted reviews."""
    figures = Review.objects.filter(assignment__application=application).aggregate(mean=Avg("total"), n=Count("pk"))
    mean = figures["mean"]
    score = Decimal(mean).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if mean is not None else None
    Application.objects.filter(pk=application.pk).update(review_score=score, review_count=figures["n"])
    application.review_score, application.review_count = score, figures["n"]


def record_review(assignment, user, scores, comments, now=None):
    """The assigned reviewer scores the application against every criterion of the call, with comments.

    Only the reviewer of this assignment, only while the application is in peer review, before the
    assignment's deadline, once. ``scores`` maps criterion id to an integer from 0 to its highest score.
    """
    now = now or timezone.now()
    if not _is_own(assignment, user):
        raise PermissionDenied
    comments = (comments or "").strip()
    if not comments:
        raise GrantsError(_("Please add your comments."), code="comments")
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
        application = locked.application
        if locked.state != Assignment.State.ASSIGNED:
            raise GrantsError(_("This review has already been submitted or the assignment was recused."), code="state")
        if application.status != Status.PEER_REVIEW:
            raise GrantsError(_("This application is not in peer review."), code="not_in_review")
        if locked.due_at is not None and now >= locked.due_at:
            raise GrantsError(_("The deadline for this review has passed."), code="deadline")
        criteria = list(application.call.criteria.all())
        if not criteria:
            raise GrantsError(_("This call has no review criteria."), code="criteria")
        for criterion in criteria:
            value = scores.get(criterion.pk)
            if value is None or not 0 <= int(value) <= criterion.max_score:
                raise GrantsError(
                    _("Give %(criterion)s a score from 0 to %(max)s.")
                    % {"criterion": criterion.name, "max": criterion.max_score},
                    code="score",
                )
        review = Review.objects.create(
            assignment=locked, comments=comments, total=weighted_total(criteria, scores), submitted_at=now
        )
        Score.objects.bulk_create(
            Score(review=review, criterion=criterion, score=int(scores[criterion.pk])) for criterion in criteria
        )
        Assignment.objects.filter(pk=locked.pk).update(state=Assignment.State.SUBMITTED)
        assignment.state = Assignment.State.SUBMITTED
        refresh_score(application)
        audit.record(application, "review_submitted", user=user, data={"assignment": locked.pk}, at=now)
    return review

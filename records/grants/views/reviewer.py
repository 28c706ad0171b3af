"""Reviewers' own screens: their assignments only, the application to score, the criteria and the deadline.

A reviewer never sees another reviewer's scores, nor any assignment that is not theirs: such URLs
answer 404 exactly as a missing one does.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from records.files import download_url
from records.permissions import in_group
from records.screens import AdminScreen, file_link
from records.statemachine import TransitionNotAllowed

from .. import services
from ..forms import RecuseForm, ReviewForm
from ..models import Assignment, Status
from ..roles import REVIEWERS


def current_reviewer(user):
    """The expert-pool entry of ``user`` if they are in the Reviewers group, else PermissionDenied."""
    reviewer = getattr(user, "grants_reviewer", None) if user.is_authenticated else None
    if reviewer is None or not in_group(user, REVIEWERS):
        raise PermissionDenied
    return reviewer


class MyReviewsView(AdminScreen, TemplateView):
    template_name = "grants/admin/my_reviews.html"
    page_title = _("My reviews")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviewer = current_reviewer(self.request.user)
        assignments = (
            Assignment.objects.filter(reviewer=reviewer)
            .select_related("application__call", "application__category", "application__application_type")
            .order_by("state", "due_at", "pk")
        )
        context.update(reviewer=reviewer, assignments=assignments, now=timezone.now())
        return context


class MyReviewView(AdminScreen, TemplateView):
    template_name = "grants/admin/my_review.html"
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.reviewer = None
        self.assignment = None

    def dispatch(self, request, *args, **kwargs):
        self.reviewer = current_reviewer(request.user)
        assignment = (
            Assignment.objects.filter(pk=kwargs["pk"], reviewer=self.reviewer)
            .select_related(
                "application__call",
                "application__category",
                "application__application_type",
                "application__proposal",
                "application__budget_sheet",
            )
            .first()
        )
        if assignment is None:
            raise Http404
        self.assignment = assignment
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Review")

    def get_page_subtitle(self):
        return self.assignment.application.reference

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("grants_my_reviews"), "label": _("My reviews")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def can_review(self):
        assignment = self.assignment
        return (
            assignment.state == Assignment.State.ASSIGNED
            and assignment.application.status == Status.PEER_REVIEW
            and (assignment.due_at is None or timezone.now() < assignment.due_at)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.assignment
        application = assignment.application
        criteria = list(application.call.criteria.all())
        own_review = getattr(assignment, "review", None) if assignment.state == Assignment.State.SUBMITTED else None
        context.update(
            assignment=assignment,
            application=application,
            team=list(application.team.all()),
            criteria=criteria,
            proposal_url=download_url(application.proposal) if application.proposal_id else None,
            budget_sheet=file_link(application.budget_sheet),
            review_form=kwargs.get("review_form") or (ReviewForm(criteria=criteria) if self.can_review() else None),
            recuse_form=kwargs.get("recuse_form")
            or (RecuseForm() if assignment.state == Assignment.State.ASSIGNED else None),
            own_review=own_review,
            own_scores=list(own_review.scores.select_related("criterion")) if own_review else [],
            deadline_passed=assignment.due_at is not None and timezone.now() >= assignment.due_at,
        )
        return context

    def post(self, request, *args, **kwargs):
        assignment = self.assignment
        if request.POST.get("action") == "recuse":
            form = RecuseForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(recuse_form=form))
            try:
                services.recuse(assignment, request.user, form.cleaned_data["reason"])
            except TransitionNotAllowed as error:
                messages.error(request, str(error))
                return redirect(reverse("grants_my_review", args=[assignment.pk]))
            done = gettext("Your recusal is recorded. Thank you; another reviewer will be assigned.")
            messages.success(request, done)
            return redirect(reverse("grants_my_reviews"))
        criteria = list(assignment.application.call.criteria.all())
        form = ReviewForm(request.POST, criteria=criteria)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(review_form=form))
        try:
            services.record_review(assignment, request.user, form.scores(), form.cleaned_data["comments"])
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(reverse("grants_my_review", args=[assignment.pk]))
        messages.success(request, gettext("Your review is submitted. Thank you."))
        return redirect(reverse("grants_my_reviews"))

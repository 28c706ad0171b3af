"""Staff screens of peer review: reviewers picked by hand or suggested, and recusals recorded for a reviewer.

"Assign reviewers" lists the suggested experts (best field match, least busy, no conflict) and lets staff
search the whole expert pool by name, institution, email or field; experts with a conflict of interest are
listed with the reason and cannot be ticked (the service refuses them whatever is posted). Each assigned
reviewer is emailed in their language with the link to the review.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from records.permissions import group_required
from records.screens import AdminScreen
from records.screens import post_only as _post_only
from records.statemachine import TransitionNotAllowed

from .. import services
from ..forms import AssignForm, PickReviewersForm, RecuseForm, ReviewerSearchForm
from ..models import Application, Assignment
from ..roles import GRANTS_OFFICE

office_only = group_required(GRANTS_OFFICE)
SUGGESTIONS = 8


def _inspect_url(application):
    return reverse("grants_application:inspect", args=[application.pk])


def assigned_message(assignments):
    names = ", ".join(assignment.reviewer.name for assignment in assignments)
    count = len(assignments)
    return ngettext(
        "%(count)s reviewer assigned: %(names)s. They are emailed the link to the review in their language.",
        "%(count)s reviewers assigned: %(names)s. They are emailed the link to the review in their language.",
        count,
    ) % {"count": count, "names": names}


@method_decorator(office_only, name="dispatch")
class AssignReviewersView(AdminScreen, TemplateView):
    template_name = "grants/admin/assign_reviewers.html"
    header_icon = "group"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.application = get_object_or_404(
            Application.objects.select_related("call", "category", "institution"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return _("Assign reviewers")

    def get_page_subtitle(self):
        return self.application.reference

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("grants_application:index"), "label": _("Applications")},
            {"url": _inspect_url(self.application), "label": self.application.reference},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        search = ReviewerSearchForm(self.request.GET or None)
        found, more, searched = [], False, False
        if search.is_valid() and (search.cleaned_data["q"] or search.cleaned_data["field"]):
            searched = True
            found, more = services.review.find_reviewers(
                application, search.cleaned_data["q"], search.cleaned_data["field"]
            )
        active = application.assignments.exclude(state=Assignment.State.RECUSED).count()
        wanted = max(0, application.call.reviewers_per_application - active)
        suggestions = services.suggest_reviewers(application, SUGGESTIONS)
        context.update(
            application=application,
            assignments=list(application.assignments.select_related("reviewer").order_by("pk")),
            can_assign=application.status in services.review.ASSIGNABLE_STATES,
            suggestions=suggestions,
            preselected={reviewer.pk for reviewer in suggestions[:wanted]},
            wanted=wanted,
            search=search,
            searched=searched,
            found=found,
            more=more,
            form=kwargs.get("form") or PickReviewersForm(application=application),
            inspect_url=_inspect_url(application),
        )
        return context

    def post(self, request, *args, **kwargs):
        application = self.application
        form = PickReviewersForm(request.POST, application=application)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        reviewers = list(form.cleaned_data["reviewers"])
        try:
            created = services.assign_reviewers(application, request.user, reviewers=reviewers)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, assigned_message(created))
        return redirect(_inspect_url(application))


@office_only
def application_assign(request, pk):
    """Assign the suggested reviewers (as many as asked) in one click."""
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application.objects.select_related("call", "category", "institution"), pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Enter how many reviewers to add, from 1 to 10."))
        return redirect(_inspect_url(application))
    try:
        created = services.assign_reviewers(application, request.user, count=form.cleaned_data["count"])
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        if created:
            messages.success(request, assigned_message(created))
            if len(created) < form.cleaned_data["count"]:
                messages.warning(
                    request,
                    _(
                        "Only %(found)s of the %(asked)s reviewers asked for could be found without a conflict of "
                        "interest. Pick others by hand."
                    )
                    % {"found": len(created), "asked": form.cleaned_data["count"]},
                )
        else:
            messages.warning(request, gettext("No reviewer without a conflict of interest is available."))
    return redirect(_inspect_url(application))


@office_only
def assignment_recuse(request, pk):
    """Staff record a reviewer's recusal (declared by phone or email); another reviewer is assigned."""
    if response := _post_only(request):
        return response
    assignment = get_object_or_404(Assignment.objects.select_related("application__call", "reviewer"), pk=pk)
    form = RecuseForm(request.POST)
    if form.is_valid():
        try:
            replacement = services.recuse(assignment, request.user, form.cleaned_data["reason"])
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        else:
            if replacement:
                messages.success(
                    request,
                    _("Recusal of %(recused)s recorded; %(name)s is assigned instead and emailed the link.")
                    % {"recused": assignment.reviewer.name, "name": replacement.reviewer.name},
                )
            else:
                messages.warning(
                    request,
                    _("Recusal of %(recused)s recorded; no other reviewer is available: pick one by hand.")
                    % {"recused": assignment.reviewer.name},
                )
    else:
        messages.error(request, gettext("Please describe the conflict of interest."))
    return redirect(_inspect_url(assignment.application))

"""Staff screens beyond plain listing: inspect with history and actions, moves, bulk moves, dashboard, panel."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import InspectView

from records import screens
from records.permissions import group_required
from records.screens import AdminScreen
from records.screens import file_link as _file_link
from records.screens import post_only as _post_only
from records.statemachine import TransitionNotAllowed

from .. import services
from ..forms import (
    AssignForm,
    DecisionForm,
    DisbursementForm,
    InstitutionDecisionForm,
    MoveForm,
    RecuseForm,
)
from ..history import grants_history
from ..models import Application, Assignment, Call, Category, Institution, InstitutionStatus, Status
from ..pipeline import APPLICATION_PIPELINE, INSTITUTION_REGISTRATION
from ..roles import GRANTS_OFFICE

office_only = group_required(GRANTS_OFFICE)


class ApplicationInspectView(screens.ReadableInspectMixin, InspectView):
    template_name = "grants/admin/application_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Application.objects.select_related(
                "call", "application_type", "category", "institution", "proposal", "budget_sheet", "panel_meeting"
            ),
            pk=self.pk,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        user = self.request.user
        transitions = [t for t in APPLICATION_PIPELINE.available(application, user) if t.target != Status.FUNDED]
        assignments = application.assignments.select_related("reviewer", "review").prefetch_related(
            Prefetch("review__scores", to_attr="score_list")
        )
        context.update(
            application=application,
            status_label=APPLICATION_PIPELINE.label(application.status),
            team=list(application.team.all()),
            files=[f for f in (_file_link(application.proposal), _file_link(application.budget_sheet)) if f],
            history=grants_history(application, APPLICATION_PIPELINE),
            move_form=MoveForm(transitions=transitions) if transitions else None,
            assignments=list(assignments),
            disbursements=list(application.disbursements.all()),
            can_assign=application.status in services.review.ASSIGNABLE_STATES,
            assign_form=AssignForm(initial={"count": application.call.reviewers_per_application}),
            decision_form=DecisionForm(call=application.call) if application.status == Status.PANEL_REVIEW else None,
            disbursement_form=DisbursementForm() if application.status == Status.FUNDED else None,
            recuse_form=RecuseForm(),
        )
        if application.status == Status.FUNDED:
            context["disbursed"] = application.disbursed_amount
        return context


def _inspect_url(application):
    return reverse("grants_application:inspect", args=[application.pk])


def _report(request, error):
    messages.error(request, str(error))


@office_only
def application_move(request, pk):
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    form = MoveForm(request.POST, transitions=APPLICATION_PIPELINE.available(application, request.user))
    if form.is_valid():
        try:
            services.move(application, form.cleaned_data["target"], request.user, form.cleaned_data["reason"])
        except TransitionNotAllowed as error:
            _report(request, error)
        else:
            messages.success(
                request,
                _("%(reference)s moved to “%(state)s”.")
                % {"reference": application.reference, "state": APPLICATION_PIPELINE.label(application.status)},
            )
    else:
        messages.error(request, _("This move is not available for this application."))
    return redirect(_inspect_url(application))


@office_only
def application_assign(request, pk):
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application.objects.select_related("call", "category", "institution"), pk=pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            created = services.assign_reviewers(application, request.user, count=form.cleaned_data["count"])
        except TransitionNotAllowed as error:
            _report(request, error)
        else:
            if created:
                messages.success(request, _("%(count)s reviewer(s) assigned.") % {"count": len(created)})
            else:
                messages.warning(request, _("No reviewer without a conflict of interest is available."))
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
            _report(request, error)
        else:
            if replacement:
                messages.success(
                    request, _("Recusal recorded; %(name)s assigned instead.") % {"name": replacement.reviewer.name}
                )
            else:
                messages.warning(request, _("Recusal recorded; no other reviewer is available."))
    else:
        messages.error(request, _("Please describe the conflict of interest."))
    return redirect(_inspect_url(assignment.application))


@office_only
def application_decide(request, pk):
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    form = DecisionForm(request.POST, call=application.call)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(
                application,
                funded=data["decision"] == "fund",
                user=request.user,
                award_amount=data.get("award_amount"),
                reason=data.get("reason", ""),
                override=data.get("override", False),
                meeting=data.get("meeting"),
            )
        except TransitionNotAllowed as error:
            _report(request, error)
        else:
            messages.success(request, _("Decision recorded for %(reference)s.") % {"reference": application.reference})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(get_valid_next_url_from_request(request) or _inspect_url(application))  # never to another host


@office_only
def application_disburse(request, pk):
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application, pk=pk)
    form = DisbursementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_disbursement(application, data["amount"], data["paid_on"], request.user, data["note"])
        except TransitionNotAllowed as error:
            _report(request, error)
        else:
            messages.success(request, _("Disbursement recorded."))
    else:
        messages.error(request, _("Please enter the amount and the date of payment."))
    return redirect(_inspect_url(application))


class InstitutionInspectView(screens.ReadableInspectMixin, InspectView):
    template_name = "grants/admin/institution_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institution = self.object
        context.update(
            institution=institution,
            status_label=INSTITUTION_REGISTRATION.label(institution.status),
            licence=_file_link(institution.licence),
            history=grants_history(institution, INSTITUTION_REGISTRATION),
            decision_form=InstitutionDecisionForm() if institution.status == InstitutionStatus.PENDING else None,
            application_count=institution.applications.count(),
        )
        return context


@office_only
def institution_decide(request, pk):
    if response := _post_only(request):
        return response
    institution = get_object_or_404(Institution, pk=pk)
    form = InstitutionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_institution(
                institution, form.cleaned_data["decision"] == "approve", request.user, form.cleaned_data["reason"]
            )
        except TransitionNotAllowed as error:
            _report(request, error)
        else:
            messages.success(request, _("Decision recorded for %(name)s.") % {"name": institution.name})
    return redirect(reverse("grants_institution:inspect", args=[institution.pk]))


@method_decorator(office_only, name="dispatch")
class BulkMoveView(screens.BulkMoveView):
    """Move every application of the filtered list that can make the chosen move (each one logged)."""

    machine = APPLICATION_PIPELINE
    move_records = staticmethod(services.bulk_move)
    index_url_name = "grants_application:index"


@method_decorator(office_only, name="dispatch")
class CallDashboardView(AdminScreen, TemplateView):
    template_name = "grants/admin/dashboard.html"
    header_icon = "table"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = get_object_or_404(Call.objects.select_related("programme"), pk=kwargs["pk"])

    def get_page_title(self):
        return _("Dashboard")

    def get_page_subtitle(self):
        return self.call.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = services.dashboard(self.call)
        applications = reverse("grants_application:index")
        context.update(
            call=self.call,
            figures=figures,
            list_url=f"{applications}?call={self.call.pk}",
            panel_url=reverse("grants_call:panel", args=[self.call.pk]),
            phase=self.call.phase(),
        )
        return context


@method_decorator(office_only, name="dispatch")
class PanelView(AdminScreen, TemplateView):
    """The panel meeting's list: applications in panel review ranked by score within each category."""

    template_name = "grants/admin/panel.html"
    header_icon = "list-ol"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = get_object_or_404(Call.objects.select_related("programme"), pk=kwargs["pk"])

    def get_page_title(self):
        return _("Panel review")

    def get_page_subtitle(self):
        return self.call.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        categories = list(Category.objects.filter(programme_id=self.call.programme_id))
        category = None
        if self.request.GET.get("category"):
            category = next((c for c in categories if str(c.pk) == self.request.GET["category"]), None)
        rows = list(services.ranking(self.call, category=category))
        committed = services.panel.committed_awards(self.call)
        context.update(
            call=self.call,
            rows=rows,
            categories=categories,
            category=category,
            committed=committed,
            remaining=self.call.total_budget - committed,
            decision_form=DecisionForm(call=self.call),
            here=self.request.get_full_path(),
        )
        return context

"""Staff screens beyond plain listing: inspect with history and actions, moves, bulk moves, dashboard, panel."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import InspectView

from records import screens
from records.permissions import group_required
from records.screens import AdminScreen, ConfirmMoveForm, confirm_move_page
from records.screens import file_link as _file_link
from records.screens import post_only as _post_only
from records.statemachine import NeedsConfirmation, TransitionNotAllowed

from .. import services
from ..forms import (
    AssignForm,
    ConfirmInstitutionRejectionForm,
    ConfirmRejectionForm,
    DisbursementForm,
    InstitutionDecisionForm,
    MoveForm,
    RecuseForm,
    WithdrawDecisionForm,
)
from ..history import grants_history
from ..machine import APPLICATION_PIPELINE, DECISION_STATES, INSTITUTION_REGISTRATION
from ..models import Application, Call, Decision, Institution, InstitutionStatus, Status
from ..roles import GRANTS_OFFICE
from .decisions import decision_form

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
        transitions = movable(application, user)
        decision = Decision.objects.filter(application=application).select_related("meeting", "recorded_by").first()
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
            pick_url=reverse("grants_application:reviewers", args=[application.pk]),
            decision=decision,
            decision_form=(
                decision_form(self.request, decision, application, application.call)
                if application.status == Status.PANEL_REVIEW
                else None
            ),
            withdraw_decision_form=WithdrawDecisionForm() if decision is not None and decision.is_pending else None,
            panel_url=reverse("grants_call:panel", args=[application.call_id]),
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


def movable(application, user):
    """The moves offered on the inspect page: every permitted move but the decisions (held, then released)."""
    return [t for t in APPLICATION_PIPELINE.available(application, user) if t.target not in DECISION_STATES]


@office_only
def application_move(request, pk):
    """Make a move from the inspect page; a move with a warning (reviews missing) asks for a confirmation and a
    reason first, on its own screen, and the override is kept in the history."""
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    transitions = {t.target: t for t in movable(application, request.user)}
    confirming = request.POST.get("step") == "confirm"
    target = request.POST.get("target", "")
    confirm_form = ConfirmRejectionForm if target == Status.REJECTED_FORMAL else ConfirmMoveForm
    form = (confirm_form if confirming else MoveForm)(
        request.POST, **({} if confirming else {"transitions": transitions.values()})
    )
    if target not in transitions:
        messages.error(request, gettext("This move is not available for this application."))
        return redirect(_inspect_url(application))
    transition = transitions[target]
    if not form.is_valid():
        if confirming:
            cautions = APPLICATION_PIPELINE.cautions_for(transition, application)
            return _confirmation(request, application, transition, cautions, form)
        messages.error(request, gettext("This move is not available for this application."))
        return redirect(_inspect_url(application))
    try:
        services.move(application, target, request.user, form.cleaned_data["reason"], confirmed=confirming)
    except NeedsConfirmation as caution:
        initial = {"target": target, "reason": form.cleaned_data["reason"]}
        return _confirmation(request, application, transition, caution.cautions, confirm_form(initial=initial))
    except TransitionNotAllowed as error:
        _report(request, error)
    else:
        values = {"reference": application.reference, "state": APPLICATION_PIPELINE.label(application.status)}
        if confirming:
            done = _(
                "%(reference)s moved to “%(state)s”. The warning you confirmed and your reason are kept in its history."
            )
        else:
            done = _("%(reference)s moved to “%(state)s”.")
        messages.success(request, done % values)
    return redirect(_inspect_url(application))


def _confirmation(request, application, transition, cautions, form):
    return confirm_move_page(
        request,
        record=application.reference,
        action=transition.label,
        cautions=cautions,
        action_url=reverse("grants_application:move", args=[application.pk]),
        back_url=_inspect_url(application),
        form=form,
        hidden={"step": "confirm"},
    )


@office_only
def application_disburse(request, pk):
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application, pk=pk)
    form = DisbursementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            payment = services.record_disbursement(
                application, data["amount"], data["paid_on"], request.user, data["note"]
            )
        except TransitionNotAllowed as error:
            _report(request, error)
        else:
            messages.success(
                request,
                _("Disbursement of CNY %(amount)s paid on %(date)s recorded for %(reference)s.")
                % {
                    "amount": f"{payment.amount:,.2f}",
                    "date": payment.paid_on.isoformat(),
                    "reference": application.reference,
                },
            )
    else:
        messages.error(request, gettext("Please enter the amount and the date of payment."))
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
    """Approve, or reject with a reason; a rejection is emailed at once, so it is confirmed on its own screen first."""
    if response := _post_only(request):
        return response
    institution = get_object_or_404(Institution, pk=pk)
    confirming = request.POST.get("step") == "confirm"
    form = (ConfirmInstitutionRejectionForm if confirming else InstitutionDecisionForm)(request.POST)
    if not form.is_valid():
        if confirming:
            return _institution_confirmation(request, institution, form)
        messages.error(request, gettext("Choose approve or reject."))
        return redirect(reverse("grants_institution:inspect", args=[institution.pk]))
    approved = not confirming and form.cleaned_data["decision"] == "approve"
    reason = form.cleaned_data["reason"]
    try:
        services.decide_institution(institution, approved, request.user, reason, confirmed=confirming)
    except NeedsConfirmation:
        initial = {"target": InstitutionStatus.REJECTED, "reason": reason}
        return _institution_confirmation(request, institution, ConfirmInstitutionRejectionForm(initial=initial))
    except TransitionNotAllowed as error:
        _report(request, error)
    else:
        done = (
            _("%(name)s is approved; its contact is emailed.")
            if approved
            else _("%(name)s is rejected; its contact is emailed the reason.")
        )
        messages.success(request, done % {"name": institution.name})
    return redirect(reverse("grants_institution:inspect", args=[institution.pk]))


def _institution_confirmation(request, institution, form):
    transition = INSTITUTION_REGISTRATION.find(institution.status, InstitutionStatus.REJECTED)
    if transition is None:  # decided meanwhile: the inspect page says how
        return redirect(reverse("grants_institution:inspect", args=[institution.pk]))
    return confirm_move_page(
        request,
        record=institution.name,
        action=transition.label,
        cautions=INSTITUTION_REGISTRATION.cautions_for(transition, institution),
        action_url=reverse("grants_institution:decide", args=[institution.pk]),
        back_url=reverse("grants_institution:inspect", args=[institution.pk]),
        form=form,
        hidden={"step": "confirm"},
    )


@method_decorator(office_only, name="dispatch")
class BulkMoveView(screens.BulkMoveView):
    """Move every application of the filtered list that can make the chosen move (each one logged)."""

    machine = APPLICATION_PIPELINE
    move_records = staticmethod(services.bulk_move)
    index_url_name = "grants_application:index"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["note"] = _(
            "An application whose move comes with a warning (to panel review with reviews missing) is left as it "
            "was: move it from its own page, where you can confirm and give the reason."
        )
        return context


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

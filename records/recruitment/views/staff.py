"""HR screens beyond plain listing: inspect with history, files, interviews and moves; bulk moves; a round's
slots; the report with its CSV/XLSX export."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import DeleteView, InspectView

from records import display, screens
from records.exports import table_response
from records.permissions import group_required
from records.screens import AdminScreen
from records.statemachine import TransitionNotAllowed, confirmed_warnings

from .. import services
from ..forms import CancelInterviewForm, MoveForm, ReportFilterForm, ScheduleForm, SlotsForm, default_first_start
from ..machine import CAUTIONS, PIPELINE
from ..models import Interview, InterviewRound, JobApplication, Outcome, Status
from ..roles import HR_STAFF

hr_only = group_required(HR_STAFF)

ACTIONS = {
    "interview_scheduled": _("Interview scheduled"),
    "interview_cancelled": _("Interview cancelled"),
    "evaluation_recorded": _("Evaluation recorded"),
    "evaluation_updated": _("Evaluation updated"),
    "anonymised": _("Personal information deleted (retention period over)"),
    "outcome_withdrawn": _("Held offer or rejection withdrawn (nothing was sent)"),
    "outcome_discarded": _("Held offer or rejection dropped (the application was closed)"),
}
HELD = {
    ("outcome_held", Outcome.Kind.OFFER): _("Offer held (not sent yet)"),
    ("outcome_held", Outcome.Kind.REJECTION): _("Rejection held (not sent yet)"),
    ("outcome_changed", Outcome.Kind.OFFER): _("Changed to an offer, held (not sent yet)"),
    ("outcome_changed", Outcome.Kind.REJECTION): _("Changed to a rejection, held (not sent yet)"),
}


def describe(entry):
    """What happened, in words, with the warnings staff confirmed; "" where the shared table words it."""
    data = entry.data or {}
    label = ACTIONS.get(entry.action) or HELD.get((entry.action, data.get("kind")))
    if label and entry.action.startswith("interview_") and data.get("starts_at"):
        starts = datetime.datetime.fromisoformat(data["starts_at"])
        label = _("%(label)s: %(value)s") % {"label": label, "value": display.short_datetime(starts)}
    elif label and entry.action.startswith("evaluation_"):
        label = _("%(label)s: %(value)s") % {"label": label, "value": data.get("score")}
    elif entry.action == "moved":
        label = f"{PIPELINE.label(entry.from_state)} → {PIPELINE.label(entry.to_state)}"
        if data.get("outcome"):
            label = _("%(move)s (emailed to the candidate)") % {"move": label}
    lines = confirmed_warnings(data, CAUTIONS)
    if not lines:
        return label or ""
    return format_html("{}{}", label or entry.action, format_html_join("", "<br>{}", ((line,) for line in lines)))


def file_links(*pairs):
    """``(label, stored file)`` pairs as links for a template, leaving out missing files."""
    return [{**screens.file_link(stored), "label": label} for label, stored in pairs if stored]


def _inspect_url(application):
    return reverse("recruitment_application:inspect", args=[application.pk])


@method_decorator(hr_only, name="dispatch")
class ApplicationInspectView(screens.ReadableInspectMixin, InspectView):
    template_name = "recruitment/admin/application_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            JobApplication.objects.select_related("cv", "cover_letter", "research_statement"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application, user = self.object, self.request.user
        transitions = PIPELINE.available(application, user)
        interviews = list(application.interviews.select_related("slot", "round"))
        evaluations = {}
        for evaluation in services.evaluations_visible_to(user, interviews):
            evaluations.setdefault(evaluation.interview_id, []).append(evaluation)
        for interview in interviews:
            interview.visible_evaluations = evaluations.get(interview.pk, [])
        schedule_form = ScheduleForm(application=application) if application.status == Status.INTERVIEW else None
        context.update(
            application=application,
            status_label=PIPELINE.label(application.status),
            files=file_links(
                (_("CV"), application.cv),
                (_("Cover letter"), application.cover_letter),
                (_("Research statement"), application.research_statement),
            ),
            history=screens.history_rows(application, PIPELINE, describe),
            move_form=MoveForm(transitions=transitions) if transitions else None,
            held=services.held(application),
            send_url=reverse("recruitment_outcomes:index") + f"?application={application.pk}",
            interviews=interviews,
            schedule_form=schedule_form,
            cancel_form=CancelInterviewForm(),
        )
        return context


@hr_only
def application_schedule(request, pk):
    if response := screens.post_only(request):
        return response
    application = get_object_or_404(JobApplication, pk=pk)
    form = ScheduleForm(request.POST, application=application)
    if form.is_valid():
        try:
            interview = services.schedule(application, form.cleaned_data["slot"], request.user)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Interview scheduled for %(reference)s: %(slot)s (Beijing time); the invitation is on its way.")
                % {"reference": application.reference, "slot": interview.slot},
            )
    else:
        messages.error(request, gettext("This time slot is no longer free. Please choose another one."))
    return redirect(_inspect_url(application))


@hr_only
def interview_cancel(request, pk):
    if response := screens.post_only(request):
        return response
    interview = get_object_or_404(Interview.objects.select_related("application"), pk=pk)
    form = CancelInterviewForm(request.POST)
    if form.is_valid():
        try:
            services.cancel(interview, request.user, form.cleaned_data["reason"])
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Interview of %(reference)s cancelled; the slot is free again.")
                % {"reference": interview.application.reference},
            )
    else:
        messages.error(request, gettext("Please give a reason for this move."))
    return redirect(_inspect_url(interview.application))


@method_decorator(hr_only, name="dispatch")
class BulkMoveView(screens.BulkMoveView):
    """Move every application of the filtered list that can make the chosen move (each one logged and emailed)."""

    machine = PIPELINE
    move_records = staticmethod(services.bulk_move)
    index_url_name = "recruitment_application:index"

    def done_message(self, target, moved, skipped):
        if target == Status.REJECTED:
            return _("%(held)s rejection(s) held, %(skipped)s left as they were.") % {"held": moved, "skipped": skipped}
        return super().done_message(target, moved, skipped)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["note"] = _(
            "A rejection is held, not sent: you check the held rejections on “Offers and rejections” and send them."
        )
        return context


@method_decorator(hr_only, name="dispatch")
class RoundInspectView(screens.ReadableInspectMixin, InspectView):
    template_name = "recruitment/admin/round_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        interview_round = self.object
        slots = interview_round.slots.select_related("interview__application").order_by("starts_at")
        context.update(
            interview_round=interview_round,
            slots=slots,
            panel=list(interview_round.panel.order_by("username")),
            slots_form=kwargs.get("slots_form")
            or SlotsForm(initial={"first_start": default_first_start(interview_round)}),
            shortlisted_url=reverse("recruitment_application:index")
            + f"?status={Status.INTERVIEW}&posting_category={interview_round.category}",
        )
        return context


class RoundDeleteView(DeleteView):
    """Delete a round only while no candidate is booked into it (the interviews keep their history)."""

    def form_valid(self, form):
        if self.object.interviews.exists():
            messages.error(self.request, gettext("A round with scheduled interviews cannot be deleted."))
            return redirect(reverse("recruitment_round:inspect", args=[self.object.pk]))
        return super().form_valid(form)


@hr_only
def round_add_slots(request, pk):
    if response := screens.post_only(request):
        return response
    interview_round = get_object_or_404(InterviewRound, pk=pk)
    form = SlotsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = services.add_slots(
                interview_round,
                request.user,
                first_start=data["first_start"],
                minutes=data["minutes"],
                count=data["count"],
                gap_minutes=data["gap_minutes"],
            )
        except (TransitionNotAllowed, PermissionDenied) as error:
            messages.error(request, str(error))
        else:
            if created:
                messages.success(request, _("%(count)s slot(s) added.") % {"count": len(created)})
            else:
                messages.warning(request, gettext("No slot added: the round has slots at those times already."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("recruitment_round:inspect", args=[interview_round.pk]))


REPORT_HEADINGS = (
    ("year", _("Year")),
    ("category_label", _("Category")),
    ("applications", _("Applications")),
    ("rounds", _("Interview rounds")),
    ("interviews", _("Interviews")),
    ("hires", _("Hires")),
)


@method_decorator(hr_only, name="dispatch")
class ReportView(AdminScreen, TemplateView):
    """Applications, interview rounds, interviews and hires per category and year, with CSV and XLSX export."""

    template_name = "recruitment/admin/report.html"
    page_title = _("Recruitment report")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        form = ReportFilterForm(request.GET or None, years=services.years())
        filters = form.cleaned_data if form.is_valid() else {}
        rows = services.figures(year=filters.get("year"), category=filters.get("category") or None)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return table_response(
                [str(label) for _key, label in REPORT_HEADINGS],
                [[row[key] for key, _label in REPORT_HEADINGS] for row in rows],
                export,
                "recruitment-report",
            )
        query = request.GET.copy()
        query.pop("export", None)
        context = self.get_context_data(
            form=form, rows=rows, totals=services.totals(rows), query=query.urlencode(), headings=REPORT_HEADINGS
        )
        return self.render_to_response(context)

"""HR screens of offers and rejections: held from the application's page (with a confirmation and a reason when an
offer comes before the interview or without an evaluation), then checked and sent from "Offers and rejections"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from records import screens
from records.permissions import group_required
from records.screens import AdminScreen, ConfirmMoveForm, MoveForm, confirm_move_page
from records.statemachine import NeedsConfirmation, TransitionNotAllowed

from .. import services
from ..forms import SendOutcomesForm
from ..machine import OUTCOME_STATES, PIPELINE
from ..models import JobApplication, Outcome
from ..roles import HR_STAFF
from ..services.outcomes import KINDS, TARGETS

hr_only = group_required(HR_STAFF)


def _inspect_url(application):
    return reverse("recruitment_application:inspect", args=[application.pk])


def send_url(application=None):
    url = reverse("recruitment_outcomes:index")
    return f"{url}?application={application.pk}" if application is not None else url


def held_message(outcome, changed):
    values = {"reference": outcome.application.reference}
    if outcome.kind == Outcome.Kind.OFFER:
        text = _("Offer to %(reference)s changed and held.") if changed else _("Offer to %(reference)s held.")
    else:
        text = _("Rejection of %(reference)s changed and held.") if changed else _("Rejection of %(reference)s held.")
    note = _("Nothing is sent until you check it and send it.")
    # Two sentences: a space between them in English, none in Chinese.
    return _("%(done)s %(note)s") % {"done": text % values, "note": note}


@hr_only
def application_move(request, pk):
    """The inspect page's move: an offer or a rejection is held (a warned offer asks for a confirmation and a reason
    first); any other move is made at once."""
    if response := screens.post_only(request):
        return response
    application = get_object_or_404(JobApplication, pk=pk)
    target = request.POST.get("target", "")
    if target not in OUTCOME_STATES:
        return screens.move_record(request, application, PIPELINE, services.move, _inspect_url(application))
    confirming = request.POST.get("step") == "confirm"
    transitions = PIPELINE.available(application, request.user)
    if not any(t.target == target for t in transitions):
        messages.error(request, gettext("This move is not available for this record."))
        return redirect(_inspect_url(application))
    transition = PIPELINE.find(application.status, target)
    form = ConfirmMoveForm(request.POST) if confirming else MoveForm(request.POST, transitions=transitions)
    if not form.is_valid():
        if confirming:
            cautions = PIPELINE.cautions_for(transition, application)
            return _confirmation(request, application, transition, cautions, form)
        messages.error(request, gettext("This move is not available for this record."))
        return redirect(_inspect_url(application))
    changed = services.held(application) is not None
    try:
        outcome = services.hold_outcome(
            application, KINDS[target], request.user, form.cleaned_data["reason"], confirmed=confirming
        )
    except NeedsConfirmation as caution:
        initial = {"target": target, "reason": form.cleaned_data["reason"]}
        return _confirmation(request, application, transition, caution.cautions, ConfirmMoveForm(initial=initial))
    except (TransitionNotAllowed, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, held_message(outcome, changed))
    return redirect(_inspect_url(application))


def _confirmation(request, application, transition, cautions, form):
    return confirm_move_page(
        request,
        record=application.reference,
        action=transition.label,
        cautions=cautions,
        action_url=reverse("recruitment_application:move", args=[application.pk]),
        back_url=_inspect_url(application),
        form=form,
        hidden={"step": "confirm"},
    )


@hr_only
def outcome_withdraw(request, pk):
    if response := screens.post_only(request):
        return response
    application = get_object_or_404(JobApplication, pk=pk)
    try:
        services.withdraw_outcome(application, request.user)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The held offer or rejection of %(reference)s is withdrawn; nothing was sent.")
            % {"reference": application.reference},
        )
    return redirect(_inspect_url(application))


@method_decorator(hr_only, name="dispatch")
class OutcomesView(AdminScreen, TemplateView):
    """Offers and rejections held, to check and send: the counts, each candidate and the email they will get, and
    the confirmation. ``?application=<pk>`` narrows it to one candidate."""

    template_name = "recruitment/admin/outcomes.html"
    page_title = _("Offers and rejections")
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        pk = request.GET.get("application") or request.POST.get("application")
        self.application = JobApplication.objects.filter(pk=pk).first() if str(pk or "").isdigit() else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = services.send_summary(self.application)
        for outcome in summary["outcomes"]:
            outcome.email_subject, outcome.email_body = services.outcomes.preview(outcome)
            outcome.move_label = PIPELINE.label(TARGETS[outcome.kind])
        context.update(
            summary=summary,
            application=self.application,
            form=kwargs.get("form") or SendOutcomesForm(initial={"fingerprint": summary["fingerprint"]}),
            all_url=send_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SendOutcomesForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Tick the box to confirm that you have checked what will be sent."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        back = send_url(self.application)
        try:
            offers, rejections = services.send_outcomes(
                request.user, fingerprint=form.cleaned_data["fingerprint"], application=self.application
            )
        except TransitionNotAllowed as error:
            if error.code == "nothing":
                already = gettext("These offers and rejections were sent already; nothing more was sent.")
                messages.warning(request, already)
            else:
                messages.error(request, str(error))
            return redirect(back)
        messages.success(
            request,
            _(
                "Sent: %(offers)s offer(s) and %(rejections)s rejection(s). Each candidate is emailed once, in the "
                "language they applied in."
            )
            % {"offers": offers, "rejections": rejections},
        )
        if self.application is not None:
            return redirect(_inspect_url(self.application))
        return redirect(back)

"""Staff screens of panel decisions: record, change or withdraw a pending decision; the panel's ranked list; the
release of a call's decisions after a confirmation that shows the counts and the total award."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request

from records.permissions import group_required
from records.screens import AdminScreen
from records.screens import post_only as _post_only
from records.statemachine import TransitionNotAllowed

from .. import services
from ..forms import DecisionForm, ReleaseForm, WithdrawDecisionForm
from ..models import Application, Call, Category, Decision, DecisionRelease
from ..roles import GRANTS_OFFICE

office_only = group_required(GRANTS_OFFICE)


def _inspect_url(application):
    return reverse("grants_application:inspect", args=[application.pk])


def _back(request, application):
    return get_valid_next_url_from_request(request) or _inspect_url(application)  # never to another host


# What the officer typed into a decision that was refused, kept for the form they come back to (one at a time).
REFUSED_DECISION = "grants_refused_decision"
DECISION_FIELDS = ("decision", "award_amount", "meeting", "reason")


def _keep_refused(request, application):
    values = {name: request.POST.get(name, "") for name in DECISION_FIELDS}
    values["override"] = bool(request.POST.get("override"))
    request.session[REFUSED_DECISION] = {"application": application.pk, "values": values}


def decision_form(request, decision, application, call):
    """The decision form of ``application``: what the officer typed if their last try on it was refused (so nothing
    they wrote is lost), else the pending ``decision`` to change, else empty."""
    kept = request.session.get(REFUSED_DECISION)
    if kept and kept.get("application") == application.pk:
        del request.session[REFUSED_DECISION]
        return DecisionForm(call=call, initial=kept["values"])
    return DecisionForm.for_decision(decision, call)


def decision_message(decision, changed):
    application = decision.application
    values = {"reference": application.reference, "amount": f"{decision.award_amount or 0:,.2f}"}
    if decision.funded:
        text = (
            _("Decision on %(reference)s changed to: fund, CNY %(amount)s.")
            if changed
            else _("Decision on %(reference)s recorded: fund, CNY %(amount)s.")
        )
    else:
        text = (
            _("Decision on %(reference)s changed to: do not fund.")
            if changed
            else _("Decision on %(reference)s recorded: do not fund.")
        )
    note = _("It is held: nobody is told until the call's decisions are released.")
    # Two sentences: a space between them in English, none in Chinese.
    return _("%(done)s %(note)s") % {"done": text % values, "note": note}


@office_only
def application_decide(request, pk):
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    form = DecisionForm(request.POST, call=application.call)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        _keep_refused(request, application)
        return redirect(_back(request, application))
    data = form.cleaned_data
    changed = Decision.objects.filter(application=application, release__isnull=True).exists()
    try:
        decision = services.decide(
            application,
            funded=data["decision"] == "fund",
            user=request.user,
            award_amount=data.get("award_amount"),
            reason=data.get("reason", ""),
            override=data.get("override", False),
            meeting=data.get("meeting"),
        )
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        _keep_refused(request, application)
    else:
        messages.success(request, decision_message(decision, changed))
    return redirect(_back(request, application))


@office_only
def decision_withdraw(request, pk):
    if response := _post_only(request):
        return response
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    form = WithdrawDecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.withdraw_decision(application, request.user, reason)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The pending decision on %(reference)s is withdrawn; the application waits for a new decision.")
            % {"reference": application.reference},
        )
    return redirect(_back(request, application))


class CallScreen(AdminScreen, TemplateView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = get_object_or_404(Call.objects.select_related("programme"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.call.title


@method_decorator(office_only, name="dispatch")
class PanelView(CallScreen):
    """The panel meeting's list: applications in panel review ranked by score within each category, with their
    pending decisions, and the way to release them."""

    template_name = "grants/admin/panel.html"
    header_icon = "list-ol"

    def get_page_title(self):
        return _("Panel review")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        categories = list(Category.objects.filter(programme_id=self.call.programme_id))
        category = None
        if self.request.GET.get("category"):
            category = next((c for c in categories if str(c.pk) == self.request.GET["category"]), None)
        rows = list(services.ranking(self.call, category=category))
        pending = {d.application_id: d for d in services.pending_decisions(self.call)}
        for row in rows:
            row.pending = pending.get(row.pk)
            row.form = decision_form(self.request, row.pending, row, self.call)
        summary = services.release_summary(self.call)
        context.update(
            call=self.call,
            rows=rows,
            categories=categories,
            category=category,
            awarded=summary["awarded_before"],
            summary=summary,
            remaining=self.call.total_budget - summary["awarded_before"] - summary["total_award"],
            here=self.request.get_full_path(),
            release_url=reverse("grants_call:release", args=[self.call.pk]),
            last_release=self.call.decision_releases.select_related("released_by").first(),
        )
        return context


@method_decorator(office_only, name="dispatch")
class ReleaseView(CallScreen):
    """The confirmation of a release: what will be sent (counts, total award, every decision), then the release."""

    template_name = "grants/admin/release.html"
    header_icon = "mail"

    def get_page_title(self):
        return _("Release decisions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = services.release_summary(self.call)
        context.update(
            call=self.call,
            summary=summary,
            form=kwargs.get("form") or ReleaseForm(initial={"fingerprint": summary["fingerprint"]}),
            panel_url=reverse("grants_call:panel", args=[self.call.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReleaseForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Tick the box to confirm that you have checked the decisions."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            release = services.release_decisions(self.call, request.user, fingerprint=form.cleaned_data["fingerprint"])
        except TransitionNotAllowed as error:
            if error.code == "nothing":
                return self._already_released(request)
            messages.error(request, str(error))
            return redirect(reverse("grants_call:release", args=[self.call.pk]))
        messages.success(
            request,
            _(
                "%(count)s decisions released: %(funded)s funded (CNY %(total)s in all), %(not_funded)s not funded. "
                "Each applicant is emailed once, in their language."
            )
            % {
                "count": release.funded + release.not_funded,
                "funded": release.funded,
                "not_funded": release.not_funded,
                "total": f"{release.total_award:,.2f}",
            },
        )
        return redirect(reverse("grants_call:panel", args=[self.call.pk]))

    def _already_released(self, request):
        """A second click, or a colleague who released first: say so, send nothing."""
        last = DecisionRelease.objects.filter(call=self.call).select_related("released_by").first()
        if last is None:
            messages.warning(request, gettext("No decision of this call is waiting to be released."))
        else:
            messages.warning(
                request,
                _("These decisions were released already, at %(when)s by %(who)s; nothing more was sent.")
                % {
                    "when": timezone.localtime(last.released_at).strftime("%Y-%m-%d %H:%M"),
                    "who": last.released_by.get_username() if last.released_by else "-",
                },
            )
        return redirect(reverse("grants_call:panel", args=[self.call.pk]))

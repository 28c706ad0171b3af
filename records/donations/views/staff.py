"""Foundation staff screens beyond plain listing: inspect a pledge with its payments, receipts and history;
record the agreement and payments; cancel; download a donor report; totals by designation and year."""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from records import audit, display
from records.exports import SafeSpreadsheetExportMixin
from records.permissions import group_required
from records.screens import (
    AdminScreen,
    MoveForm,
    ReadableInspectMixin,
    file_link,
    history_rows,
    move_record,
    post_only,
)
from records.statemachine import TransitionNotAllowed

from .. import documents, services
from ..forms import AgreementForm, DonorReportForm, PaymentForm
from ..machine import PAYMENT_TARGETS, PLEDGE_PIPELINE, agreement_reason, can_be_paid
from ..models import FoundationSettings, Pledge, Status
from ..roles import FOUNDATION_STAFF

staff_only = group_required(FOUNDATION_STAFF)


def describe(entry):
    """Wording of the donations' own audit actions."""
    data = entry.data or {}
    if entry.action == "submitted":
        return _("Pledged through the public form")
    if entry.action == "payment_recorded":
        what = _("Payment of CNY %(amount)s received on %(date)s recorded; receipt %(receipt)s") % {
            "amount": display.money(data.get("amount")),
            "date": data.get("received_on"),
            "receipt": data.get("receipt"),
        }
        if data.get("without_agreement"):
            what = format_html("{} ({})", what, _("without a signed agreement, as the foundation's rule allows"))
        return what
    if entry.action == "donor_report":
        return _("Donor report for %(start)s to %(end)s downloaded") % {
            "start": data.get("start"),
            "end": data.get("end"),
        }
    return ""


class PledgeInspectView(ReadableInspectMixin, InspectView):
    template_name = "donations/admin/pledge_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Pledge.objects.select_related("designation", "agreement"), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledge = self.object
        user = self.request.user
        moves = [
            t
            for t in PLEDGE_PIPELINE.available(pledge, user)
            if t.target not in PAYMENT_TARGETS and t.target != Status.AGREEMENT_SIGNED
        ]
        payments = list(pledge.payments.select_related("receipt", "recorded_by"))
        received = sum((p.amount for p in payments), services.reports.ZERO)
        today = timezone.localdate()
        rules = FoundationSettings.load()
        payable = can_be_paid(pledge, rules)
        context.update(
            pledge=pledge,
            status_label=PLEDGE_PIPELINE.label(pledge.status),
            history=history_rows(pledge, PLEDGE_PIPELINE, describe),
            move_form=MoveForm(transitions=moves) if moves else None,
            agreement=file_link(pledge.agreement),
            agreement_form=AgreementForm() if pledge.status == Status.PLEDGED else None,
            payments=[{"payment": p, "receipt": file_link(p.receipt)} for p in payments],
            received=received,
            outstanding=max(pledge.amount - received, services.reports.ZERO),
            payment_form=PaymentForm(initial={"received_on": today}) if payable else None,
            # Why no payment can be recorded yet (shown where the payment form would be), or that none is needed.
            agreement_reason=agreement_reason(pledge, rules) if pledge.status == Status.PLEDGED else None,
            without_agreement=payable and pledge.status == Status.PLEDGED,
            threshold=rules.agreement_threshold,
            receipt_gaps=not rules.credit_code,
            report_form=DonorReportForm(initial={"start": datetime.date(today.year, 1, 1), "end": today}),
        )
        return context


def _inspect_url(pledge):
    return reverse("donations_pledge:inspect", args=[pledge.pk])


def _errors(request, form):
    """Each error of a refused form as a message that names its field: nothing was recorded."""
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for error in errors:
            if field is not None:
                messages.error(request, format_html("{}: {}", field.label, error))
            else:
                messages.error(request, error)


@staff_only
def pledge_move(request, pk):
    pledge = get_object_or_404(Pledge, pk=pk)
    return move_record(request, pledge, PLEDGE_PIPELINE, services.move, _inspect_url(pledge))


@staff_only
def pledge_agreement(request, pk):
    if response := post_only(request):
        return response
    pledge = get_object_or_404(Pledge, pk=pk)
    form = AgreementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.record_agreement(pledge, form.cleaned_data["agreement"], request.user, form.cleaned_data["reason"])
        except TransitionNotAllowed as error:
            messages.error(request, format_html("{} {}", _("Nothing was recorded."), error))
        else:
            messages.success(request, _("Agreement recorded for %(reference)s.") % {"reference": pledge.reference})
    else:
        _errors(request, form)
    return redirect(_inspect_url(pledge))


@staff_only
def pledge_payment(request, pk):
    if response := post_only(request):
        return response
    pledge = get_object_or_404(Pledge, pk=pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            payment = services.record_payment(
                pledge,
                amount=data["amount"],
                received_on=data["received_on"],
                method=data["method"],
                user=request.user,
                note=data["note"],
                over_pledge_note=data["over_pledge_note"],
            )
        except TransitionNotAllowed as error:
            messages.error(request, format_html("{} {}", _("Nothing was recorded."), error))
        else:
            pledge.refresh_from_db()
            messages.success(
                request,
                _(
                    "Payment of CNY %(amount)s recorded for %(reference)s; receipt %(number)s issued. "
                    "The pledge is now “%(state)s”."
                )
                % {
                    "amount": display.money(payment.amount),
                    "reference": pledge.reference,
                    "number": payment.receipt_number,
                    "state": PLEDGE_PIPELINE.label(pledge.status),
                },
            )
            if not FoundationSettings.load().credit_code:
                messages.warning(
                    request,
                    _(
                        "The receipt lacks the foundation's unified social credit code: set it in Settings → "
                        "Foundation receipts and rules."
                    ),
                )
    else:
        _errors(request, form)
    return redirect(_inspect_url(pledge))


@never_cache
@staff_only
def donor_report(request, pk):
    """The donor report of the pledge's donor for the chosen period, as a PDF download (logged)."""
    pledge = get_object_or_404(Pledge, pk=pk)
    form = DonorReportForm(request.GET)
    if not form.is_valid():
        _errors(request, form)
        return redirect(_inspect_url(pledge))
    data = form.cleaned_data
    try:
        content, report = services.donor_report_pdf(pledge.email, data["start"], data["end"], data["language"] or None)
    except documents.FontMissing:
        messages.error(
            request, _("The donor report cannot be made: the server lacks its font. Tell the site's administrators.")
        )
        return redirect(_inspect_url(pledge))
    if content is None:
        messages.warning(request, _("This donor made no gift and no payment in that period."))
        return redirect(_inspect_url(pledge))
    audit.record(
        pledge,
        "donor_report",
        user=request.user,
        data={"start": data["start"].isoformat(), "end": data["end"].isoformat(), "language": report["language"]},
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"donor-report-{pledge.reference}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@method_decorator(staff_only, name="dispatch")
class TotalsView(SafeSpreadsheetExportMixin, SpreadsheetExportMixin, AdminScreen, TemplateView):
    """Pledged and received amounts by designation and year, with CSV and XLSX export."""

    template_name = "donations/admin/totals.html"
    page_title = _("Donation totals")
    header_icon = "table"
    list_export = ["year", "designation", "pledges", "pledged", "payments", "received"]
    export_headings = {
        "year": _("Year"),
        "designation": _("Designation"),
        "pledges": _("Pledges"),
        "pledged": _("Pledged (CNY)"),
        "payments": _("Payments"),
        "received": _("Received (CNY)"),
    }
    export_filename = "donation-totals"

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        return self.as_spreadsheet(self.figures()["rows"], request.GET.get("export"))

    def selected_year(self):
        value = self.request.GET.get("year", "")
        return int(value) if value.isdigit() and 1900 < int(value) < 3000 else None

    def figures(self):
        return services.totals(self.selected_year())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.selected_year()
        query = f"&year={year}" if year else ""
        context.update(
            figures=self.figures(),
            years=services.years(),
            year=year,
            csv_url=f"?export=csv{query}",
            xlsx_url=f"?export=xlsx{query}",
        )
        return context

"""Public pages of the Shenzhen Medical Research Fund: a call with its application form, host-institution
registration, and the status look-up.

The pages hand the valid forms over to ``records.grants`` (``form.submit(...)``); ``records`` never imports
these models.
Each POST is rate-limited per IP; a valid submission redirects to a confirmation showing the
reference number (kept in the session, never in the URL).
"""

from urllib.parse import urlencode

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock
from content.i18n import absolute_url
from records.grants import services
from records.grants.forms import (
    ApplicationForm,
    InstitutionRegistrationForm,
    StatusLookupForm,
    WithdrawalForm,
    WithdrawalRequestForm,
)
from records.grants.models import RegistrationRound
from records.statemachine import TransitionNotAllowed

from .base import BasePage
from .intake import IntakePageMixin


class FundingFormPage(IntakePageMixin, BasePage):
    """Shared behaviour of the funding form pages: an intake form page whose confirmation links to the status page."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    confirmation_template = "content/funding_confirmation.html"
    confirmation_session_key = "funding_confirmation"
    rate_limit_scope = "funding"

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return self.serve_intake(request)

    def confirmation_context(self, confirmation):
        return {"status_page": self.status_page()}

    def status_page(self):
        return ApplicationStatusPage.objects.live().public().filter(locale_id=self.locale_id).first()


class FundCallPage(FundingFormPage):
    """A call of the fund: its guide, and the application form while the call is open."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Funding calls")

    call = models.ForeignKey(
        "grants.Call",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("call"),
        help_text=_("The call managed by the grants office whose guide and application form this page shows."),
    )

    template = "content/fund_call_page.html"
    rate_limit_scope = "grants-application"

    content_panels = FundingFormPage.content_panels[:1] + [FieldPanel("call")] + FundingFormPage.content_panels[1:]

    class Meta:
        verbose_name = _("fund call page")
        verbose_name_plural = _("fund call pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        call = self.call
        context["call"] = call
        context["phase"] = call.phase() if call else None
        return context

    def serve_form(self, request):
        call = self.call
        form = ApplicationForm(call=call) if call and call.is_open() else None
        return self.render_page(request, form=form)

    def serve_submission(self, request):
        call = self.call
        if call is None:
            return self.render_page(request, status=404, form=None)
        form = ApplicationForm(request.POST, request.FILES, call=call)
        refusal = None
        if form.is_valid():
            try:
                application, _created = form.submit(language=get_language())
            except services.SubmissionRefused as error:
                refusal = error.message
            else:
                return self.confirm(request, application.reference, kind="application")
        still_open = call.is_open(timezone.now())
        return self.render_page(request, status=400, form=form if still_open else None, refusal=refusal)


class InstitutionRegistrationPage(FundingFormPage):
    """Registration of a host institution (依托单位) during an open registration round."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Host institution registration")

    template = "content/institution_registration_page.html"
    rate_limit_scope = "grants-institution"

    class Meta:
        verbose_name = _("host institution registration page")
        verbose_name_plural = _("host institution registration pages")

    def current_round(self):
        return RegistrationRound.objects.open_at().select_related("programme").order_by("closes_at").first()

    def next_round(self):
        return RegistrationRound.objects.filter(opens_at__gt=timezone.now()).order_by("opens_at").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["round"] = self.current_round()
        context["next_round"] = self.next_round() if context["round"] is None else None
        return context

    def serve_form(self, request):
        return self.render_page(request, form=InstitutionRegistrationForm() if self.current_round() else None)

    def serve_submission(self, request):
        registration_round = self.current_round()
        if registration_round is None:
            return self.render_page(request, status=400, form=None)
        form = InstitutionRegistrationForm(request.POST, request.FILES)
        refusal = None
        if form.is_valid():
            try:
                institution, _created = form.submit(registration_round=registration_round, language=get_language())
            except services.SubmissionRefused as error:
                refusal = error.message
            else:
                return self.confirm(request, institution.reference, kind="institution")
        return self.render_page(request, status=400, form=form, refusal=refusal)


class ApplicationStatusPage(FundingFormPage):
    """Look up an application's status with its reference number and the principal investigator's email, and
    withdraw an undecided application through a link emailed to the principal investigator."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Application status")

    template = "content/application_status_page.html"
    rate_limit_scope = "grants-status"
    robots_noindex = True  # a form to look up one's own application: nothing for a search engine

    class Meta:
        verbose_name = _("application status page")
        verbose_name_plural = _("application status pages")

    def withdrawal_link(self, token):
        return absolute_url(self.url) + "?" + urlencode({"withdraw": token})

    def serve_form(self, request):
        token = request.GET.get("withdraw")
        if token is not None:
            return self.serve_withdrawal(request, WithdrawalForm(initial={"token": token}), token)
        return self.render_page(request, form=StatusLookupForm())

    def serve_withdrawal(self, request, withdrawal_form, token, status=200, refusal=None):
        application = services.application_for_withdrawal(token)
        if application is None:
            return self.render_page(request, status=400, form=StatusLookupForm(), withdrawal_link_invalid=True)
        if not services.can_withdraw(application):
            return self.render_page(
                request,
                form=None,
                result=self.result(application),
                refusal=_("This application can no longer be withdrawn."),
            )
        return self.render_page(
            request,
            status=status,
            form=None,
            withdrawal_form=withdrawal_form,
            result=self.result(application),
            refusal=refusal,
        )

    @staticmethod
    def result(application):
        return {
            "reference": application.reference,
            "status": services.public_status(application),
            "stages": services.public_stages(application),
            "can_withdraw": services.can_withdraw(application),
        }

    def serve_submission(self, request):
        action = request.POST.get("action", "lookup")
        if action == "withdraw":
            return self.serve_withdraw(request)
        if action == "request_withdrawal":
            form = WithdrawalRequestForm(request.POST, prefix=WithdrawalRequestForm.prefix)
        else:
            form = StatusLookupForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, status=400, form=StatusLookupForm(request.POST))
        application = services.lookup_status(form.cleaned_data["reference"], form.cleaned_data["email"])
        if application is None:
            return self.render_page(request, form=form, not_found=True)
        extra = {}
        if action == "request_withdrawal":
            try:
                services.request_withdrawal(application, self.withdrawal_link)
            except TransitionNotAllowed as error:
                extra["refusal"] = error.message
            else:
                extra["withdrawal_requested"] = True
        elif services.can_withdraw(application):
            extra["request_form"] = WithdrawalRequestForm(
                initial=form.cleaned_data, prefix=WithdrawalRequestForm.prefix
            )
        return self.render_page(request, form=StatusLookupForm(), result=self.result(application), **extra)

    def serve_withdraw(self, request):
        form = WithdrawalForm(request.POST)
        token = request.POST.get("token", "")
        if not form.is_valid():
            return self.serve_withdrawal(request, form, token, status=400)
        application = services.application_for_withdrawal(form.cleaned_data["token"])
        if application is None:
            return self.render_page(request, status=400, form=StatusLookupForm(), withdrawal_link_invalid=True)
        try:
            services.withdraw(application, reason=form.cleaned_data["reason"], token=form.cleaned_data["token"])
        except TransitionNotAllowed as error:
            return self.serve_withdrawal(request, form, token, status=400, refusal=error.message)
        application.refresh_from_db()
        return self.render_page(request, form=None, result=self.result(application), withdrawn=True)

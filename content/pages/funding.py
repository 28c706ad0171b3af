"""Public pages of the Shenzhen Medical Research Fund: a call with its application form, host-institution
registration, and the status look-up.

The pages hand the forms' data to ``records.grants.services``; ``records`` never imports these models.
Each POST is rate-limited per IP; a valid submission redirects to a confirmation showing the
reference number (kept in the session, never in the URL).
"""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock
from records.grants import services
from records.grants.forms import ApplicationForm, InstitutionRegistrationForm, StatusLookupForm
from records.grants.models import RegistrationRound
from records.intake import rate_limited

from .base import BasePage

SESSION_KEY = "funding_confirmation"


class FundingFormPage(BasePage):
    """Shared behaviour of the funding form pages: never cached, rate-limited POSTs, a confirmation step."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    confirmation_template = "content/funding_confirmation.html"
    rate_limit_scope = "funding"

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True

    def render(self, request, status=200, **extra):
        context = self.get_context(request)
        context.update(extra)
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        add_never_cache_headers(response)
        return response

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if rate_limited(request, self.rate_limit_scope):
                return self.render(
                    request,
                    status=429,
                    form=None,
                    rate_limited=True,
                )
            return self.serve_post(request)
        if request.GET.get("done"):
            return self.serve_confirmation(request)
        return self.serve_get(request)

    def remember(self, request, kind, reference):
        request.session[SESSION_KEY] = {"page": self.pk, "kind": kind, "reference": reference}
        return redirect(self.get_url(request) + "?done=1")

    def serve_confirmation(self, request):
        confirmation = request.session.get(SESSION_KEY)
        if not confirmation or confirmation.get("page") != self.pk:
            return redirect(self.get_url(request))
        context = self.get_context(request)
        context.update(confirmation=confirmation, status_page=self.status_page())
        response = TemplateResponse(request, self.confirmation_template, context)
        add_never_cache_headers(response)
        return response

    def status_page(self):
        return ApplicationStatusPage.objects.live().public().filter(locale_id=self.locale_id).first()


class FundCallPage(FundingFormPage):
    """A call of the fund: its guide, and the application form while the call is open."""

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

    def serve_get(self, request):
        call = self.call
        form = ApplicationForm(call=call) if call and call.is_open() else None
        return self.render(request, form=form)

    def serve_post(self, request):
        call = self.call
        if call is None:
            return self.render(request, status=404, form=None)
        form = ApplicationForm(request.POST, request.FILES, call=call)
        refusal = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                application, _created = services.submit_application(
                    call=call,
                    data=data,
                    team=data["team"],
                    proposal=data["proposal"],
                    budget_sheet=data["budget_sheet"],
                    language=get_language(),
                    token=data["form_token"],
                )
            except services.SubmissionRefused as error:
                refusal = error.message
            else:
                return self.remember(request, "application", application.reference)
        still_open = call.is_open(timezone.now())
        return self.render(request, status=400, form=form if still_open else None, refusal=refusal)


class InstitutionRegistrationPage(FundingFormPage):
    """Registration of a host institution (依托单位) during an open registration round."""

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

    def serve_get(self, request):
        return self.render(request, form=InstitutionRegistrationForm() if self.current_round() else None)

    def serve_post(self, request):
        registration_round = self.current_round()
        if registration_round is None:
            return self.render(request, status=400, form=None)
        form = InstitutionRegistrationForm(request.POST, request.FILES)
        refusal = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                institution, _created = services.register_institution(
                    registration_round=registration_round,
                    data=data,
                    licence=data["licence"],
                    language=get_language(),
                    token=data["form_token"],
                )
            except services.SubmissionRefused as error:
                refusal = error.message
            else:
                return self.remember(request, "institution", institution.reference)
        return self.render(request, status=400, form=form, refusal=refusal)


class ApplicationStatusPage(FundingFormPage):
    """Look up an application's status with its reference number and the principal investigator's email."""

    template = "content/application_status_page.html"
    rate_limit_scope = "grants-status"

    class Meta:
        verbose_name = _("application status page")
        verbose_name_plural = _("application status pages")

    def serve_get(self, request):
        return self.render(request, form=StatusLookupForm())

    def serve_post(self, request):
        form = StatusLookupForm(request.POST)
        if not form.is_valid():
            return self.render(request, status=400, form=form)
        application = services.lookup_status(form.cleaned_data["reference"], form.cleaned_data["email"])
        if application is None:
            return self.render(request, form=form, not_found=True)
        return self.render(
            request,
            form=StatusLookupForm(),
            result={"reference": application.reference, "status": services.public_status(application)},
        )

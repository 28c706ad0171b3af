"""Public pages of the foundation (深圳市光明致远科技基金会): the pledge form and the donor list. The bank transfer
details that the pledge confirmation shows are the foundation's data in ``records.donations``.

The pages hand the form's data to ``records.donations.services`` and read the public donor list from it;
``records`` never imports these models. No card payment is taken on the site: a donor pledges here and
transfers the gift to the foundation's bank account afterwards.
"""

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock
from records.donations import services
from records.donations.forms import PledgeForm
from records.donations.models import BankTransferDetails

from .base import BasePage
from .intake import IntakePageMixin


class PledgePage(IntakePageMixin, BasePage):
    """The pledge form of the foundation; the confirmation shows the reference and the bank transfer details."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Giving")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    template = "content/pledge_page.html"
    confirmation_template = "content/pledge_confirmation.html"
    confirmation_session_key = "pledge_confirmation"
    rate_limit_scope = "donations-pledge"

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("pledge page")
        verbose_name_plural = _("pledge pages")

    def serve(self, request, *args, **kwargs):
        return self.serve_intake(request)

    def new_form(self, data=None):
        form = PledgeForm(data)
        return form if form.fields["designation"].queryset.exists() else None

    def serve_form(self, request):
        return self.render_page(request, form=self.new_form())

    def serve_submission(self, request):
        form = self.new_form(request.POST)
        if form is None:
            return self.render_page(request, status=400, form=None)
        refusal = None
        if form.is_valid():
            details = BankTransferDetails.for_locale(self.locale)
            try:
                pledge, _created = form.submit(
                    language=get_language(), transfer_details=details.as_pairs() if details else ()
                )
            except services.PledgeRefused as error:
                refusal = error.message
            else:
                return self.confirm(request, pledge.reference, amount=f"{pledge.amount:,.2f}")
        return self.render_page(request, status=400, form=form, refusal=refusal)

    def confirmation_context(self, confirmation):
        return {"bank": BankTransferDetails.for_locale(self.locale)}


class DonorListPage(BasePage):
    """The donors who agreed to be named (and did not ask to stay anonymous), by year of their gifts."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Donor lists")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    show_organisation_bands = models.BooleanField(
        _("show the bands of organisations' gifts"),
        default=True,
        help_text=_("Individuals' amounts are never shown; organisations' gifts can be shown as a band."),
    )

    template = "content/donor_list_page.html"

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_organisation_bands"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("donor list page")
        verbose_name_plural = _("donor list pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["donor_years"] = services.public_donor_list(self.show_organisation_bands)
        return context

"""人才招聘: job postings (principal investigators, postdocs, research support, management, the SMART Program)
and their index, open positions first.

A posting is open through the end of its closing day (Beijing time). After that it stays readable, is
marked closed, its application form is gone (GET and POST), it leaves the open-positions list and it no
longer carries JobPosting markup. The valid application form is handed
over with ``records.recruitment.forms.JobApplicationForm.submit``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content import structured_data as ld
from content.i18n import absolute_url
from records.recruitment import services as recruitment
from records.recruitment.forms import JobApplicationForm
from records.recruitment.models import Category as JobCategory  # one list: postings and their applications

from ..base import BasePage
from ..intake import IntakePageMixin
from . import jsonld
from .salary import MONTHLY_SALARY_LIMIT, SALARY_LIMITS, SALARY_WORDING, EmploymentType, SalaryPeriod, salary_amount

TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]


class JobPostingPage(IntakePageMixin, BasePage):
    """One job posting in one language."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Jobs")

    category = models.CharField(_("category"), max_length=20, choices=JobCategory.choices)
    institute = models.CharField(_("institute or lab"), max_length=200, blank=True)
    work_location = models.CharField(
        _("location"), max_length=200, help_text=_("For example Guangming District, Shenzhen.")
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=12,
        blank=True,
        help_text=_("Of the place of work, for example 518107. Search engines show it with the posting."),
    )
    employment_type = models.CharField(
        _("employment type"), max_length=12, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    openings = models.PositiveSmallIntegerField(
        _("number of openings"), null=True, blank=True, help_text=_("Leave empty for “several”.")
    )
    posted_on = models.DateField(_("posting date"), default=timezone.localdate)
    closes_on = models.DateField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_(
            "Applications are accepted until the end of this day (Beijing time). Leave empty: open until filled."
        ),
    )
    salary_text = models.CharField(
        _("salary"), max_length=200, blank=True, help_text=_("As shown to applicants, for example “competitive”.")
    )
    salary_min = models.DecimalField(_("salary from (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(_("salary up to (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    salary_period = models.CharField(
        _("salary period"), max_length=5, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR
    )
    description = RichTextField(_("description"), features=TEXT_FEATURES)
    requirements = RichTextField(_("requirements"), features=TEXT_FEATURES, blank=True)
    how_to_apply = RichTextField(_("how to apply"), features=TEXT_FEATURES, blank=True)

    template = "content/job_posting_page.html"
    confirmation_template = "content/job_application_confirmation.html"
    confirmation_param = "applied"
    confirmation_session_key = "job_application_confirmation"
    rate_limit_scope = "recruitment-application"
    parent_page_types = ["content.JobIndexPage"]
    subpage_types = []
    # The same place in every language: copied to the translations, not offered to translators.
    override_translatable_fields = [SynchronizedField("postal_code")]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("institute"),
                FieldRowPanel([FieldPanel("work_location"), FieldPanel("postal_code")]),
                FieldRowPanel([FieldPanel("employment_type"), FieldPanel("openings")]),
                FieldRowPanel([FieldPanel("posted_on"), FieldPanel("closes_on")]),
            ],
            heading=_("Position"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("salary_text"),
                FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max"), FieldPanel("salary_period")]),
            ],
            heading=_("Salary"),
        ),
        FieldPanel("description"),
        FieldPanel("requirements"),
        FieldPanel("how_to_apply"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("requirements"),
        index.SearchField("institute"),
        index.FilterField("category"),
        index.FilterField("closes_on"),
    ]

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")

    def clean(self):
        super().clean()
        errors = {}
        if self.closes_on and self.posted_on and self.closes_on < self.posted_on:
            errors["closes_on"] = _("The closing date cannot be before the posting date.")
        errors.update(self._salary_errors())
        if (
            "salary_max" not in errors
            and "salary_min" not in errors
            and self.salary_min is not None
            and self.salary_max is not None
            and self.salary_max < self.salary_min
        ):
            errors["salary_max"] = _("The upper end of the salary cannot be below the lower end.")
        if errors:
            raise ValidationError(errors)

    def _salary_errors(self):
        """A figure of zero or less, or above the bound of its period (1,000,000 CNY a month), on its field."""
        errors = {}
        limit = SALARY_LIMITS.get(self.salary_period, MONTHLY_SALARY_LIMIT)
        for name in ("salary_min", "salary_max"):
            value = getattr(self, name)
            if value is None:
                continue
            if value <= 0:
                errors[name] = _("A salary must be more than zero.")
            elif value > limit:
                if self.salary_period == SalaryPeriod.YEAR:
                    message = _(
                        "An annual salary above CNY %(limit)s cannot be right: please check the figure "
                        "(a zero too many?)."
                    )
                else:
                    message = _(
                        "A monthly salary above CNY %(limit)s cannot be right: please check the figure "
                        "(a yearly amount in a monthly field, or a zero too many?)."
                    )
                errors[name] = message % {"limit": salary_amount(limit)}
        return errors

    def salary_range(self):
        """The salary as applicants read it in the active language ("月薪 20,000–35,000 元", "Monthly salary CNY
        20,000–35,000"); empty when no figure is given."""
        low, high = self.salary_min, self.salary_max
        if low is None and high is None:
            return ""
        span, one, since, up_to = SALARY_WORDING.get(self.salary_period, SALARY_WORDING[SalaryPeriod.YEAR])
        if low is not None and high is not None:
            if low == high:
                return one % {"amount": salary_amount(low)}
            return span % {"low": salary_amount(low), "high": salary_amount(high)}
        if low is not None:
            return since % {"amount": salary_amount(low)}
        return up_to % {"amount": salary_amount(high)}

    # -- state ----------------------------------------------------------------------------------------
    def is_open(self, today=None):
        if self.closes_on is None:
            return True
        return (today or timezone.localdate()) <= self.closes_on

    @property
    def research_statement_required(self):
        return self.category == JobCategory.PRINCIPAL_INVESTIGATOR

    @cached_property
    def full_url(self):
        parts = self.get_url_parts()
        return absolute_url(parts[2]) if parts else ""

    def posting_info(self):
        return recruitment.PostingInfo(
            page_id=self.pk,
            key=str(self.translation_key),
            title=self.title,
            url=self.full_url,
            category=self.category,
            closes_on=self.closes_on,
            research_statement_required=self.research_statement_required,
        )

    # -- structured data --------------------------------------------------------------------------------
    def json_ld(self):
        """schema.org JobPosting; None once the posting has closed (it is no longer a vacancy)."""
        return jsonld.posting_ld(self)

    # -- serving ---------------------------------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        is_open = self.is_open()
        context.update(
            is_open=is_open,
            category_label=JobCategory(self.category).label if self.category else "",
            index_page=self.get_parent().specific_deferred,
            json_ld=ld.script(self.json_ld()) if is_open else "",
        )
        context.setdefault("form", None)
        return context

    def new_form(self, data=None, files=None):
        return JobApplicationForm(data, files, research_statement=self.research_statement_required)

    def serve(self, request, *args, **kwargs):
        return self.serve_intake(request)

    def serve_form(self, request):
        return self.render_page(request, form=self.new_form() if self.is_open() else None)

    def serve_submission(self, request):
        if not self.is_open():
            return self.render_page(request, status=403, form=None)
        form = self.new_form(request.POST, request.FILES)
        refusal = None
        if form.is_valid():
            try:
                application, _created = form.submit(posting=self.posting_info(), language=get_language())
            except recruitment.ApplicationRefused as error:
                refusal = error.message
            else:
                return self.confirm(request, application.reference)
        return self.render_page(request, status=400, form=form if self.is_open() else None, refusal=refusal)

"""What staff set up: fields of expertise, programmes with their types and categories, calls, rounds."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from records.translated import localized, pick  # noqa: F401  (re-exported: grants code imports them from here)


class ExpertiseField(models.Model):
    """A field of expertise shared by categories and reviewers (used to suggest reviewers)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    panels = [FieldPanel("code"), FieldPanel("name_zh"), FieldPanel("name_en")]

    class Meta:
        verbose_name = _("field of expertise")
        verbose_name_plural = _("fields of expertise")
        ordering = ["code"]

    def __str__(self):
        return localized(self, "name")


class Programme(ClusterableModel):
    """One year of the fund, with its application types and categories."""

    code = models.CharField(
        _("reference prefix"), max_length=8, default="SMRF", help_text=_("Reference numbers start with it.")
    )
    year = models.PositiveIntegerField(_("year"), unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("code")]),
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
        InlinePanel("types", heading=_("Application types"), label=_("Application type")),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-year"]

    def __str__(self):
        return f"{localized(self, 'name')} {self.year}"


class ApplicationType(Orderable):
    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="types")
    code = models.SlugField(_("code"), max_length=40)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    panels = [FieldPanel("code"), FieldPanel("name_zh"), FieldPanel("name_en")]

    class Meta(Orderable.Meta):
        verbose_name = _("application type")
        verbose_name_plural = _("application types")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="grants_type_code_unique")]

    def __str__(self):
        return localized(self, "name")


class Category(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="categories", verbose_name=_("programme")
    )
    code = models.SlugField(_("code"), max_length=40)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    expertise = models.ManyToManyField(
        ExpertiseField,
        blank=True,
        related_name="categories",
        verbose_name=_("fields of expertise"),
        help_text=_("Reviewers with these fields are suggested for applications in this category."),
    )

    panels = [
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
        FieldPanel("expertise"),
    ]

    class Meta:
        ordering = ["programme", "sort_order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="grants_category_code_unique")]

    def __str__(self):
        return localized(self, "name")


class CallQuerySet(models.QuerySet):
    def open_at(self, moment=None):
        moment = moment or timezone.now()
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


class Call(ClusterableModel):
    """A call for applications: when it is open, its guide, budget caps per type and review criteria."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"), help_text=_("Beijing time (Asia/Shanghai)."))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Beijing time (Asia/Shanghai). Submissions after this moment are refused.")
    )
    guide_zh = models.TextField(_("guide (Chinese)"), blank=True)
    guide_en = models.TextField(_("guide (English)"), blank=True)
    guide_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("guide document"),
    )
    total_budget = models.DecimalField(
        _("total budget (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    reviewers_per_application = models.PositiveSmallIntegerField(_("reviewers per application"), default=3)
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    panels = [
        FieldPanel("programme"),
        FieldPanel("code"),
        FieldPanel("title_zh"),
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [FieldPanel("guide_zh"), FieldPanel("guide_en"), FieldPanel("guide_document")], heading=_("Guide")
        ),
        FieldRowPanel([FieldPanel("total_budget"), FieldPanel("reviewers_per_application")]),
        FieldPanel("review_deadline"),
        InlinePanel("budget_caps", heading=_("Application types and budget caps"), label=_("Budget cap"), min_num=1),
        InlinePanel("criteria", heading=_("Review criteria"), label=_("Criterion"), min_num=1),
    ]

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    @property
    def guide(self):
        return localized(self, "guide")

    @property
    def year(self):
        return self.programme.year

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def phase(self, moment=None):
        """ "upcoming", "open" or "closed"."""
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return "upcoming"
        return "open" if moment < self.closes_at else "closed"


class CallBudgetCap(Orderable):
    """An application type offered in a call, with the most an application of that type may request."""

    call = ParentalKey(Call, on_delete=models.CASCADE, related_name="budget_caps")
    application_type = models.ForeignKey(
        ApplicationType, on_delete=models.PROTECT, related_name="+", verbose_name=_("application type")
    )
    max_budget = models.DecimalField(
        _("budget cap (CNY)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    max_duration_months = models.PositiveSmallIntegerField(_("longest duration (months)"), default=36)

    panels = [FieldPanel("application_type"), FieldPanel("max_budget"), FieldPanel("max_duration_months")]

    class Meta(Orderable.Meta):
        verbose_name = _("budget cap")
        verbose_name_plural = _("budget caps")
        constraints = [models.UniqueConstraint(fields=["call", "application_type"], name="grants_cap_unique")]

    def __str__(self):
        return f"{self.application_type}: {self.max_budget}"


class Criterion(Orderable):
    """A review criterion of a call, scored from 0 to ``max_score`` and weighted."""

    call = ParentalKey(Call, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    description_zh = models.CharField(_("description (Chinese)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=Decimal("1"))
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("weight"), FieldPanel("max_score")]),
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
        FieldPanel("description_zh"),
        FieldPanel("description_en"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")

    @property
    def description(self):
        return localized(self, "description")


class RegistrationRoundQuerySet(models.QuerySet):
    def open_at(self, moment=None):
        moment = moment or timezone.now()
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


class RegistrationRound(models.Model):
    """A period in which host institutions may register."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="registration_rounds", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("round"), default=1)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))

    objects = RegistrationRoundQuerySet.as_manager()

    panels = [
        FieldPanel("programme"),
        FieldPanel("number"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
    ]

    class Meta:
        verbose_name = _("registration round")
        verbose_name_plural = _("registration rounds")
        ordering = ["-opens_at"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="grants_round_unique")]

    def __str__(self):
        return _("%(programme)s, round %(number)s") % {"programme": self.programme, "number": self.number}

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

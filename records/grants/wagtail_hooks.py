"""The grants back office in the Wagtail admin: viewsets for staff, "My reviews" for reviewers.

Only the "Grants office" group (and superusers) see the Grants menu; applications and institutions
are never created or edited here (they come from the public forms), only inspected and moved.
Reviewers see only "My reviews".
"""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from records import admin_home
from records.admin_home import LinkSummaryItem, RecordKind
from records.display import number
from records.exports import SafeSpreadsheetExportMixin
from records.listing import (
    BulkMoveButtonMixin,
    DateTimeColumn,
    IntakeRecordPolicy,
    MoneyColumn,
    PlainColumn,
    PlainTitleColumn,
    ReferenceSearchMixin,
    bulk_move_path,
)
from records.permissions import in_group

from .forms import ReviewerForm
from .models import (
    Application,
    ApplicationType,
    Assignment,
    Call,
    Category,
    ExpertiseField,
    Institution,
    InstitutionStatus,
    PanelMeeting,
    Programme,
    RegistrationRound,
    Reviewer,
    Status,
)
from .roles import GRANTS_OFFICE, REVIEWERS, is_reviewer
from .views import assign as assign_views
from .views import decisions as decision_views
from .views import reviewer as reviewer_views
from .views import staff as staff_views

register_permission_policy(Application, IntakeRecordPolicy(Application))
register_permission_policy(Institution, IntakeRecordPolicy(Institution))


class LabelledModelChoiceFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, label_from_instance=None, **kwargs):
        self._label_from_instance = label_from_instance
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        if self._label_from_instance is not None:
            field.label_from_instance = self._label_from_instance
        return field


def _with_year(obj):
    return f"{obj} ({obj.programme.year})"


class ApplicationFilterSet(WagtailFilterSet):
    call = django_filters.ModelChoiceFilter(label=_("Call"), queryset=Call.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    application_type = LabelledModelChoiceFilter(
        label=_("Type"), queryset=ApplicationType.objects.select_related("programme"), label_from_instance=_with_year
    )
    category = LabelledModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.select_related("programme"), label_from_instance=_with_year
    )
    # A name search rather than a list of every institution (there are over a thousand at scale).
    institution_name = django_filters.CharFilter(
        label=_("Host institution"), field_name="institution__name", lookup_expr="icontains"
    )
    # For links such as "this institution's applications" from an institution's page.
    institution = django_filters.NumberFilter(field_name="institution_id", widget=forms.HiddenInput)

    class Meta:
        model = Application
        fields = ["call", "status", "application_type", "category", "institution_name", "institution"]


class LinkColumn(Column):
    cell_template_name = "grants/admin/link_cell.html"

    def __init__(self, name, url_name, link_label, **kwargs):
        self.url_name = url_name
        self.link_label = link_label
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(url=reverse(self.url_name, args=[instance.pk]), link_label=self.link_label)
        return context


class ApplicationIndexView(ReferenceSearchMixin, BulkMoveButtonMixin, SafeSpreadsheetExportMixin, IndexView):
    bulk_move_url_name = "grants_application:bulk_move"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("call", "institution", "application_type", "category")


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "doc-full"
    menu_label = _("Applications")
    name = "grants_application"
    url_prefix = "grants/applications"
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = staff_views.ApplicationInspectView
    copy_view_enabled = False
    index_view_class = ApplicationIndexView
    exclude_form_fields = []
    list_display = [
        PlainTitleColumn(
            "reference", label=_("Reference"), url_name="grants_application:inspect", sort_key="reference"
        ),
        PlainColumn("title", label=_("Project title")),
        PlainColumn("institution", label=_("Host institution")),
        PlainColumn("application_type", label=_("Type")),
        PlainColumn("category", label=_("Category")),
        PlainColumn("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        MoneyColumn("requested_budget", label=_("Requested (CNY)"), sort_key="requested_budget"),
        PlainColumn("review_score", label=_("Score"), sort_key="review_score"),
        DateTimeColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "title", "pi_name", "institution__name"]
    search_backend_name = None
    ordering = ["-submitted_at", "-pk"]
    list_per_page = 25
    list_export = [
        "reference",
        "call.title",
        "application_type",
        "category",
        "institution.name",
        "pi_name",
        "pi_email",
        "title",
        "get_status_display",
        "requested_budget",
        "duration_months",
        "review_score",
        "review_count",
        "award_amount",
        "submitted_at",
    ]
    export_headings = {
        "reference": _("Reference"),
        "call.title": _("Call"),
        "application_type": _("Type"),
        "category": _("Category"),
        "institution.name": _("Host institution"),
        "pi_name": _("Principal investigator"),
        "pi_email": _("Email"),
        "title": _("Project title"),
        "get_status_display": _("Status"),
        "requested_budget": _("Requested budget (CNY)"),
        "duration_months": _("Duration (months)"),
        "review_score": _("Review score"),
        "review_count": _("Reviews"),
        "award_amount": _("Award (CNY)"),
        "submitted_at": _("Submitted"),
    }
    export_filename = "applications"
    inspect_view_fields = [
        "reference",
        "call",
        "application_type",
        "category",
        "institution",
        "pi_name",
        "pi_title",
        "pi_email",
        "pi_phone",
        "title",
        "abstract",
        "keywords",
        "duration_months",
        "requested_budget",
        "ethics_declaration",
        "pipl_consent",
        "consent_at",
        "language",
        "submitted_at",
        "accepted_at",
        "decided_at",
        "review_score",
        "review_count",
        "award_amount",
        "panel_meeting",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            bulk_move_path(self, staff_views.BulkMoveView),
            path("move/<int:pk>/", staff_views.application_move, name="move"),
            path("assign/<int:pk>/", assign_views.application_assign, name="assign"),
            path("reviewers/<int:pk>/", assign_views.AssignReviewersView.as_view(), name="reviewers"),
            path("decide/<int:pk>/", decision_views.application_decide, name="decide"),
            path("withdraw-decision/<int:pk>/", decision_views.decision_withdraw, name="withdraw_decision"),
            path("disburse/<int:pk>/", staff_views.application_disburse, name="disburse"),
            path("recuse/<int:pk>/", assign_views.assignment_recuse, name="recuse"),
        ]


class InstitutionIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("registration_round__programme")


class InstitutionViewSet(ModelViewSet):
    model = Institution
    icon = "home"
    menu_label = _("Host institutions")
    name = "grants_institution"
    url_prefix = "grants/institutions"
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = staff_views.InstitutionInspectView
    index_view_class = InstitutionIndexView
    copy_view_enabled = False
    exclude_form_fields = []
    list_display = [
        TitleColumn("name", label=_("Institution name"), url_name="grants_institution:inspect", sort_key="name"),
        "reference",
        "credit_code",
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        "registration_round",
        DateTimeColumn("submitted_at", label=_("Registered"), sort_key="submitted_at"),
    ]
    list_filter = ["status", "registration_round"]
    search_fields = ["name", "credit_code", "reference"]
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50
    list_export = ["reference", "name", "credit_code", "get_status_display", "address", "contact_name", "contact_email"]
    export_headings = {
        "reference": _("Reference"),
        "name": _("Institution name"),
        "credit_code": _("Unified social credit code"),
        "get_status_display": _("Status"),
        "address": _("Address"),
        "contact_name": _("Contact person"),
        "contact_email": _("Contact email"),
    }
    export_filename = "host-institutions"
    inspect_view_fields = [
        "reference",
        "name",
        "credit_code",
        "address",
        "contact_name",
        "contact_email",
        "contact_phone",
        "registration_round",
        "language",
        "submitted_at",
        "decided_at",
        "decision_reason",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("decide/<int:pk>/", staff_views.institution_decide, name="decide"),
        ]


class CallViewSet(ModelViewSet):
    model = Call
    icon = "date"
    menu_label = _("Calls")
    name = "grants_call"
    url_prefix = "grants/calls"
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = [
        "title_zh",
        "code",
        Column("opens_at", label=_("Opens"), sort_key="opens_at"),
        Column("closes_at", label=_("Closes"), sort_key="closes_at"),
        LinkColumn("dashboard", "grants_call:dashboard", _("Dashboard"), label=_("Dashboard")),
        LinkColumn("panel", "grants_call:panel", _("Panel review"), label=_("Panel")),
    ]
    search_fields = ["title_zh", "title_en", "code"]
    search_backend_name = None

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("dashboard/<int:pk>/", staff_views.CallDashboardView.as_view(), name="dashboard"),
            path("panel/<int:pk>/", decision_views.PanelView.as_view(), name="panel"),
            path("release/<int:pk>/", decision_views.ReleaseView.as_view(), name="release"),
        ]


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "folder-open-inverse"
    menu_label = _("Programmes")
    name = "grants_programme"
    url_prefix = "grants/programmes"
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["__str__", "year", "code"]


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    name = "grants_category"
    url_prefix = "grants/categories"
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["name_zh", "name_en", "code", "programme"]
    list_filter = ["programme"]


class ExpertiseFieldViewSet(ModelViewSet):
    model = ExpertiseField
    icon = "tag"
    menu_label = _("Fields of expertise")
    name = "grants_expertise"
    url_prefix = "grants/expertise"
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["name_zh", "name_en", "code"]


class RegistrationRoundViewSet(ModelViewSet):
    model = RegistrationRound
    icon = "date"
    menu_label = _("Registration rounds")
    name = "grants_round"
    url_prefix = "grants/rounds"
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["__str__", "opens_at", "closes_at"]


class PanelMeetingViewSet(ModelViewSet):
    model = PanelMeeting
    icon = "group"
    menu_label = _("Panel meetings")
    name = "grants_panel_meeting"
    url_prefix = "grants/panel-meetings"
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["call", "held_on", "title_zh", "title_en", "notes"]
    list_display = ["__str__", "call", "held_on"]


class ReviewerIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


class ReviewerViewSet(ModelViewSet):
    model = Reviewer
    icon = "user"
    menu_label = _("Expert pool")
    name = "grants_reviewer"
    url_prefix = "grants/reviewers"
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = ReviewerIndexView
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in (
                "name",
                "title",
                "institution_name",
                "host_institution",
                "email",
                "phone",
                "expertise",
                "active",
                "language",
                "user",
            )
        ],
        base_form_class=ReviewerForm,
    )
    list_display = ["name", "institution_name", "title", PlainColumn("active", label=_("Active"), sort_key="active")]
    list_filter = ["active", "expertise"]
    search_fields = ["name", "institution_name", "email"]
    search_backend_name = None
    ordering = ["name", "pk"]
    list_per_page = 50
    list_export = ["name", "title", "institution_name", "email", "active"]
    export_filename = "expert-pool"


class GrantsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Grants")
    menu_icon = "pick"
    menu_order = 250
    items = (
        ApplicationViewSet,
        InstitutionViewSet,
        CallViewSet,
        ReviewerViewSet,
        PanelMeetingViewSet,
        ProgrammeViewSet,
        CategoryViewSet,
        ExpertiseFieldViewSet,
        RegistrationRoundViewSet,
    )


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def register_reviewer_urls():
    return [
        path("grants/my-reviews/", reviewer_views.MyReviewsView.as_view(), name="grants_my_reviews"),
        path("grants/my-reviews/<int:pk>/", reviewer_views.MyReviewView.as_view(), name="grants_my_review"),
    ]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return in_group(request.user, REVIEWERS) and hasattr(request.user, "grants_reviewer")


@hooks.register("register_admin_menu_item")
def register_my_reviews_menu_item():
    return ReviewerMenuItem(_("My reviews"), reverse("grants_my_reviews"), icon_name="tasks", order=240)


admin_home.register(
    RecordKind(
        "grants_application",
        _("Grant applications"),
        Application,
        Status,
        "grants_application:index",
        (GRANTS_OFFICE,),
        order=10,
        inbox=Status.SUBMITTED,
    )
)
admin_home.register(
    RecordKind(
        "grants_institution",
        _("Host institution registrations"),
        Institution,
        InstitutionStatus,
        "grants_institution:index",
        (GRANTS_OFFICE,),
        order=11,
        inbox=InstitutionStatus.PENDING,
    )
)


class ReviewsToDoSummaryItem(LinkSummaryItem):
    """A reviewer's admin home starts with the reviews they still have to write, a link to "My reviews"."""

    key = "grants_my_reviews"

    def is_shown(self):
        return is_reviewer(self.request.user)

    def url(self):
        return reverse("grants_my_reviews")

    def text(self, user):
        count = Assignment.objects.filter(
            reviewer__user=user, reviewer__active=True, state=Assignment.State.ASSIGNED
        ).count()
        return ngettext("%(count)s review to do", "%(count)s reviews to do", count) % {"count": number(count)}


@hooks.register("construct_homepage_summary_items")
def add_reviews_to_do(request, items):
    items.append(ReviewsToDoSummaryItem(request))

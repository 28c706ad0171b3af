"""The recruitment back office in the Wagtail admin.

Only "HR staff" (and superusers) see the Recruitment menu: applications (list, search, filters, inspect with
history and files, moves, bulk moves, CSV/XLSX export), interview rounds with their slots, and the report.
Applications are never created or edited here (they come from the public forms). Members of an interview
panel see only "My interviews".
"""

import django_filters
from django.db.models.functions import ExtractYear
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from records import admin_home
from records.admin_home import RecordKind
from records.exports import SafeSpreadsheetExportMixin
from records.listing import (
    BulkMoveButtonMixin,
    DateTimeColumn,
    IntakeRecordPolicy,
    PlainColumn,
    PlainTitleColumn,
    ReferenceSearchMixin,
    bulk_move_path,
)

from .admin_forms import InterviewRoundForm
from .models import Category, InterviewRound, JobApplication, Status
from .roles import HR_STAFF, is_hr_staff
from .views import outcomes as outcome_views
from .views import panel as panel_views
from .views import staff as staff_views

register_permission_policy(JobApplication, IntakeRecordPolicy(JobApplication))


def _year_choices():
    years = (
        JobApplication.objects.order_by().annotate(y=ExtractYear("submitted_at")).values_list("y", flat=True).distinct()
    )
    return [(year, str(year)) for year in sorted(set(years), reverse=True)]


class ApplicationFilterSet(WagtailFilterSet):
    posting_category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    year = django_filters.TypedChoiceFilter(
        label=_("Year"), field_name="submitted_at__year", choices=_year_choices, coerce=int
    )
    posting_title = django_filters.CharFilter(label=_("Position"), lookup_expr="icontains")

    class Meta:
        model = JobApplication
        fields = ["posting_category", "status", "year", "posting_title"]


class ApplicationIndexView(ReferenceSearchMixin, BulkMoveButtonMixin, SafeSpreadsheetExportMixin, IndexView):
    bulk_move_url_name = "recruitment_application:bulk_move"


class ApplicationViewSet(ModelViewSet):
    model = JobApplication
    icon = "user"
    menu_label = _("Job applications")
    name = "recruitment_application"
    url_prefix = "recruitment/applications"
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = staff_views.ApplicationInspectView
    copy_view_enabled = False
    index_view_class = ApplicationIndexView
    exclude_form_fields = []
    list_display = [
        PlainTitleColumn(
            "reference", label=_("Reference"), url_name="recruitment_application:inspect", sort_key="reference"
        ),
        PlainColumn("name", label=_("Name"), accessor="display_name"),
        PlainColumn("posting_title", label=_("Position")),
        PlainColumn("posting_category", label=_("Category"), accessor="get_posting_category_display"),
        PlainColumn("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateTimeColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "name", "email", "posting_title", "institution"]
    search_backend_name = None
    ordering = ["-submitted_at", "-pk"]
    list_per_page = 25
    list_export = [
        "reference",
        "posting_title",
        "get_posting_category_display",
        "name",
        "email",
        "phone",
        "current_position",
        "institution",
        "highest_degree",
        "get_status_display",
        "language",
        "submitted_at",
        "closed_at",
    ]
    export_headings = {
        "reference": _("Reference"),
        "posting_title": _("Position"),
        "get_posting_category_display": _("Category"),
        "name": _("Name"),
        "email": _("Email"),
        "phone": _("Phone"),
        "current_position": _("Current position"),
        "institution": _("Current institution"),
        "highest_degree": _("Highest degree"),
        "get_status_display": _("Status"),
        "language": _("Language"),
        "submitted_at": _("Submitted"),
        "closed_at": _("Closed"),
    }
    export_filename = "job-applications"
    inspect_view_fields = [
        "reference",
        "posting_title",
        "posting_category",
        "posting_url",
        "name",
        "email",
        "phone",
        "current_position",
        "institution",
        "highest_degree",
        "language",
        "consent_at",
        "submitted_at",
        "offered_at",
        "closed_at",
        "anonymised_at",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            bulk_move_path(self, staff_views.BulkMoveView),
            path("move/<int:pk>/", outcome_views.application_move, name="move"),
            path("withdraw-outcome/<int:pk>/", outcome_views.outcome_withdraw, name="withdraw_outcome"),
            path("schedule/<int:pk>/", staff_views.application_schedule, name="schedule"),
            path("cancel-interview/<int:pk>/", staff_views.interview_cancel, name="cancel_interview"),
        ]


class RoundViewSet(ModelViewSet):
    model = InterviewRound
    icon = "date"
    menu_label = _("Interview rounds")
    name = "recruitment_round"
    url_prefix = "recruitment/rounds"
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = staff_views.RoundInspectView
    delete_view_class = staff_views.RoundDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("title_en"),
            FieldPanel("category"),
            FieldPanel("held_on"),
            FieldPanel("location_zh"),
            FieldPanel("location_en"),
            FieldPanel("instructions_zh"),
            FieldPanel("instructions_en"),
            FieldPanel("panel"),
            FieldPanel("notes"),
        ],
        base_form_class=InterviewRoundForm,
    )
    list_display = [
        PlainTitleColumn("title", label=_("Title"), accessor="display_title", url_name="recruitment_round:inspect"),
        PlainColumn("category", label=_("Category"), accessor="get_category_display"),
        PlainColumn("held_on", label=_("Date"), sort_key="held_on"),
        PlainColumn("location", label=_("Location")),
    ]
    list_filter = ["category"]
    search_fields = ["title", "title_en", "location_zh", "location_en"]
    search_backend_name = None
    ordering = ["-held_on", "-pk"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("slots/<int:pk>/", staff_views.round_add_slots, name="add_slots"),
        ]


class HRMenuItem(MenuItem):
    def is_shown(self, request):
        return is_hr_staff(request.user)


class ReportViewSet(ViewSet):
    name = "recruitment_report"
    url_prefix = "recruitment/report"
    icon = "table"
    menu_label = _("Report")

    @property
    def menu_item_class(self):
        return HRMenuItem

    def get_urlpatterns(self):
        return [path("", staff_views.ReportView.as_view(), name="index")]


class OutcomesViewSet(ViewSet):
    """Offers and rejections held, to check and send."""

    name = "recruitment_outcomes"
    url_prefix = "recruitment/outcomes"
    icon = "mail"
    menu_label = _("Offers and rejections")

    @property
    def menu_item_class(self):
        return HRMenuItem

    def get_urlpatterns(self):
        return [path("", outcome_views.OutcomesView.as_view(), name="index")]


class RecruitmentViewSetGroup(ModelViewSetGroup):
    menu_label = _("Recruitment")
    menu_icon = "user"
    menu_order = 260
    items = (ApplicationViewSet, OutcomesViewSet, RoundViewSet, ReportViewSet)


@hooks.register("register_admin_viewset")
def register_recruitment_viewsets():
    return RecruitmentViewSetGroup()


@hooks.register("register_admin_urls")
def register_panel_urls():
    return [
        path("recruitment/my-interviews/", panel_views.MyInterviewsView.as_view(), name="recruitment_my_interviews"),
        path(
            "recruitment/my-interviews/<int:pk>/",
            panel_views.MyInterviewView.as_view(),
            name="recruitment_my_interview",
        ),
    ]


class PanelMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_authenticated and InterviewRound.objects.filter(panel=user).exists()


@hooks.register("register_admin_menu_item")
def register_my_interviews_menu_item():
    return PanelMenuItem(_("My interviews"), reverse("recruitment_my_interviews"), icon_name="group", order=265)


admin_home.register(
    RecordKind(
        "recruitment_application",
        _("Job applications"),
        JobApplication,
        Status,
        "recruitment_application:index",
        (HR_STAFF,),
        order=20,
        inbox=Status.RECEIVED,
    )
)

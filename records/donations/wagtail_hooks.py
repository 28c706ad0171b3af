"""The foundation's donation records in the Wagtail admin: pledges, designations and totals; and its bank transfer
details, a snippet (Snippets → Bank transfer details).

Only the "Foundation staff" group (and superusers) see the Donations menu. Pledges are never created or
edited here (they come from the public form), only inspected and worked: agreement, payments with
receipts, cancellation, donor reports.
"""

import django_filters
from django.db.models.functions import ExtractYear
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from records import admin_home
from records.admin_home import RecordKind
from records.exports import SafeSpreadsheetExportMixin
from records.listing import (
    DateTimeColumn,
    IntakeRecordPolicy,
    MoneyColumn,
    PlainColumn,
    PlainTitleColumn,
    ReferenceSearchMixin,
)

from . import services
from .models import BankTransferDetails, Designation, DonorType, Pledge, Status
from .roles import FOUNDATION_STAFF, is_foundation_staff
from .views import staff as staff_views

register_permission_policy(Pledge, IntakeRecordPolicy(Pledge))
register_snippet(BankTransferDetails)


def _year_choices():
    return [(year, str(year)) for year in services.years()]


class PledgeFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    designation = django_filters.ModelChoiceFilter(label=_("Designation"), queryset=Designation.objects.all())
    year = django_filters.TypedChoiceFilter(
        label=_("Year pledged"), choices=_year_choices, coerce=int, method="filter_year"
    )
    donor_type = django_filters.ChoiceFilter(label=_("Donor type"), choices=DonorType.choices)

    class Meta:
        model = Pledge
        fields = ["status", "designation", "year", "donor_type"]

    def filter_year(self, queryset, name, value):
        return queryset.annotate(pledged_year=ExtractYear("pledged_at")).filter(pledged_year=value)


class PledgeIndexView(ReferenceSearchMixin, SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("designation")


class PledgeViewSet(ModelViewSet):
    model = Pledge
    icon = "pick"
    menu_label = _("Pledges")
    name = "donations_pledge"
    url_prefix = "donations/pledges"
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = staff_views.PledgeInspectView
    copy_view_enabled = False
    index_view_class = PledgeIndexView
    exclude_form_fields = []
    list_display = [
        PlainTitleColumn("reference", label=_("Reference"), url_name="donations_pledge:inspect", sort_key="reference"),
        PlainColumn("donor_name", label=_("Donor"), sort_key="donor_name"),
        PlainColumn("donor_type", label=_("Donor type"), accessor="get_donor_type_display"),
        PlainColumn("designation", label=_("Designation")),
        MoneyColumn("amount", label=_("Pledged (CNY)"), sort_key="amount"),
        PlainColumn("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateTimeColumn("pledged_at", label=_("Date pledged"), sort_key="pledged_at"),
    ]
    filterset_class = PledgeFilterSet
    search_fields = ["reference", "donor_name", "email"]
    search_backend_name = None
    ordering = ["-pledged_at", "-pk"]
    list_per_page = 25
    list_export = [
        "reference",
        "get_donor_type_display",
        "donor_name",
        "email",
        "phone",
        "designation.name",
        "amount",
        "received_amount",
        "get_status_display",
        "anonymous",
        "consent_named",
        "language",
        "pledged_at",
    ]
    export_headings = {
        "reference": _("Reference"),
        "get_donor_type_display": _("Donor type"),
        "donor_name": _("Donor"),
        "email": _("Email"),
        "phone": _("Phone"),
        "designation.name": _("Designation"),
        "amount": _("Pledged (CNY)"),
        "received_amount": _("Received (CNY)"),
        "get_status_display": _("Status"),
        "anonymous": _("Anonymous"),
        "consent_named": _("May be named"),
        "language": _("Language"),
        "pledged_at": _("Date pledged"),
    }
    export_filename = "pledges"
    inspect_view_fields = [
        "reference",
        "donor_type",
        "donor_name",
        "email",
        "phone",
        "amount",
        "designation",
        "anonymous",
        "consent_named",
        "message",
        "pipl_consent",
        "consent_at",
        "language",
        "pledged_at",
        "agreement_signed_at",
        "fully_received_at",
        "cancelled_at",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("move/<int:pk>/", staff_views.pledge_move, name="move"),
            path("agreement/<int:pk>/", staff_views.pledge_agreement, name="agreement"),
            path("payment/<int:pk>/", staff_views.pledge_payment, name="payment"),
            path("donor-report/<int:pk>/", staff_views.donor_report, name="donor_report"),
        ]


class DesignationViewSet(ModelViewSet):
    model = Designation
    icon = "tag"
    menu_label = _("Designations")
    name = "donations_designation"
    url_prefix = "donations/designations"
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["name_zh", "name_en", "code", "active"]
    search_fields = ["name_zh", "name_en", "code"]
    search_backend_name = None


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_foundation_staff(request.user)


class TotalsViewSet(ViewSet):
    icon = "table"
    menu_label = _("Totals")
    name = "donations_totals"
    url_prefix = "donations/totals"
    menu_item_class = StaffMenuItem

    @property
    def menu_url(self):
        return reverse("donations_totals:index")

    def get_urlpatterns(self):
        return [path("", staff_views.TotalsView.as_view(), name="index")]


class DonationsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Donations")
    menu_icon = "pick"
    menu_order = 270
    items = (PledgeViewSet, DesignationViewSet, TotalsViewSet)


@hooks.register("register_admin_viewset")
def register_donations_viewsets():
    return DonationsViewSetGroup()


admin_home.register(
    RecordKind(
        "donations_pledge",
        _("Pledges"),
        Pledge,
        Status,
        "donations_pledge:index",
        (FOUNDATION_STAFF,),
        order=30,
        inbox=Status.PLEDGED,
    )
)

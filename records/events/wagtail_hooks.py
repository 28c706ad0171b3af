"""The event registrations back office in the Wagtail admin: registrations and events, for "Events staff".

Only events staff (and superusers) see the menu. Registrations come from the event pages' forms: they are
never added or edited here, only inspected, cancelled or confirmed from the waiting list (each move logged).
The attendee list of an event is the registrations list filtered to it, exported as CSV or XLSX.
"""

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from records import admin_home
from records.admin_home import RecordKind
from records.exports import SafeSpreadsheetExportMixin
from records.listing import (
    DateTimeColumn,
    IntakeRecordPolicy,
    PlainColumn,
    PlainTitleColumn,
    ReferenceSearchMixin,
)

from .models import EventCapacity, Registration
from .roles import EVENTS_STAFF
from .views import staff as staff_views

register_permission_policy(Registration, IntakeRecordPolicy(Registration))
register_permission_policy(EventCapacity, IntakeRecordPolicy(EventCapacity))


def event_choices():
    return [(event.event_key, str(event)) for event in EventCapacity.objects.order_by("-starts_at", "pk")]


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ChoiceFilter(label=_("Event"), field_name="event_key", choices=event_choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)
    attendance = django_filters.ChoiceFilter(label=_("Attendance"), choices=Registration.Attendance.choices)

    class Meta:
        model = Registration
        fields = ["event", "status", "attendance"]


class RegistrationIndexView(ReferenceSearchMixin, SafeSpreadsheetExportMixin, IndexView):
    def get_filename(self):
        """The attendee list of one event is named after it."""
        event = EventCapacity.objects.filter(event_key=self.request.GET.get("event", "")).first()
        if event is None:
            return super().get_filename()
        return f"attendees-{slugify(event.titles.get('en', '')) or event.pk}"


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "user"
    menu_label = _("Registrations")
    name = "events_registration"
    url_prefix = "events/registrations"
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = staff_views.RegistrationInspectView
    copy_view_enabled = False
    index_view_class = RegistrationIndexView
    exclude_form_fields = []
    list_display = [
        PlainTitleColumn(
            "reference", label=_("Reference"), url_name="events_registration:inspect", sort_key="reference"
        ),
        PlainColumn("name", label=_("Name"), sort_key="name"),
        PlainColumn("organisation", label=_("Organisation")),
        PlainColumn("event_title", label=_("Event")),
        PlainColumn("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        PlainColumn("attendance", label=_("Attendance"), accessor="get_attendance_display"),
        DateTimeColumn("submitted_at", label=_("Registered"), sort_key="submitted_at"),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["reference", "name", "email", "organisation"]
    search_backend_name = None
    ordering = ["-submitted_at", "-pk"]
    list_per_page = 50
    list_export = [
        "reference",
        "event_title",
        "name",
        "email",
        "phone",
        "organisation",
        "position",
        "get_attendance_display",
        "get_status_display",
        "notes",
        "language",
        "submitted_at",
    ]
    export_headings = {
        "reference": _("Reference"),
        "event_title": _("Event"),
        "name": _("Name"),
        "email": _("Email"),
        "phone": _("Phone"),
        "organisation": _("Organisation"),
        "position": _("Position"),
        "get_attendance_display": _("Attendance"),
        "get_status_display": _("Status"),
        "notes": _("Accessibility or other needs"),
        "language": _("Language"),
        "submitted_at": _("Registered"),
    }
    export_filename = "event-registrations"
    inspect_view_fields = [
        "reference",
        "event_title",
        "event_start",
        "event_url",
        "name",
        "email",
        "phone",
        "organisation",
        "position",
        "attendance",
        "notes",
        "language",
        "consent_at",
        "submitted_at",
        "promoted_at",
        "cancelled_at",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("move/<int:pk>/", staff_views.registration_move, name="move")]


def _count(status):
    matching = (
        Registration.objects.filter(event_key=OuterRef("event_key"), status=status)
        .order_by()
        .values("event_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(matching, output_field=IntegerField()), 0)


class EventIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                confirmed=_count(Registration.Status.CONFIRMED), waitlisted=_count(Registration.Status.WAITLISTED)
            )
        )


def _places_left(event):
    return "" if event.capacity is None else max(0, event.capacity - event.confirmed)


class EventViewSet(ModelViewSet):
    model = EventCapacity
    icon = "date"
    menu_label = _("Events and capacity")
    name = "events_event"
    url_prefix = "events/events"
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = staff_views.EventInspectView
    copy_view_enabled = False
    index_view_class = EventIndexView
    exclude_form_fields = []
    list_display = [
        PlainTitleColumn("title", label=_("Event"), url_name="events_event:inspect"),
        DateTimeColumn("starts_at", label=_("Starts"), sort_key="starts_at"),
        PlainColumn("capacity", label=_("Capacity"), accessor=lambda e: staff_views._capacity_text(e.capacity)),
        PlainColumn("confirmed", label=_("Confirmed"), sort_key="confirmed"),
        PlainColumn("waitlisted", label=_("On the waiting list"), sort_key="waitlisted"),
        PlainColumn("places_left", label=_("Places left"), accessor=_places_left),
    ]
    search_fields = ["titles"]
    search_backend_name = None
    ordering = ["-starts_at", "pk"]
    list_per_page = 50
    list_export = ["title", "starts_at", "capacity", "confirmed", "waitlisted"]
    export_headings = {
        "title": _("Event"),
        "starts_at": _("Starts"),
        "capacity": _("Capacity"),
        "confirmed": _("Confirmed"),
        "waitlisted": _("On the waiting list"),
    }
    export_filename = "events"
    inspect_view_fields = ["starts_at", "ends_at", "capacity", "page_capacity", "updated_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("capacity/<int:pk>/", staff_views.event_capacity, name="capacity")]


class EventsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Event registrations")
    menu_icon = "date"
    menu_order = 260
    items = (RegistrationViewSet, EventViewSet)


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsViewSetGroup()


admin_home.register(
    RecordKind(
        "events_registration",
        _("Event registrations"),
        Registration,
        Registration.Status,
        "events_registration:index",
        (EVENTS_STAFF,),
        order=40,
    )
)

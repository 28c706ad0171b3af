"""学术活动: the SMART Symposia and other events, with their agendas, speakers and registration.

An event page holds its series, start and end (stored in UTC, shown in Beijing time), venue with a map
link that works in mainland China (Amap), online link, language, speakers (people snippets), agenda
sessions (StreamField), and its registration settings. The valid registration form is
handed over with ``records.events.forms.EventRegistrationForm.submit``; capacity is shared by the event's
language versions.
Routes: ``ics/`` (this event as iCalendar) on an event, ``calendar/`` (upcoming and recently past events) on
the index.
"""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content import structured_data as ld
from content.blocks import BodyBlock
from content.i18n import absolute_url
from content.people import people_in_locale
from records.events import services as registrations
from records.events.forms import EventRegistrationForm
from records.events.models import Registration

from ..base import BasePage
from ..intake import IntakePageMixin
from ..page_forms import InPageLanguageForm
from . import calendar as calendars
from . import jsonld
from .agenda import AgendaBlock, AgendaDay, AgendaSession
from .choices import EventLanguage, EventStatus, RegistrationMode, RegistrationState


class EventSpeaker(Orderable):
    page = ParentalKey("content.EventPage", on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey("content.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    role = models.CharField(
        _("role"), max_length=80, blank=True, help_text=_("Optional, for example keynote speaker or chair.")
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")


class EventPage(IntakePageMixin, RoutablePageMixin, BasePage):
    """One event in one language."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Events")

    series = models.ForeignKey(
        "content.EventSeries",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("series"),
    )
    start = models.DateTimeField(_("starts"), help_text=_("Beijing time."))
    end = models.DateTimeField(_("ends"), help_text=_("Beijing time."))
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("As shown on Amap (GCJ-02), for example 22.7589. Used for the map link."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("As shown on Amap (GCJ-02), for example 113.9341."),
    )
    online_url = models.URLField(_("online link"), blank=True, help_text=_("A live stream or meeting link, if any."))
    event_language = models.CharField(
        _("language of the event"), max_length=12, choices=EventLanguage.choices, default=EventLanguage.BILINGUAL
    )
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    agenda_note = models.CharField(
        _("agenda note"),
        max_length=250,
        blank=True,
        help_text=_("Shown above the agenda, for example “subject to change”."),
    )

    registration = models.CharField(
        _("registration"), max_length=10, choices=RegistrationMode.choices, default=RegistrationMode.NONE
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places available. Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Beijing time. Leave empty: until the event starts."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, further registrations join a waiting list."),
    )
    admission_fee = models.DecimalField(
        _("admission fee (CNY)"), max_digits=10, decimal_places=2, default=Decimal("0"), help_text=_("0 means free.")
    )

    template = "content/event_page.html"
    base_form_class = InPageLanguageForm
    confirmation_template = "content/event_registration_confirmation.html"
    confirmation_param = "registered"
    confirmation_session_key = "event_registration_confirmation"
    rate_limit_scope = "events-registration"
    parent_page_types = ["content.EventIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("series"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("status"),
                FieldPanel("event_language"),
            ],
            heading=_("When"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        InlinePanel("speakers", label=_("Speaker"), heading=_("Speakers")),
        FieldPanel("agenda_note"),
        FieldPanel("agenda"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("waiting_list"),
                FieldPanel("admission_fee"),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("venue_name"),
        index.SearchField("body"),
        index.SearchField("agenda"),
        index.FilterField("start"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Enter both latitude and longitude, or neither.")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _("The registration deadline must be before the event ends.")
        outside = self.sessions_outside_event() if self.start and self.end and "end" not in errors else []
        if outside:
            errors["end"] = _(
                "The agenda lies outside the event's time (%(event)s): %(sessions)s. Change those sessions, "
                "or the event's start and end."
            ) % {
                "event": f"{timezone.localtime(self.start):%Y-%m-%d %H:%M}–{timezone.localtime(self.end):%H:%M}"
                if timezone.localtime(self.start).date() == timezone.localtime(self.end).date()
                else f"{timezone.localtime(self.start):%Y-%m-%d %H:%M}–{timezone.localtime(self.end):%Y-%m-%d %H:%M}",
                "sessions": "; ".join(outside),
            }
        if errors:
            raise ValidationError(errors)

    def sessions_outside_event(self):
        """The agenda's sessions that start before the event starts or end after it ends (Beijing time), each as
        "title (day start–end)"."""
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        tz = start.tzinfo
        outside = []
        for block in self.agenda:
            if block.block_type != "session" or not block.value["start"]:
                continue
            value = block.value
            day = value["day"] or start.date()
            begins = datetime.datetime.combine(day, value["start"], tzinfo=tz)
            ends = datetime.datetime.combine(day, value["end"], tzinfo=tz) if value["end"] else begins
            if begins < start or ends > end:
                times = f"{value['start']:%H:%M}" + (f"–{value['end']:%H:%M}" if value["end"] else "")
                outside.append(f"{value['title']} ({day:%Y-%m-%d} {times})")
        return outside

    # -- what the page shows ------------------------------------------------------------------------------
    @cached_property
    def series_term(self):
        return self.series.in_locale(self.locale_id) if self.series_id else None

    @cached_property
    def speaker_entries(self):
        """(person in this page's language, role) for each speaker."""
        entries = list(self.speakers.select_related("person", "person__photo"))
        people = people_in_locale([entry.person for entry in entries], self.locale_id)
        return [(person, entry.role) for person, entry in zip(people, entries, strict=True)]

    @cached_property
    def full_url(self):
        parts = self.get_url_parts()
        return absolute_url(parts[2]) if parts else ""

    def location_text(self):
        return ", ".join(part for part in (self.venue_name, self.venue_address) if part)

    def map_url(self):
        """An Amap (高德地图) link that works in mainland China: a marker at the coordinates, else a search."""
        name = self.venue_name or self.venue_address
        if self.latitude is not None and self.longitude is not None:
            query = {
                "position": f"{self.longitude},{self.latitude}",
                "name": name or self.title,
                "src": "smart-website",
                "coordinate": "gaode",
                "callnative": "0",
            }
            return "https://uri.amap.com/marker?" + urlencode(query)
        if self.venue_address:
            query = {"keyword": self.venue_address, "src": "smart-website", "callnative": "0"}
            return "https://uri.amap.com/search?" + urlencode(query)
        return ""

    @property
    def attendance_modes(self):
        modes = []
        if self.status != EventStatus.MOVED_ONLINE and (self.venue_name or self.venue_address):
            modes.append(Registration.Attendance.IN_PERSON)
        if self.online_url or self.status == EventStatus.MOVED_ONLINE:
            modes.append(Registration.Attendance.ONLINE)
        return tuple(modes) or (Registration.Attendance.IN_PERSON,)

    def attendance_mode_schema(self):
        modes = self.attendance_modes
        if len(modes) == 2:
            return "https://schema.org/MixedEventAttendanceMode"
        if modes == (Registration.Attendance.ONLINE,):
            return "https://schema.org/OnlineEventAttendanceMode"
        return "https://schema.org/OfflineEventAttendanceMode"

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def agenda_days(self):
        """The agenda grouped by day, sessions in time order, speakers in this page's language."""
        first_day = timezone.localtime(self.start).date()
        sessions = []
        for block in self.agenda:
            if block.block_type != "session":
                continue
            value = block.value
            speakers = people_in_locale([person for person in value["speakers"] if person is not None], self.locale_id)
            sessions.append(
                AgendaSession(
                    day=value["day"] or first_day,
                    start=value["start"],
                    end=value["end"],
                    title=value["title"],
                    room=value["room"],
                    description=value["description"],
                    speakers=speakers,
                )
            )
        sessions.sort(key=lambda session: (session.day, session.start))
        days = []
        for session in sessions:
            if not days or days[-1].day != session.day:
                days.append(AgendaDay(day=session.day, sessions=[]))
            days[-1].sessions.append(session)
        return days

    # -- registration ---------------------------------------------------------------------------------------
    def event_info(self):
        return registrations.EventInfo(
            key=str(self.translation_key),
            page_id=self.pk,
            title=self.title,
            url=self.full_url,
            starts_at=self.start,
            ends_at=self.end,
            registration_open=self.registration == RegistrationMode.OPEN and self.status != EventStatus.CANCELLED,
            capacity=self.capacity,
            deadline=self.registration_deadline,
            waiting_list=self.waiting_list,
            attendance_modes=self.attendance_modes,
            language=self.locale.language_code,
            calendar=calendars.calendar([self], language=self.locale.language_code).to_ical().decode(),
        )

    def registration_counts(self):
        return registrations.registration_counts(self.translation_key)

    def registration_state(self, now=None, counts=None):
        now = now or timezone.now()
        if self.registration == RegistrationMode.NONE:
            return RegistrationState.NONE
        if self.status == EventStatus.CANCELLED or now >= self.end or self.registration == RegistrationMode.CLOSED:
            return RegistrationState.CLOSED
        if self.registration == RegistrationMode.NOT_OPEN:
            return RegistrationState.NOT_OPEN
        if now > (self.registration_deadline or self.start):
            return RegistrationState.CLOSED
        counts = counts or self.registration_counts()
        capacity = counts.capacity_or(self.capacity)  # events staff may have changed it since
        if capacity is not None and counts.confirmed >= capacity:
            return RegistrationState.FULL
        return RegistrationState.OPEN

    def accepts_registrations(self, state=None):
        state = state or self.registration_state()
        return state == RegistrationState.OPEN or (state == RegistrationState.FULL and self.waiting_list)

    def places_left(self, counts=None):
        counts = counts or self.registration_counts()
        capacity = counts.capacity_or(self.capacity)
        if capacity is None:
            return None
        return max(0, capacity - counts.confirmed)

    # -- structured data ---------------------------------------------------------------------------------
    def json_ld(self, state=None):
        language = self.locale.language_code
        with override(language):
            return jsonld.event_ld(self, language, state)

    # -- serving ----------------------------------------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        counts = self.registration_counts() if self.registration != RegistrationMode.NONE else None
        state = self.registration_state(counts=counts)
        context.update(
            series=self.series_term,
            speakers=self.speaker_entries,
            agenda_days=self.agenda_days(),
            registration_state=state,
            registration_state_label=RegistrationState(state).label,
            places_left=self.places_left(counts) if counts is not None else None,
            waiting=state == RegistrationState.FULL and self.waiting_list,
            map_url=self.map_url(),
            ics_url=self.url + self.reverse_subpage("ics") if self.url else "",
            index_page=self.get_parent().specific_deferred,
            json_ld=ld.script(self.json_ld(state)),
            is_past=self.is_past(),
        )
        context.setdefault("form", None)
        return context

    def new_form(self, data=None):
        return EventRegistrationForm(data, attendance_modes=self.attendance_modes)

    @path("", name="index")
    def index_view(self, request):
        return self.serve_intake(request)

    def serve_form(self, request):
        return self.render_page(request, form=self.new_form() if self.accepts_registrations() else None)

    def serve_submission(self, request):
        if not self.accepts_registrations():
            return self.render_page(request, status=403, form=None, refusal=_("Registration for this event is closed."))
        form = self.new_form(request.POST)
        refusal = None
        if form.is_valid():
            try:
                registration, _created = form.submit(event=self.event_info(), language=get_language())
            except registrations.RegistrationRefused as error:
                refusal = error.message
            else:
                return self.confirm(request, registration.reference, status=registration.status)
        keep_form = self.accepts_registrations()
        return self.render_page(request, status=400, form=form if keep_form else None, refusal=refusal)

    def confirmation_context(self, confirmation):
        return {"waitlisted": confirmation.get("status") == Registration.Status.WAITLISTED}

    @path("ics/", name="ics")
    def ics_view(self, request):
        """This event as an iCalendar file."""
        cal = calendars.calendar([self], language=self.locale.language_code)
        return calendars.response(cal, f"smart-event-{self.pk}.ics")

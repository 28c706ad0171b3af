"""The events of one language (``EventIndexPage``): upcoming first, then past by year, filtered by series; and
their subscribable iCalendar (``calendar/``)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from content.blocks import BodyBlock
from content.i18n import absolute_url
from content.lookups import public_q
from content.topics import EventSeries

from ..base import BasePage
from . import calendar as calendars
from .models import EventPage


class EventIndexPage(RoutablePageMixin, BasePage):
    """The events of one language: upcoming first, then past, by series and year."""

    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "Event listings")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    template = "content/event_index_page.html"
    schema_page_type = "CollectionPage"
    subpage_types = ["content.EventPage", "content.StandardPage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("event index page")
        verbose_name_plural = _("event index pages")

    def events(self):
        return (
            EventPage.objects.child_of(self)
            .live()
            .filter(public_q())
            .defer_streamfields()
            .select_related("listing_image", "series")
        )

    def series_terms(self):
        """The series of this index's events, in this index's language."""
        used = self.events().exclude(series=None).values_list("series__translation_key", flat=True)
        return list(EventSeries.objects.filter(locale_id=self.locale_id, translation_key__in=set(used)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = self.events()
        series = self.series_terms()
        slug = request.GET.get("series", "").strip()[:80]
        current_series = next((term for term in series if term.slug == slug), None)
        if current_series is not None:
            events = events.filter(series__slug=current_series.slug)
        years = list(
            events.annotate(year=ExtractYear("start", tzinfo=timezone.get_default_timezone()))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        year = request.GET.get("year", "").strip()
        current_year = int(year) if year.isdigit() and int(year) in years else None
        if current_year:
            tz = timezone.get_default_timezone()
            year_start = datetime.datetime(current_year, 1, 1, tzinfo=tz)
            events = events.filter(start__gte=year_start, start__lt=year_start.replace(year=current_year + 1))
        upcoming = list(events.filter(end__gte=now).order_by("start", "pk"))
        past = list(events.filter(end__lt=now).order_by("-start", "-pk"))
        past_by_year = []
        for event in past:
            event_year = timezone.localtime(event.start).year
            if not past_by_year or past_by_year[-1][0] != event_year:
                past_by_year.append((event_year, []))
            past_by_year[-1][1].append(event)
        context.update(
            upcoming=upcoming,
            past_by_year=past_by_year,
            series_terms=series,
            current_series=current_series,
            years=years,
            current_year=current_year,
            unknown_filter=bool((slug and current_series is None) or (year and not current_year)),
            calendar_url=self.calendar_url(),
            webcal_url=self.calendar_url().replace("http://", "webcal://").replace("https://", "webcal://"),
        )
        return context

    def calendar_url(self):
        return absolute_url(self.url + self.reverse_subpage("calendar")) if self.url else ""

    @path("", name="index")
    def index_view(self, request):
        return self.render(request)

    def calendar_events(self, now=None):
        """The events a subscribed calendar lists: upcoming ones, and those that ended in the past
        ``CALENDAR_PAST_MONTHS`` months. A calendar app removes from its copy whatever the feed stops listing, so
        an event just attended stays in the subscriber's calendar for that long."""
        now = now or timezone.now()
        since = calendars.months_before(timezone.localtime(now), max(0, settings.CALENDAR_PAST_MONTHS))
        return self.events().filter(end__gte=since).order_by("start", "pk")

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        """This language's events as one subscribable iCalendar: upcoming ones and the recent past (see
        ``calendar_events``)."""
        language = self.locale.language_code
        with override(language):
            name = gettext("SMART · %(events)s") % {"events": self.title}
        events = self.calendar_events().select_related("locale")
        cal = calendars.calendar(events, name=name, language=language)
        return calendars.response(cal, f"smart-events-{language}.ics", attachment=False)

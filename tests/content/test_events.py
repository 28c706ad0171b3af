"""Events: index (upcoming/past, series, year), event pages in both languages, JSON-LD, iCalendar, registration."""

import datetime
import re

import extruct
import icalendar
from django import forms
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone
from django.utils.translation import override
from freezegun import freeze_time

from content.models import EventPage
from content.templatetags.smart_tags import phrases  # titles come as their phrases
from records.events.models import Registration
from tests.factories.pages import build_site
from tests.factories.publications import build_events
from tests.text import unwrap_words

REFERENCE = re.compile(r"SMEV-\d{4}-\d{6}")


def json_ld(html, type_name):
    items = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    found = [item for item in items if item.get("@type") == type_name]
    assert len(found) == 1, items
    return found[0]


def form_token(html):
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


class EventPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_events(build_site())

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    # -- index ------------------------------------------------------------------------------------------------------

    def test_agenda_sessions_must_fall_within_the_events_time(self):
        """An information session from 14:00 to 16:00 cannot show an agenda from 09:00 to 15:30: the page is
        refused with a translated message naming the sessions outside the event's time."""
        from django.core.exceptions import ValidationError

        event = EventPage.objects.get(pk=self.pages["event"].pk)
        event.full_clean()  # the factory's agenda (09:00-10:15) lies within the event (09:00-17:30)
        start = timezone.localtime(event.start)
        event.start = start.replace(hour=14, minute=0)
        event.end = start.replace(hour=16, minute=0)
        for language, expected in (("zh-hans", "议程超出活动时间"), ("en", "outside the event's time")):
            with override(language), self.assertRaises(ValidationError) as raised:
                event.full_clean()
            message = " ".join(raised.exception.message_dict["end"])
            self.assertIn(expected, message)
            self.assertIn("开幕致辞", message)
            self.assertIn("09:00–09:30", message)
        event.start = start.replace(hour=9, minute=0)
        event.end = start.replace(hour=10, minute=0)  # the keynote runs to 10:15
        with self.assertRaises(ValidationError) as raised:
            event.full_clean()
        self.assertIn("主旨报告", " ".join(raised.exception.message_dict["end"]))

    def test_index_separates_upcoming_and_past_in_both_languages(self):
        zh = self.get(self.pages["ev_index"].url)
        upcoming, past = zh.index('id="upcoming-heading"'), zh.index('id="past-heading"')
        self.assertTrue(
            upcoming < zh.index(phrases("类器官前沿论坛")) < past < zh.index(phrases("SMART Symposia 第一期"))
        )
        self.assertIn('id="past-2023"', zh)
        en = self.get(self.pages["ev_index_en"].url)
        self.assertTrue(
            en.index("Frontiers of organoids") < en.index('id="past-heading"') < en.index("SMART Symposium No. 1")
        )
        self.assertIn("SMART Symposia", en)
        self.assertIn('type="text/calendar"', en)
        self.assertIn('href="webcal://testserver/en/events/calendar/"', en)

    def test_index_filters_by_series_and_year(self):
        only_2023 = self.get(self.pages["ev_index_en"].url + "?year=2023")
        self.assertIn("SMART Symposium No. 1", only_2023)
        self.assertNotIn("Frontiers of organoids", only_2023)
        self.assertIn("No upcoming events at the moment.", only_2023)
        series = self.get(self.pages["ev_index_en"].url + "?series=smart-symposia")
        self.assertIn("Frontiers of organoids", series)
        self.assertIn("SMART Symposium No. 1", series)
        unknown = self.get(self.pages["ev_index_en"].url + "?series=nope&year=abc")
        self.assertIn("Some of the filters you chose do not exist", unknown)

    # -- page ------------------------------------------------------------------------------------------------------

    def test_event_page_in_both_languages(self):
        event = self.pages["event"]
        local_start = timezone.localtime(event.start)
        zh = self.get(event.url)
        self.assertIn(f"<h1>{phrases('类器官前沿论坛')}</h1>", zh)
        self.assertIn(f"{local_start.year}年{local_start.month}月{local_start.day}日 09:00", zh)
        self.assertIn("张明远", zh)
        self.assertIn("主旨报告", zh)
        # Agenda sessions in time order.
        self.assertLess(unwrap_words(zh).index("开幕致辞"), unwrap_words(zh).index("主旨报告</strong>"))
        self.assertIn("https://uri.amap.com/marker?position=113.934100%2C22.758900", zh)
        self.assertNotIn("google", zh.lower())
        self.assertIn(f'href="{event.url}ics/"', zh)
        self.assertIn('name="form_token"', zh)
        en = self.get(self.pages["event_en"].url)
        self.assertIn("<h1>Frontiers of organoids</h1>", en)
        self.assertIn(f"{local_start.day} {local_start:%B} {local_start.year}, 09:00", en)
        self.assertIn("Mingyuan Zhang", en)
        self.assertIn("Professor (sample), Sample University", en)
        self.assertIn("Beijing time (UTC+8)", en)
        self.assertIn("2 places left.", en)

    def test_json_ld_event_field_by_field(self):
        event = self.pages["event_en"]
        data = json_ld(self.get(event.url), "Event")
        start = timezone.localtime(event.start)
        self.assertEqual(data["name"], "Frontiers of organoids")
        self.assertEqual(data["startDate"], start.isoformat())
        self.assertTrue(data["startDate"].endswith("+08:00"))
        self.assertEqual(data["endDate"], timezone.localtime(event.end).isoformat())
        self.assertEqual(data["eventStatus"], "https://schema.org/EventScheduled")
        self.assertEqual(data["eventAttendanceMode"], "https://schema.org/MixedEventAttendanceMode")
        place, virtual = data["location"]
        self.assertEqual(place["@type"], "Place")
        self.assertEqual(place["name"], "Guangming Science City Conference Centre (sample)")
        self.assertEqual(place["address"]["streetAddress"], "1 Sample Road, Guangming District, Shenzhen")
        self.assertEqual(place["address"]["addressCountry"], "CN")
        self.assertEqual(place["geo"], {"@type": "GeoCoordinates", "latitude": "22.7589", "longitude": "113.9341"})
        self.assertEqual(virtual, {"@type": "VirtualLocation", "url": "https://live.example.org/organoids"})
        self.assertEqual(data["organizer"]["@type"], "Organization")
        self.assertEqual(data["organizer"]["url"], "http://testserver/en/")
        self.assertEqual([performer["name"] for performer in data["performer"]], ["Mingyuan Zhang", "Siyuan Li"])
        self.assertEqual(data["performer"][0]["affiliation"]["name"], "Sample University")
        self.assertEqual(data["superEvent"], {"@type": "EventSeries", "name": "SMART Symposia"})
        self.assertEqual(data["inLanguage"], ["zh-Hans", "en"])
        offer = data["offers"]
        self.assertEqual(offer["@type"], "Offer")
        self.assertEqual(offer["price"], "0")
        self.assertEqual(offer["priceCurrency"], "CNY")
        self.assertEqual(offer["availability"], "https://schema.org/InStock")
        self.assertEqual(offer["validThrough"], timezone.localtime(event.registration_deadline).isoformat())
        self.assertEqual(offer["url"], f"http://testserver{event.url}#registration")
        self.assertTrue(data["isAccessibleForFree"])
        zh = json_ld(self.get(self.pages["event"].url), "Event")
        self.assertEqual(zh["name"], "类器官前沿论坛")
        self.assertEqual(zh["performer"][0]["name"], "张明远")
        self.assertEqual(zh["superEvent"]["name"], "SMART Symposia 系列论坛")
        past = json_ld(self.get(self.pages["past_event_en"].url), "Event")
        self.assertNotIn("offers", past)  # no registration
        self.assertEqual(past["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode")

    def test_cancelled_event(self):
        event = EventPage.objects.get(pk=self.pages["event_en"].pk)
        event.status = "cancelled"
        event.save_revision().publish()
        html = self.get(event.url)
        self.assertEqual(json_ld(html, "Event")["eventStatus"], "https://schema.org/EventCancelled")
        self.assertNotIn('name="form_token"', html)
        cal = icalendar.Calendar.from_ical(self.client.get(event.url + "ics/").content)
        self.assertEqual(str(cal.walk("VEVENT")[0]["STATUS"]), "CANCELLED")

    # -- iCalendar -----------------------------------------------------------------------------------------------

    def test_event_ics_is_valid_and_stable(self):
        event, event_en = self.pages["event"], self.pages["event_en"]
        response = self.client.get(event.url + "ics/")
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        self.assertIn("attachment;", response["Content-Disposition"])
        raw = response.content.decode()
        self.assertTrue(raw.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertTrue(all(len(line.encode()) <= 75 for line in raw.split("\r\n")))  # folded lines
        self.assertIn(r"关于类器官的论坛\; 含逗号\, 与分号", raw.replace("\r\n ", ""))  # escaped text
        cal = icalendar.Calendar.from_ical(response.content)
        self.assertEqual(str(cal["VERSION"]), "2.0")
        self.assertTrue(str(cal["PRODID"]))
        self.assertEqual([tz["TZID"] for tz in cal.walk("VTIMEZONE")], ["Asia/Shanghai"])
        (vevent,) = cal.walk("VEVENT")
        self.assertEqual(str(vevent["UID"]), f"{event.translation_key}-zh-hans@testserver")
        self.assertEqual(vevent["DTSTART"].params["TZID"], "Asia/Shanghai")
        self.assertEqual(vevent.decoded("DTSTART"), event.start)
        self.assertEqual(vevent.decoded("DTEND"), event.end)
        self.assertEqual(vevent.decoded("DTSTAMP").utcoffset(), datetime.timedelta(0))
        self.assertIn("DTSTAMP:", raw)
        self.assertTrue(raw.split("DTSTAMP:")[1].split("\r\n")[0].endswith("Z"))
        self.assertEqual(str(vevent["SUMMARY"]), "类器官前沿论坛")
        self.assertEqual(str(vevent["DESCRIPTION"]).split("\n\n")[0], "关于类器官的论坛; 含逗号, 与分号")
        self.assertEqual(str(vevent["LOCATION"]), "光明科学城会议中心（示例）, 深圳市光明区示例路1号")
        self.assertEqual((vevent["GEO"].latitude, vevent["GEO"].longitude), (22.7589, 113.9341))
        self.assertEqual(str(vevent["URL"]), f"http://testserver{event.url}")
        # Stable: the same UID on a second download; the English page has its own.
        again = icalendar.Calendar.from_ical(self.client.get(event.url + "ics/").content).walk("VEVENT")[0]
        self.assertEqual(str(again["UID"]), str(vevent["UID"]))
        en = icalendar.Calendar.from_ical(self.client.get(event_en.url + "ics/").content).walk("VEVENT")[0]
        self.assertEqual(str(en["UID"]), f"{event.translation_key}-en@testserver")
        self.assertEqual(str(en["SUMMARY"]), "Frontiers of organoids")

    def test_an_online_event_names_its_link_in_the_page_language(self):
        for key, label in (
            ("event", "线上参会：https://meet.example.org/organoids"),
            ("event_en", "Online: https://meet.example.org/organoids"),
        ):
            event = EventPage.objects.get(pk=self.pages[key].pk)
            event.online_url = "https://meet.example.org/organoids"
            event.save_revision().publish()
            vevent = icalendar.Calendar.from_ical(self.client.get(event.url + "ics/").content).walk("VEVENT")[0]
            self.assertEqual(str(vevent["DESCRIPTION"]).split("\n\n")[1], label)

    def test_subscribable_calendar_of_upcoming_events_per_language(self):
        response = self.client.get(self.pages["ev_index_en"].url + "calendar/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        cal = icalendar.Calendar.from_ical(response.content)
        summaries = [str(item["SUMMARY"]) for item in cal.walk("VEVENT")]
        self.assertEqual(summaries, ["Frontiers of organoids"])  # the past symposium is not in it
        self.assertEqual(str(cal["X-WR-CALNAME"]), f"SMART · {self.pages['ev_index_en'].title}")
        self.assertEqual(cal["REFRESH-INTERVAL"].params["VALUE"], "DURATION")
        zh = icalendar.Calendar.from_ical(self.client.get(self.pages["ev_index"].url + "calendar/").content)
        self.assertEqual([str(item["SUMMARY"]) for item in zh.walk("VEVENT")], ["类器官前沿论坛"])
        self.assertEqual(len(zh.walk("VTIMEZONE")), 1)
        self.assertEqual(str(zh["X-WR-CALNAME"]), f"深圳医学科学院 · {self.pages['ev_index'].title}")

    def test_calendar_subscription_keeps_past_events_for_the_set_period(self):
        """A subscribed calendar keeps the events of the past CALENDAR_PAST_MONTHS months (default 12): a
        calendar app drops from its copy what the feed stops listing, so events attended must stay a while."""
        index = self.pages["ev_index_en"]
        now = timezone.now()
        recent = EventPage(
            title="Recent seminar",
            slug="recent-seminar",
            start=now - datetime.timedelta(days=60),
            end=now - datetime.timedelta(days=60) + datetime.timedelta(hours=2),
            registration="none",
        )
        index.add_child(instance=recent)
        recent.save_revision().publish()
        old = EventPage(
            title="Old seminar",
            slug="old-seminar",
            start=now - datetime.timedelta(days=400),
            end=now - datetime.timedelta(days=400) + datetime.timedelta(hours=2),
            registration="none",
        )
        index.add_child(instance=old)
        old.save_revision().publish()

        def summaries():
            cal = icalendar.Calendar.from_ical(self.client.get(index.url + "calendar/").content)
            return sorted(str(item["SUMMARY"]) for item in cal.walk("VEVENT"))

        self.assertEqual(summaries(), ["Frontiers of organoids", "Recent seminar"])
        with self.settings(CALENDAR_PAST_MONTHS=24):
            self.assertEqual(summaries(), ["Frontiers of organoids", "Old seminar", "Recent seminar"])
        with self.settings(CALENDAR_PAST_MONTHS=0):
            self.assertEqual(summaries(), ["Frontiers of organoids"])


class RegistrationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_events(build_site())

    def data(self, html, **extra):
        values = {
            "form_token": form_token(html),
            "name": "王小明",
            "email": "wang@example.org",
            "phone": "+86 755 1234 5678",
            "organisation": "示例大学",
            "position": "博士研究生",
            "attendance": "in_person",
            "notes": "",
            "consent": "on",
            "website": "",
        }
        values.update(extra)
        return values

    def register(self, key="event", client=None, **extra):
        client = client or self.client
        url = self.pages[key].url
        html = client.get(url).content.decode()
        return client.post(url, self.data(html, **extra))

    def test_valid_registration_confirms_with_a_reference_and_an_email_in_the_visitors_language(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.register("event_en", email="reader@example.org", name="Mary Reader")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], self.pages["event_en"].url + "?registered=1")
        page = self.client.get(response["Location"]).content.decode()
        registration = Registration.objects.get()
        self.assertRegex(registration.reference, REFERENCE)
        self.assertIn(registration.reference, page)
        self.assertIn("Your place at Frontiers of organoids is confirmed.", page)
        self.assertEqual(registration.status, Registration.Status.CONFIRMED)
        self.assertEqual(registration.event_key, str(self.pages["event"].translation_key))
        self.assertEqual(registration.event_page_id, self.pages["event_en"].pk)
        self.assertEqual(registration.event_url, f"http://testserver{self.pages['event_en'].url}")
        self.assertEqual(registration.language, "en")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["reader@example.org"])
        self.assertIn(registration.reference, mail.outbox[0].subject)
        self.assertIn("Dear Mary Reader", mail.outbox[0].body)
        # The confirmation is for this visitor only: another client is sent back to the page.
        self.assertEqual(Client().get(response["Location"]).status_code, 302)

    def test_invalid_input_is_refused_with_errors_in_the_visitors_language(self):
        response = self.register("event", name="", email="not-an-email", consent="")
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        with override("zh-hans"):
            required = str(forms.Field.default_error_messages["required"])
        self.assertNotEqual(required, "This field is required.")
        self.assertIn(f'<p class="form-error" id="id_name_error_1">{required}</p>', html)
        self.assertIn("form-errors", html)
        self.assertFalse(Registration.objects.exists())
        en = self.register("event_en", email="not-an-email").content.decode()
        self.assertIn("Enter a valid email address.", en)

    def test_hostile_input(self):
        response = self.register("event_en", name="<script>alert(1)</script>", organisation="<script>alert(2)</script>")
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("Names cannot contain the characters", html)
        self.assertNotIn("<script>alert(", html)
        self.assertIn("&lt;script&gt;alert(2)&lt;/script&gt;", html)  # kept in the form, escaped
        self.assertFalse(Registration.objects.exists())
        long_text = self.register("event_en", organisation="x" * 5000)
        self.assertEqual(long_text.status_code, 400)
        honeypot = self.register("event_en", website="http://spam.example")
        self.assertEqual(honeypot.status_code, 400)
        forged = self.register("event_en", form_token="forged")
        self.assertIn("This form has expired", forged.content.decode())
        control = self.register("event_en", organisation="Evil\x00Corp")
        self.assertEqual(control.status_code, 400)
        self.assertFalse(Registration.objects.exists())

    def test_double_submit_creates_one_registration(self):
        url = self.pages["event"].url
        data = self.data(self.client.get(url).content.decode())
        first = self.client.post(url, data)
        second = self.client.post(url, data)
        self.assertEqual(first.status_code, 302)
        self.assertEqual(second.status_code, 302)
        self.assertEqual(Registration.objects.count(), 1)
        reference = Registration.objects.get().reference
        self.assertIn(reference, self.client.get(second["Location"]).content.decode())

    def test_csrf_is_enforced(self):
        client = Client(enforce_csrf_checks=True)
        url = self.pages["event"].url
        html = client.get(url).content.decode()
        refused = client.post(url, self.data(html))
        self.assertEqual(refused.status_code, 403)
        self.assertFalse(Registration.objects.exists())
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        accepted = client.post(url, {**self.data(html), "csrfmiddlewaretoken": csrf})
        self.assertEqual(accepted.status_code, 302)
        self.assertEqual(Registration.objects.count(), 1)

    def test_capacity_then_waiting_list_shared_by_both_languages(self):
        self.assertEqual(self.register("event", email="a@example.org").status_code, 302)
        self.assertEqual(self.register("event_en", email="b@example.org").status_code, 302)
        html = self.client.get(self.pages["event"].url).content.decode()
        self.assertIn("名额已满", html)  # "Fully booked"
        self.assertIn("加入候补名单", html)  # "Join the waiting list"
        self.assertIn("https://schema.org/SoldOut", html)
        self.assertEqual(self.register("event_en", email="c@example.org").status_code, 302)
        statuses = list(Registration.objects.order_by("pk").values_list("email", "status"))
        self.assertEqual(
            statuses,
            [("a@example.org", "confirmed"), ("b@example.org", "confirmed"), ("c@example.org", "waitlisted")],
        )
        confirmation = self.client.get(self.pages["event_en"].url + "?registered=1").content.decode()
        self.assertIn("you are on the waiting list", confirmation)

    def test_full_event_without_waiting_list_has_no_form_and_refuses_posts(self):
        event = EventPage.objects.get(pk=self.pages["event"].pk)
        event.capacity = 1
        event.waiting_list = False
        event.save_revision().publish()
        earlier = self.client.get(event.url).content.decode()  # a form loaded while a place was left
        self.register("event", email="a@example.org")
        html = self.client.get(event.url).content.decode()
        self.assertNotIn('name="form_token"', html)
        response = self.client.post(event.url, self.data(earlier, email="b@example.org"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Registration.objects.count(), 1)

    def test_duplicate_email_is_refused(self):
        self.assertEqual(self.register("event", email="same@example.org").status_code, 302)
        response = self.register("event_en", email="SAME@example.org")
        self.assertEqual(response.status_code, 400)
        self.assertIn("already registered for this event", response.content.decode())
        self.assertEqual(Registration.objects.count(), 1)

    def test_after_the_deadline_the_form_is_gone(self):
        event = EventPage.objects.get(pk=self.pages["event"].pk)
        html = self.client.get(event.url).content.decode()
        data = self.data(html)
        event.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
        event.save_revision().publish()
        page = self.client.get(event.url).content.decode()
        self.assertIn("报名已截止", page)  # "Registration closed"
        self.assertNotIn('name="form_token"', page)
        self.assertEqual(self.client.post(event.url, data).status_code, 403)
        self.assertFalse(Registration.objects.exists())

    def test_without_a_deadline_registration_closes_when_the_event_starts(self):
        event = EventPage.objects.get(pk=self.pages["event"].pk)
        event.registration_deadline = None
        event.save_revision().publish()
        with freeze_time(event.start - datetime.timedelta(minutes=1)):
            self.assertIn('name="form_token"', self.client.get(event.url).content.decode())
        with freeze_time(event.start + datetime.timedelta(hours=1)):
            html = self.client.get(event.url).content.decode()
            self.assertNotIn('name="form_token"', html)
            self.assertIn("报名已截止", html)  # "Registration closed"

    def test_past_event_without_registration_has_no_form(self):
        html = self.client.get(self.pages["past_event"].url).content.decode()
        self.assertNotIn('name="form_token"', html)
        self.assertEqual(self.client.post(self.pages["past_event"].url, {"name": "x"}).status_code, 403)

    # -- the registrations back office behind the form ------------------------------------------------------------

    def test_the_confirmation_email_carries_the_pages_ics_in_the_visitors_language(self):
        for key, email, language in (("event", "zh@example.org", "zh-hans"), ("event_en", "en@example.org", "en")):
            with self.captureOnCommitCallbacks(execute=True):
                self.assertEqual(self.register(key, email=email).status_code, 302)
            message = mail.outbox[-1]
            (name, content, mimetype) = message.attachments[0]
            self.assertEqual((name, mimetype), (f"smart-event-{self.pages[key].pk}.ics", "text/calendar"))
            (attached,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
            page_ics = self.client.get(self.pages[key].url + "ics/").content
            (published,) = icalendar.Calendar.from_ical(page_ics).walk("VEVENT")
            self.assertEqual(str(attached["UID"]), str(published["UID"]))  # calendars update, not duplicate
            self.assertEqual(str(attached["SUMMARY"]), self.pages[key].title)
            self.assertEqual(attached.decoded("DTSTART"), self.pages[key].start)
            self.assertIn(f"/{language}/registrations/cancel/", message.body)
        self.assertIn("报名确认", mail.outbox[0].subject)
        self.assertIn("Registration confirmed", mail.outbox[1].subject)

    def test_a_larger_capacity_published_on_the_page_moves_the_waiting_list_up(self):
        for email in ("a@example.org", "b@example.org", "c@example.org", "d@example.org"):
            self.register("event", email=email)
        event = EventPage.objects.get(pk=self.pages["event"].pk)
        event.capacity = 3
        with self.captureOnCommitCallbacks(execute=True):
            event.save_revision().publish()
        statuses = dict(Registration.objects.values_list("email", "status"))
        self.assertEqual(statuses["c@example.org"], "confirmed")
        self.assertEqual(statuses["d@example.org"], "waitlisted")
        self.assertEqual([m.to for m in mail.outbox], [["c@example.org"]])
        self.assertIn("您已获得名额", mail.outbox[0].subject)  # "You have a place", in the language used
        self.assertEqual(mail.outbox[0].attachments[0][2], "text/calendar")

    def test_a_capacity_changed_by_events_staff_is_what_the_page_shows_and_enforces(self):
        from records.events.services import set_capacity
        from tests.factories.events import events_staff

        self.register("event", email="a@example.org")
        self.register("event", email="b@example.org")
        self.assertIn("名额已满", self.client.get(self.pages["event"].url).content.decode())  # "Fully booked"
        set_capacity(self.pages["event"].translation_key, 3, user=events_staff())
        html = self.client.get(self.pages["event"].url).content.decode()
        self.assertNotIn("名额已满", html)
        self.assertEqual(self.register("event_en", email="c@example.org").status_code, 302)
        self.assertEqual(Registration.objects.get(email="c@example.org").status, "confirmed")
        self.assertIn("名额已满", self.client.get(self.pages["event"].url).content.decode())


def test_deadlines_at_the_end_of_a_day_read_as_dates():
    from django.template import Context, Template

    template = Template("{% load smart_tags %}{{ value|deadline }}")
    tz = timezone.get_default_timezone()
    for language, end_of_day, timed in (
        ("zh-hans", "2027年1月5日", "2027年1月5日 17:00"),
        ("en", "5 January 2027", "5 January 2027, 17:00"),
    ):
        with override(language):
            for moment in (datetime.datetime(2027, 1, 5, 23, 59, 59), datetime.datetime(2027, 1, 5, 0, 0)):
                assert template.render(Context({"value": moment.replace(tzinfo=tz)})) == end_of_day
            assert template.render(Context({"value": datetime.datetime(2027, 1, 5, 17, 0, tzinfo=tz)})) == timed

"""Demo events: the five SMART Symposia of 2023 and two upcoming events, in both languages.

The seeds say that SMART held 5 SMART Symposia in 2023 at Guangming Science City, with more than 100
academicians and leading experts (several Nobel laureates among them). They give no dates, themes or
speakers, so every symposium page says plainly that its date, agenda and speakers are samples, and every
speaker is a fictional person marked as a sample. The two upcoming events are dated relative to the day
the demo is first loaded. Idempotent: events by slug under the index.
"""

import datetime

from django.utils import timezone

from content.models import EventIndexPage, EventPage, EventSpeaker

from .datafiles import read
from .indexing import deferred_indexing
from .people import artwork, ensure_index, ensure_people, ensure_series

SLUG = "events"
_DATA = read("events", facts=True)
VENUE = {lang: (venue["name"], venue["address"]) for lang, venue in _DATA["venue"].items()}
SAMPLE_NOTE = _DATA["sample_note"]

INDEX = _DATA["index"]

# (slug, sample date, sample theme zh, sample theme en, speaker keys)
SYMPOSIA_2023 = [
    (row["slug"], datetime.date.fromisoformat(row["date"]), row["theme_zh"], row["theme_en"], row["speakers"])
    for row in _DATA["symposia_2023"]
]
ORDINALS_ZH = _DATA["ordinals_zh"]


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_default_timezone())


def _time(text):
    return datetime.time.fromisoformat(text)


def _agenda(start, end, lang, theme, speakers):
    """Sample sessions within the event's time: for a day's symposium an opening, two talks and a panel; for a
    shorter event a welcome, a talk and questions. A session's speakers are a slice [from, to] of the event's."""
    day = start.date()
    if end - start < datetime.timedelta(hours=7):
        rows = [
            (
                f"{start + datetime.timedelta(minutes=row['from']):%H:%M}",
                f"{end if row['to'] is None else start + datetime.timedelta(minutes=row['to']):%H:%M}",
                row,
            )
            for row in _DATA["agenda_short"][lang]
        ]
    else:
        rows = [(row["start"], row["end"], row) for row in _DATA["agenda_day"][lang]]
    return [
        {
            "type": "session",
            "value": {
                "day": day.isoformat(),
                "start": session_start,
                "end": session_end,
                "title": row["title"].format(theme=theme),
                "speakers": [person.pk for person in speakers[slice(*row["speakers"])]],
                "room": row["room"],
                "description": "",
            },
        }
        for session_start, session_end, row in rows
    ]


def _intro(text, lang):
    return f"{text} {SAMPLE_NOTE[lang]}" if lang == "en" else text + SAMPLE_NOTE[lang]


def _specs(today):
    """Every demo event as a dict of its fields per language."""
    specs = []
    texts = _DATA["symposium_2023"]
    for number, (slug, day, theme_zh, theme_en, speakers) in enumerate(SYMPOSIA_2023, start=1):
        values = {"number": number, "ordinal": ORDINALS_ZH[number - 1]}
        specs.append(
            {
                "slug": slug,
                "series": "smart-symposia",
                "start": _at(day, 9),
                "end": _at(day, 17, 30),
                "speakers": speakers,
                "registration": "none",
                **{
                    lang: {
                        "title": texts[lang]["title"].format(**values),
                        "intro": _intro(texts[lang]["intro"].format(**values, theme=theme), lang),
                        "theme": theme,
                    }
                    for lang, theme in (("zh", theme_zh), ("en", theme_en))
                },
            }
        )
    for row in _DATA["upcoming"]:
        day = today + datetime.timedelta(days=row["in_days"])
        start, end = _time(row["start"]), _time(row["end"])
        spec = {
            "slug": row["slug"],
            "series": row["series"],
            "start": _at(day, start.hour, start.minute),
            "end": _at(day, end.hour, end.minute),
            "speakers": row["speakers"],
            "registration": row["registration"],
            "capacity": row["capacity"],
        }
        if "deadline" in row:
            at = _time(row["deadline"]["at"])
            spec["deadline"] = _at(day - datetime.timedelta(days=row["deadline"]["days_before"]), at.hour, at.minute)
        if "online_url" in row:
            spec["online_url"] = row["online_url"]
        if "coordinates" in row:
            spec["coordinates"] = tuple(row["coordinates"])
        for lang in ("zh", "en"):
            text = row[lang]
            spec[lang] = {
                "title": text["title"],
                "intro": _intro(text["intro"], lang),
                "theme": text["theme"],
                "venue": (text["venue"]["name"], text["venue"]["address"]),
            }
        specs.append(spec)
    return specs


def _fields(spec, lang, people):
    text = spec[lang]
    venue, address = text.get("venue", VENUE[lang])
    speakers = [people[key][0 if lang == "zh" else 1] for key in spec["speakers"]]
    return {
        "title": text["title"],
        "intro": text["intro"],
        "listing_summary": text["intro"].split("。")[0] + "。" if lang == "zh" else text["intro"].split(". ")[0] + ".",
        "listing_image_alt": _DATA["listing_image_alt"][lang],
        "venue_name": venue,
        "venue_address": address,
        "agenda_note": SAMPLE_NOTE[lang],
        "agenda": _agenda(
            timezone.localtime(spec["start"]), timezone.localtime(spec["end"]), lang, text["theme"], speakers
        ),
    }


def _ensure_event(spec, index_zh, index_en, people, series):
    created = 0
    event_zh = EventPage.objects.child_of(index_zh).filter(slug=spec["slug"]).first()
    if event_zh is None:
        latitude, longitude = spec.get("coordinates", (None, None))
        event_zh = EventPage(
            slug=spec["slug"],
            series=series[spec["series"]][0],
            start=spec["start"],
            end=spec["end"],
            latitude=latitude,
            longitude=longitude,
            online_url=spec.get("online_url", ""),
            registration=spec["registration"],
            capacity=spec.get("capacity"),
            registration_deadline=spec.get("deadline"),
            listing_image=artwork("symposia"),
            **_fields(spec, "zh", people),
        )
        index_zh.add_child(instance=event_zh)
        for order, key in enumerate(spec["speakers"]):
            EventSpeaker.objects.create(
                page=event_zh,
                person=people[key][0],
                role=_DATA["keynote_role"]["zh"] if order == 0 else "",
                sort_order=order,
            )
        event_zh.save_revision().publish()
        event_zh = EventPage.objects.get(pk=event_zh.pk)
        created += 1
    if event_zh.get_translation_or_none(index_en.locale) is None:
        event_en = event_zh.copy_for_translation(index_en.locale, copy_parents=False, alias=False).specific
        for name, value in _fields(spec, "en", people).items():
            setattr(event_en, name, value)
        for speaker in event_en.speakers.all():
            if speaker.role:
                speaker.role = _DATA["keynote_role"]["en"]
                speaker.save(update_fields=["role"])
        event_en.save_revision().publish()
        created += 1
    return created


@deferred_indexing()
def load(homes, stdout=None):
    """Create the events demo (idempotent); return how many objects were created."""
    home_zh, home_en = homes["zh-hans"], homes["en"]
    people, created = ensure_people()
    series, n = ensure_series()
    created += n
    index_zh, index_en, n = ensure_index(EventIndexPage, SLUG, home_zh, home_en, INDEX["zh"], INDEX["en"])
    created += n
    specs = _specs(timezone.localdate())
    for spec in specs:
        created += _ensure_event(spec, index_zh, index_en, people, series)
    if stdout is not None:
        stdout.write(f"  events: {len(specs)} in 2 languages, {created} objects created\n")
    return created

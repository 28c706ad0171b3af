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


def _short_agenda(start, end, lang, speakers):
    """Sample sessions of an event of a few hours, within its time: welcome, a talk, questions and answers."""
    zh = lang == "zh"
    welcome, talk = start + datetime.timedelta(minutes=10), start + datetime.timedelta(minutes=70)
    room = "主会场" if zh else "Main hall"
    return [
        (f"{start:%H:%M}", f"{welcome:%H:%M}", "欢迎致辞（示例）" if zh else "Welcome (sample)", [], room),
        (f"{welcome:%H:%M}", f"{talk:%H:%M}", "项目介绍（示例）" if zh else "The programme (sample)", speakers, room),
        (f"{talk:%H:%M}", f"{end:%H:%M}", "问答交流（示例）" if zh else "Questions and answers (sample)", [], room),
    ]


def _agenda(start, end, lang, theme, speakers):
    """Sample sessions within the event's time: for a day's symposium an opening, two talks and a panel; for a
    shorter event a welcome, a talk and questions."""
    day = start.date()
    zh = lang == "zh"
    rows = [
        (
            "09:00",
            "09:20",
            "开幕致辞（示例）" if zh else "Opening remarks (sample)",
            [],
            "主会场" if zh else "Main hall",
        ),
        (
            "09:20",
            "10:20",
            f"主旨报告：{theme}（示例）" if zh else f"Keynote: {theme} (sample)",
            speakers[:1],
            "主会场" if zh else "Main hall",
        ),
        (
            "10:40",
            "11:40",
            "专题报告（示例）" if zh else "Invited talk (sample)",
            speakers[1:2],
            "主会场" if zh else "Main hall",
        ),
        (
            "14:00",
            "15:30",
            "圆桌讨论：青年科学家与前沿研究（示例）"
            if zh
            else "Panel: young scientists and frontier research (sample)",
            speakers,
            "报告厅B" if zh else "Lecture room B",
        ),
    ]
    if end - start < datetime.timedelta(hours=7):
        rows = _short_agenda(start, end, lang, speakers)
    return [
        {
            "type": "session",
            "value": {
                "day": day.isoformat(),
                "start": start,
                "end": end,
                "title": title,
                "speakers": [person.pk for person in people],
                "room": room,
                "description": "",
            },
        }
        for start, end, title, people, room in rows
    ]


def _specs(today):
    """Every demo event as a dict of its fields per language."""
    specs = []
    for number, (slug, day, theme_zh, theme_en, speakers) in enumerate(SYMPOSIA_2023, start=1):
        specs.append(
            {
                "slug": slug,
                "series": "smart-symposia",
                "start": _at(day, 9),
                "end": _at(day, 17, 30),
                "speakers": speakers,
                "registration": "none",
                "zh": {
                    "title": f"SMART Symposia 2023年第{ORDINALS_ZH[number - 1]}期",
                    "intro": f"2023年 SMART Symposia 系列论坛的第{ORDINALS_ZH[number - 1]}期，在深圳光明科学城举办。"
                    f"示例主题：{theme_zh}。{SAMPLE_NOTE['zh']}",
                    "theme": theme_zh,
                },
                "en": {
                    "title": f"SMART Symposia 2023, No. {number}",
                    "intro": f"Symposium No. {number} of the 2023 SMART Symposia, held at Guangming Science City. "
                    "Sample "
                    f"theme: {theme_en}. {SAMPLE_NOTE['en']}",
                    "theme": theme_en,
                },
            }
        )
    first = today + datetime.timedelta(days=45)
    specs.append(
        {
            "slug": "upcoming-smart-symposium",
            "series": "smart-symposia",
            "start": _at(first, 9),
            "end": _at(first, 17, 30),
            "speakers": ["harper", "lin", "zhou"],
            "registration": "open",
            "capacity": 300,
            "deadline": _at(first - datetime.timedelta(days=3), 18),
            "online_url": "https://live.example.org/smart-symposia",
            "coordinates": ("22.748900", "113.935700"),
            "zh": {
                "title": "SMART Symposia：类器官与疾病模型（示例）",
                "intro": "即将举办的一期 SMART Symposia（示例活动）。欢迎报名现场或线上参加。" + SAMPLE_NOTE["zh"],
                "theme": "类器官与疾病模型",
                "venue": ("光明科学城示例会场", "广东省深圳市光明区（示例地址）"),
            },
            "en": {
                "title": "SMART Symposia: organoids and disease models (sample)",
                "intro": "An upcoming SMART Symposium (a sample event). Register to attend in person or online. "
                + SAMPLE_NOTE["en"],
                "theme": "Organoids and disease models",
                "venue": ("Sample venue, Guangming Science City", "Guangming District, Shenzhen (sample address)"),
            },
        }
    )
    second = today + datetime.timedelta(days=75)
    specs.append(
        {
            "slug": "smart-program-information-session",
            "series": "information-sessions",
            "start": _at(second, 14),
            "end": _at(second, 16),
            "speakers": ["xu"],
            "registration": "not_open",
            "capacity": 120,
            "zh": {
                "title": "SMART Program 博士研究生项目宣讲会（示例）",
                "intro": "介绍深圳医科院与清华大学、西湖大学合作培养博士研究生的 SMART Program（示例活动）。"
                "报名尚未开放。" + SAMPLE_NOTE["zh"],
                "theme": "SMART Program",
                "venue": ("深圳医学科学院（示例会场）", "广东省深圳市光明区（示例地址）"),
            },
            "en": {
                "title": "SMART Program information session (sample)",
                "intro": "An introduction to the SMART Program, SMART's joint PhD programme with Tsinghua University "
                "and "
                "Westlake University (a sample event). Registration is not open yet. " + SAMPLE_NOTE["en"],
                "theme": "SMART Program",
                "venue": ("SMART (sample venue)", "Guangming District, Shenzhen (sample address)"),
            },
        }
    )
    return specs


def _fields(spec, lang, people):
    text = spec[lang]
    venue, address = text.get("venue", VENUE[lang])
    speakers = [people[key][0 if lang == "zh" else 1] for key in spec["speakers"]]
    return {
        "title": text["title"],
        "intro": text["intro"],
        "listing_summary": text["intro"].split("。")[0] + "。" if lang == "zh" else text["intro"].split(". ")[0] + ".",
        "listing_image_alt": "围绕中心的同心圆抽象示意图"
        if lang == "zh"
        else "Abstract illustration of concentric circles",
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
                page=event_zh, person=people[key][0], role="主旨报告人（示例）" if order == 0 else "", sort_order=order
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
                speaker.role = "Keynote speaker (sample)"
                speaker.save(update_fields=["role"])
        event_en.save_revision().publish()
        created += 1
    return created


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

"""Demo registrations for the events that take registrations: each one filled to its capacity, with a
waiting list, and a few cancellations whose places went to the waiting list (as the services would have
done it, with the same audit trail).

Everything is visibly sample data: names are marked 示例 / "Sample", addresses are on example.org, the
organisations are fictional. No email is sent. Idempotent: an event that already has registrations is
left as it is. The event pages hand over their ``EventInfo`` (``records`` never imports pages). The word lists
are in ``demo/data/registrations.json``.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from records.audit import APPLICANT, SYSTEM, AuditEntry, build_entry
from records.events.models import Registration
from records.events.services import REFERENCE_PREFIX, sync_event
from records.references import next_reference

from .datafiles import read

Status = Registration.Status
_DATA = read("registrations")
SURNAMES = _DATA["surnames"]
GIVEN = _DATA["given_names"]
FIRST_NAMES = _DATA["first_names"]
ORGANISATIONS = _DATA["organisations"]
POSITIONS = _DATA["positions"]


def _person(rng, number, language):
    if language == "zh-hans":
        return _DATA["name"]["zh-hans"].format(surname=rng.choice(SURNAMES), given=rng.choice(GIVEN))
    return _DATA["name"]["en"].format(first=rng.choice(FIRST_NAMES), number=number)


class EventFiller:
    """Registrations for one event (its language versions ``infos``), decided in submission order."""

    def __init__(self, infos, rng, now):
        self.infos = infos
        self.rng = rng
        self.now = now
        self.languages = sorted(infos, key=lambda code: code != "zh-hans")  # Chinese first: most visitors
        self.audit = []

    def registration(self, number, at, status):
        language = self.languages[0] if self.rng.random() < 0.7 or len(self.languages) == 1 else self.languages[1]
        info = self.infos[language]
        return Registration(
            reference=next_reference(REFERENCE_PREFIX, timezone.localtime(at).year),
            status=status,
            event_key=str(info.key),
            event_page_id=info.page_id,
            event_title=info.title[:255],
            event_url=info.url,
            event_start=info.starts_at,
            name=_person(self.rng, number, language),
            email=f"attendee-{number:04d}@example.org",
            phone="",
            organisation=self.rng.choice(ORGANISATIONS[language]),
            position=self.rng.choice(POSITIONS[language]),
            attendance=self.rng.choice(info.attendance_modes),
            notes="",
            language=language,
            consent_at=at,
            submitted_at=at,
        )

    def fill(self):
        """Return (confirmed, waitlisted, cancelled) counts after writing the event's registrations."""
        info = next(iter(self.infos.values()))
        capacity = info.capacity or 60
        waiting = max(5, capacity // 20) if info.waiting_list else 0
        cancellations = max(2, capacity // 40)
        total = capacity + waiting + cancellations
        opened = self.now - datetime.timedelta(days=20)
        step = (self.now - datetime.timedelta(hours=6) - opened) / total
        moments = [opened + step * n for n in range(total)]
        people = []
        for number, at in enumerate(moments, start=1):
            confirmed = sum(1 for p in people if p.status == Status.CONFIRMED)
            status = Status.CONFIRMED if confirmed < capacity else Status.WAITLISTED
            people.append(self.registration(number, at, status))
        Registration.objects.bulk_create(people)
        for person in people:
            self.audit.append(
                build_entry(person, "registered", actor_label=APPLICANT, to_state=person.status, at=person.submitted_at)
            )
        # Some of the confirmed cancel through their link, after everyone registered; the first waiting moves up.
        for at_offset, person in enumerate(self.rng.sample(people[:capacity], cancellations), start=1):
            at = moments[-1] + datetime.timedelta(minutes=30 * at_offset)
            self.move(person, Status.CANCELLED, at, APPLICANT, {"transition": "cancel"}, cancelled_at=at)
            first = next((p for p in people if p.status == Status.WAITLISTED), None)
            if first is not None:
                data = {"transition": "confirm", "cause": "cancellation", "freed_by": person.reference}
                self.move(first, Status.CONFIRMED, at, SYSTEM, data, promoted_at=at)
        for person in people:
            if person.status == Status.CANCELLED or person.promoted_at:
                person.save(update_fields=["status", "cancelled_at", "promoted_at"])
        AuditEntry.objects.bulk_create(self.audit)
        statuses = [p.status for p in people]
        return statuses.count(Status.CONFIRMED), statuses.count(Status.WAITLISTED), statuses.count(Status.CANCELLED)

    def move(self, person, target, at, actor, data, **stamps):
        entry = build_entry(
            person, "moved", actor_label=actor, from_state=person.status, to_state=target, data=data, at=at
        )
        self.audit.append(entry)
        person.status = target
        for name, value in stamps.items():
            setattr(person, name, value)


def generate(events, *, seed=2024, now=None, write=None):
    """Fill each event of ``events`` (a list of ``{language: EventInfo}``) that has no registrations yet.

    Returns a list of ``(title, confirmed, waitlisted, cancelled)`` for the events filled.
    """
    write = write or (lambda text: None)
    now = now or timezone.now()
    rng = random.Random(seed)
    filled = []
    for index, infos in enumerate(events, start=1):
        info = infos.get("zh-hans") or next(iter(infos.values()))
        if not info.registration_open:
            continue
        if Registration.objects.filter(event_key=str(info.key)).exists():
            write(f"[{index}] {info.title}: has registrations already, left as it is")
            continue
        with transaction.atomic():
            for language, language_info in infos.items():
                sync_event(language_info, language, now=now)
            confirmed, waitlisted, cancelled = EventFiller(infos, rng, now).fill()
        filled.append((info.title, confirmed, waitlisted, cancelled))
        write(f"[{index}] {info.title}: {confirmed} confirmed, {waitlisted} on the waiting list, {cancelled} cancelled")
    return filled

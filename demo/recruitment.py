"""Demo data for the recruitment back office, consistent with what the seeds state.

Stated as fact (SMART 2023 work report and 2024 plan): in 2023 SMART held four PI interview rounds and hired
seven full-time PIs; it has recruited three postdoctoral fellows, jointly with Shenzhen Bay Laboratory; in 2024
it plans to recruit 25 PIs; the SMART Program trains PhD students. Everything else is visibly sample data:
candidates are fictional (names marked 示例 / sample, e-mail addresses on example.org), as are the panel
members, dates, numbers of applicants and scores. The 2024 PI applications are in progress (no hire is
stated), with an upcoming round that has free slots, so HR staff can try scheduling. The word lists and texts
are in ``demo/data/recruitment.json``.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from records.audit import APPLICANT, AuditEntry, build_entry
from records.files import store_upload
from records.recruitment.models import Evaluation, Interview, InterviewRound, InterviewSlot, JobApplication, Status
from records.recruitment.roles import HR_STAFF, INTERVIEW_PANEL, ensure_groups
from records.recruitment.services.intake import REFERENCE_PREFIX
from records.references import next_reference
from records.uploads import PDF

from .datafiles import read

# Figures stated in the seeds.
PI_INTERVIEW_ROUNDS_2023 = 4
PIS_HIRED_2023 = 7
POSTDOCS_RECRUITED = 3
PIS_PLANNED_2024 = 25

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
HR_USERNAME = "hr-demo"
PANEL_USERNAMES = [f"panel-demo-{n}" for n in range(1, 6)]
_DATA = read("recruitment", facts=True)
ROUNDS = _DATA["rounds"]
# The first round's title: loading is skipped when it exists.
MARKER = ROUNDS["pi_2023"]["zh"].format(ordinal=ROUNDS["pi_2023"]["ordinals"][0][0])
SURNAMES = _DATA["surnames"]
GIVEN = _DATA["given_names"]
POSITIONS = _DATA["positions"]
INSTITUTIONS = _DATA["institutions"]
POSTINGS = {key: (posting["category"], posting["title"]) for key, posting in _DATA["postings"].items()}


def _at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def _sample_pdf(text):
    body = f"%PDF-1.4\n% SMART demo file: {text} (sample, fictional)\ntrailer<<>>\n%%EOF\n".encode()
    upload = SimpleUploadedFile("sample-cv.pdf", body, content_type="application/pdf")
    upload.checked_kind = PDF
    return upload


class Generator:
    def __init__(self, *, seed=2023, write=None, now=None, site_base_url="http://127.0.0.1:8000"):
        self.rng = random.Random(seed)
        self.write = write or (lambda text: None)
        self.now = now or timezone.now()
        self.base_url = site_base_url.rstrip("/")
        self.audit = []
        self.number = 0
        self.counts = {"applications": 0, "rounds": 0, "interviews": 0, "hires": 0, "evaluations": 0}

    # -- people ---------------------------------------------------------------------------------
    def users(self):
        ensure_groups()
        user_model = get_user_model()
        hr, created = user_model.objects.get_or_create(username=HR_USERNAME, defaults=_DATA["hr_user"])
        if created:
            hr.set_unusable_password()
            hr.save()
        hr.groups.add(Group.objects.get(name=HR_STAFF))
        panel = []
        for index, username in enumerate(PANEL_USERNAMES, start=1):
            member, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": _DATA["panel_user"]["first_name"].format(index=index),
                    "last_name": _DATA["panel_user"]["last_name"],
                    "email": f"{username}@example.org",
                },
            )
            if created:
                member.set_unusable_password()
                member.save()
            member.groups.add(Group.objects.get(name=INTERVIEW_PANEL))
            panel.append(member)
        self.hr, self.panel = hr, panel

    def _name(self):
        self.number += 1
        surname = SURNAMES[self.rng.randrange(len(SURNAMES))]
        return _DATA["candidate_name"].format(surname=surname, given=self.rng.choice(GIVEN)), self.number

    # -- records --------------------------------------------------------------------------------
    def application(self, posting, submitted_at, status, closed_at=None, offered_at=None, files=True):
        category, title = POSTINGS[posting]
        name, number = self._name()
        year = submitted_at.astimezone(SHANGHAI).year
        application = JobApplication.objects.create(
            reference=next_reference(REFERENCE_PREFIX, year),
            status=status,
            posting_page_id=0,
            posting_key=f"demo-{posting}",
            posting_title=title,
            posting_url=f"{self.base_url}/zh-hans/careers/",
            posting_category=category,
            name=name,
            email=f"candidate{number:04d}@example.org",
            phone=f"+86 755 0000 {number:04d}",
            current_position=self.rng.choice(POSITIONS),
            institution=self.rng.choice(INSTITUTIONS),
            highest_degree=_DATA["highest_degree"]["other" if category != "phd" else "phd"],
            language=self.rng.choice(["zh-hans", "zh-hans", "en"]),
            consent_at=submitted_at,
            submitted_at=submitted_at,
            offered_at=offered_at,
            closed_at=closed_at,
        )
        if files:
            application.cv = store_upload(_sample_pdf(f"CV {application.reference}"), role="cv", owner=application)
            application.save(update_fields=["cv"])
        self.audit.append(
            build_entry(application, "submitted", actor_label=APPLICANT, to_state=Status.RECEIVED, at=submitted_at)
        )
        self.counts["applications"] += 1
        if status == Status.HIRED:
            self.counts["hires"] += 1
        return application

    def log_path(self, application, path, start):
        """Audit entries for the moves from received along ``path``: screening and shortlisting a few days after
        ``start``, an offer and the closing move at the application's own ``offered_at`` and ``closed_at``."""
        previous, at = Status.RECEIVED, start
        for state in path:
            at += datetime.timedelta(days=self.rng.randint(3, 7))
            if state == Status.OFFER and application.offered_at:
                at = application.offered_at
            elif state in (Status.HIRED, Status.REJECTED, Status.WITHDRAWN) and application.closed_at:
                at = application.closed_at
            reason = ""
            if state == Status.REJECTED:
                reason = _DATA["reasons"]["rejected"]
            elif state == Status.WITHDRAWN:
                reason = _DATA["reasons"]["withdrawn"]
            self.audit.append(
                build_entry(
                    application, "moved", user=self.hr, from_state=previous, to_state=state, reason=reason, at=at
                )
            )
            previous = state
        return at

    def round(self, title, title_en, category, held_on, slots, panel_size=3):
        interview_round = InterviewRound.objects.create(
            title=title,
            title_en=title_en,
            category=category,
            held_on=held_on,
            **_DATA["round"],
        )
        interview_round.panel.add(*self.rng.sample(self.panel, panel_size))
        first = datetime.datetime.combine(held_on, datetime.time(9, 0), tzinfo=SHANGHAI)
        created = [
            InterviewSlot.objects.create(
                round=interview_round,
                starts_at=first + datetime.timedelta(minutes=40 * index + (60 if index >= 4 else 0)),
                ends_at=first + datetime.timedelta(minutes=40 * index + (60 if index >= 4 else 0) + 30),
            )
            for index in range(slots)
        ]
        self.counts["rounds"] += 1
        return interview_round, created

    def interview(self, application, interview_round, slot, evaluate=True):
        interview = Interview.objects.create(
            slot=slot,
            round=interview_round,
            application=application,
            scheduled_by=self.hr,
            scheduled_at=slot.starts_at - datetime.timedelta(days=14),
        )
        self.audit.append(
            build_entry(
                application,
                "interview_scheduled",
                user=self.hr,
                data={"round": interview_round.pk, "slot": slot.pk, "starts_at": slot.starts_at},
                at=interview.scheduled_at,
            )
        )
        self.counts["interviews"] += 1
        if evaluate:
            hired = application.status in (Status.HIRED, Status.OFFER)
            for member in interview_round.panel.all():
                score = self.rng.randint(8, 10) if hired else self.rng.randint(4, 8)
                Evaluation.objects.create(
                    interview=interview,
                    panel_member=member,
                    score=score,
                    comments=_DATA["comments"]["hired" if hired else "other"],
                    recorded_at=slot.ends_at,
                    updated_at=slot.ends_at,
                )
                self.counts["evaluations"] += 1
        return interview

    # -- the story ----------------------------------------------------------------------------
    def interviewed(self, posting, interview_round, slots, *, count, hires, submitted, decided):
        """``count`` candidates interviewed in ``interview_round``: the first ``hires`` hired a week after the offer
        on ``decided``, the others rejected then; ``submitted(index)`` gives each one's time of application."""
        for index in range(count):
            applied = submitted(index)
            if index < hires:
                closed, offered, state = decided + datetime.timedelta(days=7), decided, Status.HIRED
                path = [Status.SCREENING, Status.INTERVIEW, Status.OFFER, Status.HIRED]
            else:
                closed, offered, state = decided, None, Status.REJECTED
                path = [Status.SCREENING, Status.INTERVIEW, Status.REJECTED]
            application = self.application(posting, applied, state, closed_at=closed, offered_at=offered)
            self.interview(application, interview_round, slots[index])
            self.log_path(application, path, applied)

    def pi_2023(self):
        round_dates = [datetime.date(2023, 3, 16), datetime.date(2023, 6, 15), datetime.date(2023, 9, 14)]
        round_dates.append(datetime.date(2023, 11, 2))
        hires_per_round = [2, 2, 1, 2]
        assert len(round_dates) == PI_INTERVIEW_ROUNDS_2023 and sum(hires_per_round) == PIS_HIRED_2023
        titles = ROUNDS["pi_2023"]
        for held_on, hires, (ordinal, ordinal_en) in zip(round_dates, hires_per_round, titles["ordinals"], strict=True):
            interview_round, slots = self.round(
                titles["zh"].format(ordinal=ordinal),
                titles["en"].format(ordinal=ordinal_en),
                "pi",
                held_on,
                slots=8,
            )
            month_start = _at(held_on.year, held_on.month, 1)
            self.interviewed(
                "pi-2023",
                interview_round,
                slots,
                count=6,
                hires=hires,
                submitted=lambda _index, start=month_start: start - datetime.timedelta(days=self.rng.randint(30, 60)),
                decided=_at(held_on.year, held_on.month, held_on.day, 17) + datetime.timedelta(days=14),
            )
            for _ in range(9):  # not shortlisted
                applied = month_start - datetime.timedelta(days=self.rng.randint(30, 60))
                state = Status.WITHDRAWN if self.rng.random() < 0.15 else Status.REJECTED
                closed = applied + datetime.timedelta(days=self.rng.randint(10, 25))
                application = self.application("pi-2023", applied, state, closed_at=closed)
                self.log_path(application, [Status.SCREENING, state], applied)
        self.write(f"2023: {PI_INTERVIEW_ROUNDS_2023} PI interview rounds, {PIS_HIRED_2023} PIs hired")

    def postdocs(self):
        held_on = datetime.date(2023, 10, 19)
        interview_round, slots = self.round(
            ROUNDS["postdoc"]["zh"],
            ROUNDS["postdoc"]["en"],
            "postdoc",
            held_on,
            slots=6,
        )
        self.interviewed(
            "postdoc-szbl",
            interview_round,
            slots,
            count=5,
            hires=POSTDOCS_RECRUITED,
            submitted=lambda index: _at(2023, 8, 20) + datetime.timedelta(days=index),
            decided=_at(2023, 11, 2),
        )
        self.write(f"Postdocs with Shenzhen Bay Laboratory: {POSTDOCS_RECRUITED} recruited")

    def pi_2024(self):
        """2024 PI recruitment in progress (the plan is 25 PIs): applications at every open stage."""
        plan = [(Status.RECEIVED, 12), (Status.SCREENING, 10), (Status.INTERVIEW, 8), (Status.REJECTED, 6)]
        for state, count in plan:
            for _ in range(count):
                submitted = _at(2024, 3, 1) + datetime.timedelta(days=self.rng.randint(0, 200))
                closed = submitted + datetime.timedelta(days=20) if state == Status.REJECTED else None
                application = self.application("pi-2024", submitted, state, closed_at=closed)
                path = {
                    Status.RECEIVED: [],
                    Status.SCREENING: [Status.SCREENING],
                    Status.INTERVIEW: [Status.SCREENING, Status.INTERVIEW],
                    Status.REJECTED: [Status.SCREENING, Status.REJECTED],
                }[state]
                self.log_path(application, path, submitted)
        upcoming = timezone.localtime(self.now).date() + datetime.timedelta(days=21)
        self.round(ROUNDS["pi_2024_upcoming"]["zh"], ROUNDS["pi_2024_upcoming"]["en"], "pi", upcoming, slots=8)
        self.write(f"2024 PI recruitment in progress (plan: {PIS_PLANNED_2024} PIs); an upcoming round with free slots")

    def phd(self):
        for index in range(14):
            submitted = _at(2024, 10, 8) + datetime.timedelta(days=index * 3)
            state = Status.SCREENING if index % 3 == 0 else Status.RECEIVED
            application = self.application("phd-smart", submitted, state)
            self.log_path(application, [Status.SCREENING] if state == Status.SCREENING else [], submitted)
        self.write("SMART Program PhD applications received")

    def run(self):
        with transaction.atomic():
            self.users()
            self.pi_2023()
            self.postdocs()
            self.pi_2024()
            self.phd()
            AuditEntry.objects.bulk_create(self.audit, batch_size=500)
        return self.counts


def exists():
    return InterviewRound.objects.filter(title=MARKER).exists()

"""Demo data for the grants back office: the 2023 call as the 2023 work report gives its figures, and an
open 2024 call.

The figures stated in the seed (124 registered host institutions in two rounds; 2,711 applications
from 88 institutions; 2,648 accepted; 285 funded with CNY 195,996,000, all disbursed; 4 types in 11
categories; an expert pool of over 9,000) are reproduced exactly at scale 1. Everything else is
visibly sample data: institutions, people, titles and dates are fictional and marked 示例 / sample,
e-mail addresses are on example.org. Rows are written with ``bulk_create`` so that scale 10 (for
the benchmark) takes minutes, not hours. The word lists and texts are in ``demo/data/grants.json``.
"""

import datetime
import io
import random
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from records.audit import APPLICANT, AuditEntry, build_entry
from records.files import StoredFile, store_upload
from records.grants.models import (
    Application,
    ApplicationType,
    Assignment,
    Call,
    CallBudgetCap,
    Category,
    Criterion,
    Disbursement,
    ExpertiseField,
    Institution,
    InstitutionStatus,
    PanelMeeting,
    Programme,
    RegistrationRound,
    Review,
    Reviewer,
    Score,
    Status,
    TeamMember,
)
from records.grants.models.institutions import CREDIT_CODE_ALPHABET, credit_code_check_character
from records.grants.roles import GRANTS_OFFICE, REVIEWERS, ensure_groups
from records.grants.services.intake import INSTITUTION_PREFIX
from records.grants.services.review import weighted_total
from records.intake import IntakeToken
from records.notifications import Notification
from records.references import ReferenceCounter, format_reference, reserve_up_to
from records.uploads import PDF, XLSX

from .datafiles import read

# Figures stated in the seed (SMART 2023 work report).
REGISTERED_2023 = 124
APPLICATIONS_2023 = 2711
APPLYING_INSTITUTIONS_2023 = 88
ACCEPTED_2023 = 2648
FUNDED_2023 = 285
AWARDED_2023 = Decimal("195996000")
FIRST_YEAR_BUDGET = Decimal("200000000")
EXPERT_POOL = 9200  # "over 9,000" (9000 余位): the exact number is not stated, this one is sample

OPEN_CALL_CODE = "smrf-2024"  # the open call, which the demo's call page shows ({"call": code} in its data)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
STAFF_USERNAME = "grants-office-demo"

_DATA = read("grants")

EXPERTISE = [tuple(row) for row in _DATA["expertise"]]
# 4 application types (sample names and caps; the seed states only that there were 4).
TYPES = [(t["code"], t["zh"], t["en"], Decimal(t["cap"]), t["months"], t["share"]) for t in _DATA["types"]]
# 11 categories (sample names; the seed states only that there were 11), each with its fields.
CATEGORIES = [tuple(row) for row in _DATA["categories"]]
CRITERIA = [tuple(row) for row in _DATA["criteria"]]
SURNAMES = _DATA["surnames"]
GIVEN = _DATA["given"]
INSTITUTION_KINDS = [tuple(row) for row in _DATA["institution_kinds"]]
TOPICS = _DATA["topics"]
TOPIC_SUBJECTS = _DATA["topic_subjects"]
# The generator's own words: titles, names and reasons of the sample records ({...}: filled in by the generator).
TEXTS = _DATA["texts"]


@dataclass
class Figures:
    registered: int
    applications: int
    applying: int
    accepted: int
    funded: int
    awarded: Decimal
    budget: Decimal
    reviewers: int


def figures_for(scale=1.0, reviewers=None):
    """The 2023 figures at ``scale`` (1 = the seed's figures exactly)."""

    def scaled(value, minimum=1):
        return max(minimum, round(value * scale))

    registered = scaled(REGISTERED_2023, 4)
    applications = scaled(APPLICATIONS_2023, 8)
    applying = min(registered, scaled(APPLYING_INSTITUTIONS_2023, 2), applications)
    accepted = min(applications - 1, scaled(ACCEPTED_2023, 4))
    funded = min(accepted - 1, scaled(FUNDED_2023, 2))
    awarded = (AWARDED_2023 * Decimal(str(scale))).quantize(Decimal("1000"), rounding=ROUND_DOWN)
    if scale == 1:
        awarded = AWARDED_2023
    awarded = max(awarded, Decimal(funded) * Decimal("200000"))
    budget = max(FIRST_YEAR_BUDGET * Decimal(str(scale)), awarded).quantize(Decimal("1"))
    return Figures(
        registered=registered,
        applications=applications,
        applying=applying,
        accepted=accepted,
        funded=funded,
        awarded=awarded,
        budget=budget,
        reviewers=reviewers or max(30, round(EXPERT_POOL * scale)),
    )


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def credit_code(rng):
    body = "12440300" + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
    return body + credit_code_check_character(body)


def person_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def sample_pdf(title):
    text = TEXTS["sample_pdf"].format(title=title).encode("ascii", "replace")
    return b"%PDF-1.4\n1 0 obj<<>>endobj\n% " + text + b"\ntrailer<<>>\n%%EOF\n"


def sample_xlsx(title):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([TEXTS["budget_heading"], title])
    for row in TEXTS["budget_rows"]:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _file(content, name, kind):
    upload = ContentFile(content, name=name)
    upload.checked_kind = kind
    return upload


class Progress:
    def __init__(self, write):
        self.write = write or (lambda text: None)
        self.step = 0

    def __call__(self, text):
        self.step += 1
        self.write(f"[{self.step:2d}] {text}")


def clear():
    """Remove every grants record and the shared records that belong to them (for --replace)."""
    grants_types = ContentType.objects.filter(app_label="grants")
    with transaction.atomic():
        Score.objects.all().delete()
        Review.objects.all().delete()
        Assignment.objects.all().delete()
        Disbursement.objects.all().delete()
        TeamMember.objects.all().delete()
        Application.objects.all().delete()
        Reviewer.objects.all().delete()
        PanelMeeting.objects.all().delete()
        Institution.objects.all().delete()
        RegistrationRound.objects.all().delete()
        Call.objects.all().delete()
        Category.objects.all().delete()
        Programme.objects.all().delete()
        ExpertiseField.objects.all().delete()
        AuditEntry.objects.filter(content_type__in=grants_types).delete()
        Notification.objects.filter(owner_type__in=grants_types).delete()
        for stored in StoredFile.objects.filter(owner_type__in=grants_types):
            stored.file.delete(save=False)
            stored.delete()
        IntakeToken.objects.filter(kind__startswith="grants.").delete()
        ReferenceCounter.objects.filter(prefix__in=["SMRF", INSTITUTION_PREFIX]).delete()
        get_user_model().objects.filter(username__startswith="reviewer-demo-").delete()
        get_user_model().objects.filter(username=STAFF_USERNAME).delete()


class Generator:
    def __init__(self, scale=1.0, reviewers=None, seed=2023, write=None, now=None, with_2024=True):
        self.scale = scale
        self.figures = figures_for(scale, reviewers)
        self.rng = random.Random(seed)
        self.progress = Progress(write)
        self.now = now or timezone.now()
        self.with_2024 = with_2024
        self.audit = []
        self.category_fields = {}
        self.team_keys = {}

    # -- setup ------------------------------------------------------------------------------------

    def setup(self):
        ensure_groups()
        user_model = get_user_model()
        staff, created = user_model.objects.get_or_create(
            username=STAFF_USERNAME,
            defaults=TEXTS["staff_user"],
        )
        if created:
            staff.set_unusable_password()
            staff.save()
        staff.groups.add(Group.objects.get(name=GRANTS_OFFICE))
        self.staff = staff
        self.fields = {
            code: ExpertiseField.objects.create(code=code, name_zh=zh, name_en=en) for code, zh, en in EXPERTISE
        }

    def programme(self, year):
        programme = Programme.objects.create(year=year, **TEXTS["programme"])
        types = {}
        for order, (code, zh, en, _cap, _months, _share) in enumerate(TYPES):
            types[code] = ApplicationType.objects.create(
                programme=programme, code=code, name_zh=zh, name_en=en, sort_order=order
            )
        categories = {}
        for order, (code, zh, en, field_codes) in enumerate(CATEGORIES):
            category = Category.objects.create(programme=programme, code=code, name_zh=zh, name_en=en, sort_order=order)
            category.expertise.set([self.fields[c] for c in field_codes])
            categories[code] = category
            self.category_fields[category.pk] = [self.fields[c].pk for c in field_codes]
        return programme, types, categories

    def call(self, programme, types, code, title_zh, title_en, opens, closes, budget, review_deadline):
        call = Call.objects.create(
            programme=programme,
            code=code,
            title_zh=title_zh,
            title_en=title_en,
            opens_at=opens,
            closes_at=closes,
            total_budget=budget,
            review_deadline=review_deadline,
            guide_zh=TEXTS["guide_zh"],
            guide_en=TEXTS["guide_en"],
        )
        for order, (type_code, _zh, _en, cap, months, _share) in enumerate(TYPES):
            CallBudgetCap.objects.create(
                call=call,
                application_type=types[type_code],
                max_budget=cap,
                max_duration_months=months,
                sort_order=order,
            )
        for order, (crit, zh, en, dzh, den, weight) in enumerate(CRITERIA):
            Criterion.objects.create(
                call=call,
                code=crit,
                name_zh=zh,
                name_en=en,
                description_zh=dzh,
                description_en=den,
                weight=Decimal(weight),
                max_score=10,
                sort_order=order,
            )
        return call

    # -- institutions -----------------------------------------------------------------------------

    def institutions_2023(self, programme):
        rng = self.rng
        rounds = [
            RegistrationRound.objects.create(
                programme=programme, number=1, opens_at=at(2023, 5, 8), closes_at=at(2023, 5, 31, 17)
            ),
            RegistrationRound.objects.create(
                programme=programme, number=2, opens_at=at(2023, 6, 15), closes_at=at(2023, 7, 7, 17)
            ),
        ]
        decided = [at(2023, 6, 12, 15), at(2023, 7, 14, 15)]
        approved = self.figures.registered
        rejected = max(1, round(approved * 0.07))
        rows = []
        codes = set()
        for index in range(approved + rejected):
            round_index = 0 if index < (approved + rejected) * 0.6 else 1
            kind_zh, _kind_en = INSTITUTION_KINDS[index % len(INSTITUTION_KINDS)]
            code = credit_code(rng)
            while code in codes:
                code = credit_code(rng)
            codes.add(code)
            status = InstitutionStatus.APPROVED if index < approved else InstitutionStatus.REJECTED
            rows.append(
                Institution(
                    reference=format_reference(INSTITUTION_PREFIX, 2023, index + 1),
                    registration_round=rounds[round_index],
                    name=TEXTS["institution_name"].format(kind=kind_zh, number=index + 1),
                    credit_code=code,
                    address=TEXTS["institution_address"].format(number=index + 1),
                    contact_name=person_name(rng),
                    contact_email=f"institution{index + 1:04d}@example.org",
                    contact_phone=f"0755-{rng.randint(20000000, 89999999)}",
                    status=status,
                    decision_reason="" if status == InstitutionStatus.APPROVED else TEXTS["institution_rejected"],
                    submitted_at=rounds[round_index].opens_at + datetime.timedelta(days=rng.randint(0, 15)),
                    decided_at=decided[round_index],
                )
            )
        Institution.objects.bulk_create(rows, batch_size=1000)
        reserve_up_to(INSTITUTION_PREFIX, 2023, len(rows))
        for institution in rows:
            self.audit.append(
                build_entry(
                    institution,
                    "registered",
                    actor_label=APPLICANT,
                    to_state=InstitutionStatus.PENDING,
                    at=institution.submitted_at,
                )
            )
            self.audit.append(
                build_entry(
                    institution,
                    "moved",
                    user=self.staff,
                    from_state=InstitutionStatus.PENDING,
                    to_state=institution.status,
                    reason=institution.decision_reason,
                    data={"transition": "approve" if institution.status == InstitutionStatus.APPROVED else "reject"},
                    at=institution.decided_at,
                )
            )
        self.progress(f"host institutions: {approved} approved, {rejected} not approved, in 2 rounds")
        return [i for i in rows if i.status == InstitutionStatus.APPROVED]

    # -- reviewers --------------------------------------------------------------------------------

    def reviewers(self, institutions):
        rng = self.rng
        count = self.figures.reviewers
        universities = [TEXTS["university"].format(number=n) for n in range(1, 301)]
        rows = []
        for index in range(count):
            host = rng.choice(institutions) if rng.random() < 0.25 else None
            rows.append(
                Reviewer(
                    name=person_name(rng),
                    title=rng.choice(TEXTS["reviewer_titles"]),
                    institution_name=host.name if host else rng.choice(universities),
                    host_institution=host,
                    email=f"expert{index + 1:06d}@example.org",
                    language="en" if rng.random() < 0.08 else "zh-hans",
                    created_at=at(2023, 5, 1),
                )
            )
        Reviewer.objects.bulk_create(rows, batch_size=2000)
        through = Reviewer.expertise.through
        links = []
        field_ids = [field.pk for field in self.fields.values()]
        self.reviewer_fields = {}
        for reviewer in rows:
            chosen = rng.sample(field_ids, rng.choice((1, 2, 2, 3)))
            self.reviewer_fields[reviewer.pk] = set(chosen)
            links.extend(through(reviewer_id=reviewer.pk, expertisefield_id=field) for field in chosen)
        through.objects.bulk_create(links, batch_size=5000)
        self.progress(f"expert pool: {count:,} reviewers")
        return rows

    # -- the 2023 call ----------------------------------------------------------------------------

    def applications_2023(self, call, types, categories, institutions):
        rng = self.rng
        figures = self.figures
        applying = rng.sample(institutions, figures.applying)
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(applying))]
        per_institution = [1] * len(applying)
        for choice in rng.choices(range(len(applying)), weights=weights, k=figures.applications - len(applying)):
            per_institution[choice] += 1
        owners = [inst for inst, n in zip(applying, per_institution, strict=True) for _ in range(n)]
        rng.shuffle(owners)
        type_codes = [t[0] for t in TYPES]
        type_weights = [t[5] for t in TYPES]
        caps = {t[0]: t[3] for t in TYPES}
        months = {t[0]: t[4] for t in TYPES}
        category_list = list(categories.values())
        span = (call.closes_at - call.opens_at).total_seconds()
        moments = sorted(
            call.opens_at + datetime.timedelta(seconds=span * min(0.9999, rng.betavariate(2.5, 1.2))) for _ in owners
        )
        rows = []
        for index, (institution, moment) in enumerate(zip(owners, moments, strict=True)):
            type_code = rng.choices(type_codes, weights=type_weights)[0]
            cap = caps[type_code]
            requested = (cap * Decimal(str(rng.uniform(0.6, 1.0)))).quantize(Decimal("10000"), rounding=ROUND_DOWN)
            category = rng.choice(category_list)
            subject = rng.choice(TOPIC_SUBJECTS)
            rows.append(
                Application(
                    reference=format_reference("SMRF", 2023, index + 1),
                    call=call,
                    application_type=types[type_code],
                    category=category,
                    institution=institution,
                    status=Status.SUBMITTED,
                    pi_name=person_name(rng),
                    pi_title=rng.choice(TEXTS["pi_titles"]),
                    pi_email=f"pi2023-{index + 1:05d}@example.org",
                    pi_phone=f"138{rng.randint(10000000, 99999999)}",
                    title=TEXTS["application_title"].format(topic=rng.choice(TOPICS).format(x=subject)),
                    abstract=TEXTS["abstract"],
                    keywords=subject,
                    duration_months=rng.choice([24, 36, months[type_code]]),
                    requested_budget=requested,
                    ethics_declaration=True,
                    pipl_consent=True,
                    consent_at=moment,
                    language="en" if rng.random() < 0.1 else "zh-hans",
                    submitted_at=moment,
                )
            )
        Application.objects.bulk_create(rows, batch_size=2000)
        reserve_up_to("SMRF", 2023, len(rows))
        team = []
        for application in rows:
            for order in range(rng.randint(1, 4)):
                same = rng.random() < 0.6
                team.append(
                    TeamMember(
                        application=application,
                        name=person_name(rng),
                        institution_name=application.institution.name
                        if same
                        else TEXTS["university"].format(number=rng.randint(1, 300)),
                        role=rng.choice(TEXTS["team_roles"]),
                        sort_order=order,
                    )
                )
        TeamMember.objects.bulk_create(team, batch_size=5000)
        for member in team:
            self.team_keys.setdefault(member.application_id, []).append(member)
        self.progress(
            f"2023 call: {len(rows):,} applications from {figures.applying} host institutions, "
            f"{len(team):,} team members"
        )
        return rows

    def _conflicts(self, reviewer, application):
        institution = application.institution
        if reviewer.host_institution_id == institution.pk:
            return True
        if reviewer.institution_name.strip().lower() == institution.name.strip().lower():
            return True
        if reviewer.email.lower() == application.pi_email.lower():
            return True
        for member in self.team_keys.get(application.pk, ()):
            if reviewer.name == member.name and (
                not member.institution_name or reviewer.institution_name.lower() == member.institution_name.lower()
            ):
                return True
        return reviewer.name == application.pi_name and reviewer.institution_name == institution.name

    def _pools(self, reviewers):
        pools = {}
        for reviewer in reviewers:
            for field in self.reviewer_fields[reviewer.pk]:
                pools.setdefault(field, []).append(reviewer)
        for pool in pools.values():
            self.rng.shuffle(pool)
        self.pool_position = dict.fromkeys(pools, 0)
        return pools

    def _pick(self, application, pools, category_fields, exclude):
        for field in category_fields:
            pool = pools.get(field, [])
            for _ in range(len(pool)):
                position = self.pool_position[field] % len(pool)
                self.pool_position[field] += 1
                reviewer = pool[position]
                if reviewer.pk in exclude or self._conflicts(reviewer, application):
                    continue
                return reviewer
        return None

    def pipeline_2023(self, call, applications, reviewers):
        rng = self.rng
        figures = self.figures
        staff = self.staff
        formal_start = at(2023, 8, 14)
        accepted_at = at(2023, 8, 28, 16)
        peer_start = at(2023, 9, 1)
        panel_start = at(2023, 10, 20)
        decided_at = at(2023, 11, 10, 17)
        rejected = set(rng.sample(range(len(applications)), len(applications) - figures.accepted))
        reasons = TEXTS["formal_reasons"]
        accepted = []
        for index, application in enumerate(applications):
            self.audit.append(
                build_entry(
                    application,
                    "submitted",
                    actor_label=APPLICANT,
                    to_state=Status.SUBMITTED,
                    at=application.submitted_at,
                )
            )
            self._move(application, Status.SUBMITTED, Status.FORMAL_REVIEW, "start_formal_review", formal_start)
            if index in rejected:
                reason = rng.choice(reasons)
                application.status = Status.REJECTED_FORMAL
                application.decided_at = accepted_at
                self._move(
                    application, Status.FORMAL_REVIEW, Status.REJECTED_FORMAL, "reject_formal", accepted_at, reason
                )
            else:
                application.accepted_at = accepted_at
                self._move(application, Status.FORMAL_REVIEW, Status.ACCEPTED, "accept", accepted_at)
                self._move(application, Status.ACCEPTED, Status.PEER_REVIEW, "start_peer_review", peer_start)
                accepted.append(application)
        # Peer review: N reviewers each, field match, no conflicts; a few recuse and are replaced.
        pools = self._pools(reviewers)
        criteria = list(call.criteria.all())
        per_application = call.reviewers_per_application
        assignments, recusals = [], 0
        review_plan = []
        for application in accepted:
            category_fields = list(self.category_fields[application.category_id])
            exclude = set()
            chosen = []
            while len(chosen) < per_application:
                reviewer = self._pick(application, pools, category_fields, exclude)
                if reviewer is None:
                    reviewer = self._pick(application, pools, list(pools), exclude)
                exclude.add(reviewer.pk)
                if rng.random() < 0.015:
                    recusals += 1
                    self.audit.append(
                        build_entry(
                            application,
                            "reviewer_recused",
                            user=staff,
                            reason=TEXTS["recusal_reason"],
                            data={"reviewer": reviewer.pk},
                            at=peer_start + datetime.timedelta(days=3),
                        )
                    )
                    assignments.append(
                        Assignment(
                            application=application,
                            reviewer=reviewer,
                            state=Assignment.State.RECUSED,
                            assigned_at=peer_start,
                            due_at=call.review_deadline,
                            assigned_by=staff,
                            recused_at=peer_start + datetime.timedelta(days=3),
                            recusal_reason=TEXTS["recusal_reason"],
                        )
                    )
                    continue
                chosen.append(reviewer)
                assignment = Assignment(
                    application=application,
                    reviewer=reviewer,
                    state=Assignment.State.SUBMITTED,
                    assigned_at=peer_start,
                    due_at=call.review_deadline,
                    assigned_by=staff,
                )
                assignments.append(assignment)
                review_plan.append(assignment)
        Assignment.objects.bulk_create(assignments, batch_size=5000)
        self.progress(f"peer review: {len(assignments):,} assignments ({recusals} recusals, each replaced)")
        # Scores: a latent quality per application, each reviewer scoring around it.
        quality = {a.pk: rng.gauss(7.0, 1.1) for a in accepted}
        reviews = []
        planned_scores = []
        for assignment in review_plan:
            level = quality[assignment.application_id]
            scores = {c.pk: max(0, min(10, round(rng.gauss(level, 0.9)))) for c in criteria}
            reviews.append(
                Review(
                    assignment=assignment,
                    comments=TEXTS["review_comments_2023"],
                    total=weighted_total(criteria, scores),
                    submitted_at=call.review_deadline - datetime.timedelta(days=rng.randint(1, 20)),
                )
            )
            planned_scores.append(scores)
        Review.objects.bulk_create(reviews, batch_size=5000)
        Score.objects.bulk_create(
            (
                Score(review=review, criterion_id=criterion_id, score=value)
                for review, scores in zip(reviews, planned_scores, strict=True)
                for criterion_id, value in scores.items()
            ),
            batch_size=10000,
        )
        totals = {}
        for review in reviews:
            totals.setdefault(review.assignment.application_id, []).append(review.total)
        for application in accepted:
            values = totals[application.pk]
            application.review_score = (sum(values) / len(values)).quantize(Decimal("0.01"))
            application.review_count = len(values)
            self.audit.append(
                build_entry(
                    application,
                    "reviewers_assigned",
                    user=staff,
                    data={"reviewers": per_application},
                    at=peer_start,
                )
            )
            self._move(application, Status.PEER_REVIEW, Status.PANEL_REVIEW, "start_panel_review", panel_start)
        self.progress(f"reviews: {len(reviews):,} reviews with {len(reviews) * len(criteria):,} scores")
        # Panel: the best-ranked applications of each category are funded.
        meeting = PanelMeeting.objects.create(
            call=call,
            held_on=decided_at.date(),
            **TEXTS["panel_meeting"],
        )
        by_category = {}
        for application in accepted:
            by_category.setdefault(application.category_id, []).append(application)
        quotas = self._quotas({k: len(v) for k, v in by_category.items()}, figures.funded)
        funded = []
        for category_id, group in by_category.items():
            group.sort(key=lambda a: (-a.review_score, a.submitted_at, a.pk))
            funded.extend(group[: quotas[category_id]])
        funded_ids = {a.pk for a in funded}
        self._awards(funded)
        for application in accepted:
            application.panel_meeting = meeting
            application.decided_at = decided_at
            if application.pk in funded_ids:
                application.status = Status.FUNDED
                self._move(
                    application,
                    Status.PANEL_REVIEW,
                    Status.FUNDED,
                    "fund",
                    decided_at,
                    data={"award": str(application.award_amount), "budget_override": False},
                )
            else:
                application.status = Status.NOT_FUNDED
                self._move(application, Status.PANEL_REVIEW, Status.NOT_FUNDED, "not_fund", decided_at)
        Application.objects.bulk_update(
            applications,
            ["status", "accepted_at", "decided_at", "review_score", "review_count", "award_amount", "panel_meeting"],
            batch_size=2000,
        )
        self.progress(f"panel: {len(funded)} funded, CNY {sum(a.award_amount for a in funded):,} awarded")
        # Disbursements: every award paid in two instalments.
        payments = []
        for application in funded:
            first = (application.award_amount * Decimal("0.6")).quantize(Decimal("1"))
            for amount, day in ((first, 5), (application.award_amount - first, 20)):
                paid_on = datetime.date(2023, 12, day)
                payments.append(
                    Disbursement(
                        application=application,
                        amount=amount,
                        paid_on=paid_on,
                        note=TEXTS["disbursement_note"],
                        recorded_by=staff,
                    )
                )
                self.audit.append(
                    build_entry(
                        application,
                        "disbursed",
                        user=staff,
                        data={"amount": str(amount), "paid_on": paid_on.isoformat()},
                        at=at(2023, 12, day, 10),
                    )
                )
        Disbursement.objects.bulk_create(payments, batch_size=5000)
        self.progress(f"disbursements: {len(payments):,} payments, all awards paid in full")

    def _move(self, application, source, target, transition, moment, reason="", data=None):
        application.status = target
        self.audit.append(
            build_entry(
                application,
                "moved",
                user=self.staff,
                from_state=source,
                to_state=target,
                reason=reason,
                data={"transition": transition, **(data or {})},
                at=moment,
            )
        )

    @staticmethod
    def _quotas(sizes, total):
        """Split ``total`` over the categories in proportion to their sizes (largest remainder)."""
        whole = sum(sizes.values())
        exact = {key: total * size / whole for key, size in sizes.items()}
        quotas = {key: min(sizes[key], int(value)) for key, value in exact.items()}
        remaining = total - sum(quotas.values())
        for key in sorted(exact, key=lambda k: exact[k] - int(exact[k]), reverse=True):
            if remaining <= 0:
                break
            if quotas[key] < sizes[key]:
                quotas[key] += 1
                remaining -= 1
        return quotas

    def _awards(self, funded):
        """Awards within each request whose sum is exactly the figure to reproduce."""
        target = self.figures.awarded
        caps = {t[0]: t[3] for t in TYPES}
        step = Decimal("1000")
        requested_total = sum(a.requested_budget for a in funded)
        if requested_total < target:  # raise requests towards the caps until the target can be met
            for application in sorted(funded, key=lambda a: a.requested_budget):
                cap = caps[application.application_type.code]
                room = min(cap - application.requested_budget, target - requested_total)
                if room > 0:
                    application.requested_budget += room
                    requested_total += room
        factor = target / requested_total
        for application in funded:
            award = (application.requested_budget * factor / step).to_integral_value(rounding=ROUND_DOWN) * step
            application.award_amount = max(step, award)
        remainder = target - sum(a.award_amount for a in funded)
        while remainder > 0:
            for application in funded:
                if remainder <= 0:
                    break
                if application.award_amount + step <= application.requested_budget:
                    application.award_amount += step
                    remainder -= step

    # -- the 2024 call ----------------------------------------------------------------------------

    def call_2024(self, institutions, reviewers):
        rng = self.rng
        now = self.now
        programme, types, categories = self.programme(2024)
        opens = (
            (now - datetime.timedelta(days=15)).astimezone(SHANGHAI).replace(hour=9, minute=0, second=0, microsecond=0)
        )
        closes = (
            (now + datetime.timedelta(days=45)).astimezone(SHANGHAI).replace(hour=17, minute=0, second=0, microsecond=0)
        )
        call = self.call(
            programme,
            types,
            OPEN_CALL_CODE,
            TEXTS["calls"]["2024"]["title_zh"],
            TEXTS["calls"]["2024"]["title_en"],
            opens,
            closes,
            FIRST_YEAR_BUDGET,
            closes + datetime.timedelta(days=60),
        )
        round_2024 = RegistrationRound.objects.create(
            programme=programme,
            number=1,
            opens_at=now - datetime.timedelta(days=30),
            closes_at=now + datetime.timedelta(days=30),
        )
        for index in range(8):
            code = credit_code(rng)
            institution = Institution.objects.create(
                reference=format_reference(INSTITUTION_PREFIX, 2024, index + 1),
                registration_round=round_2024,
                name=TEXTS["new_institution_name"].format(number=index + 1),
                credit_code=code,
                address=TEXTS["new_institution_address"].format(number=index + 1),
                contact_name=person_name(rng),
                contact_email=f"institution2024-{index + 1:03d}@example.org",
                contact_phone=f"0755-{rng.randint(20000000, 89999999)}",
                status=InstitutionStatus.APPROVED if index < 2 else InstitutionStatus.PENDING,
                submitted_at=now - datetime.timedelta(days=20 - index),
                decided_at=now - datetime.timedelta(days=5) if index < 2 else None,
            )
            institution.licence = store_upload(
                _file(sample_pdf(institution.name), "licence.pdf", PDF), role="licence", owner=institution
            )
            institution.save(update_fields=["licence"])
            self.audit.append(
                build_entry(
                    institution,
                    "registered",
                    actor_label=APPLICANT,
                    to_state=InstitutionStatus.PENDING,
                    at=institution.submitted_at,
                )
            )
            if institution.status == InstitutionStatus.APPROVED:
                self.audit.append(
                    build_entry(
                        institution,
                        "moved",
                        user=self.staff,
                        from_state=InstitutionStatus.PENDING,
                        to_state=InstitutionStatus.APPROVED,
                        data={"transition": "approve"},
                        at=institution.decided_at,
                    )
                )
        reserve_up_to(INSTITUTION_PREFIX, 2024, 8)
        plan = [Status.SUBMITTED] * 30 + [Status.FORMAL_REVIEW] * 10 + [Status.REJECTED_FORMAL] * 2
        plan += [Status.PEER_REVIEW] * 6
        caps = {t[0]: t[3] for t in TYPES}
        category_list = list(categories.values())
        criteria = list(call.criteria.all())
        reviewer_users = []
        user_model = get_user_model()
        reviewers_group = Group.objects.get(name=REVIEWERS)
        pools = self._pools(reviewers)
        created = []
        for index, status in enumerate(plan):
            type_code = rng.choice([t[0] for t in TYPES])
            moment = opens + datetime.timedelta(hours=3 + index * 7)
            subject = rng.choice(TOPIC_SUBJECTS)
            application = Application.objects.create(
                reference=format_reference("SMRF", 2024, index + 1),
                call=call,
                application_type=types[type_code],
                category=rng.choice(category_list),
                institution=rng.choice(institutions),
                status=Status.SUBMITTED,
                pi_name=person_name(rng),
                pi_title=TEXTS["pi_title_2024"],
                pi_email=f"pi2024-{index + 1:03d}@example.org",
                pi_phone=f"139{rng.randint(10000000, 99999999)}",
                title=TEXTS["application_title"].format(topic=rng.choice(TOPICS).format(x=subject)),
                abstract=TEXTS["abstract"],
                keywords=subject,
                duration_months=36,
                requested_budget=(caps[type_code] * Decimal("0.8")).quantize(Decimal("10000")),
                ethics_declaration=True,
                pipl_consent=True,
                consent_at=moment,
                language="en" if index % 9 == 0 else "zh-hans",
                submitted_at=moment,
            )
            application.proposal = store_upload(
                _file(sample_pdf(application.title), "proposal.pdf", PDF), role="proposal", owner=application
            )
            application.budget_sheet = store_upload(
                _file(sample_xlsx(application.reference), "budget.xlsx", XLSX), role="budget", owner=application
            )
            TeamMember.objects.create(
                application=application, name=person_name(rng), institution_name=TEXTS["team_institution_2024"]
            )
            self.team_keys[application.pk] = list(application.team.all())
            self.audit.append(
                build_entry(application, "submitted", actor_label=APPLICANT, to_state=Status.SUBMITTED, at=moment)
            )
            later = moment + datetime.timedelta(days=2)
            if status != Status.SUBMITTED:
                self._move(application, Status.SUBMITTED, Status.FORMAL_REVIEW, "start_formal_review", later)
            if status == Status.REJECTED_FORMAL:
                application.decided_at = later
                self._move(
                    application,
                    Status.FORMAL_REVIEW,
                    Status.REJECTED_FORMAL,
                    "reject_formal",
                    later,
                    TEXTS["formal_reason_2024"],
                )
            if status == Status.PEER_REVIEW:
                application.accepted_at = later
                self._move(application, Status.FORMAL_REVIEW, Status.ACCEPTED, "accept", later)
                self._move(application, Status.ACCEPTED, Status.PEER_REVIEW, "start_peer_review", later)
                fields = list(self.category_fields[application.category_id])
                exclude = set()
                for slot in range(call.reviewers_per_application):
                    reviewer = self._pick(application, pools, fields, exclude) or self._pick(
                        application, pools, list(pools), exclude
                    )
                    exclude.add(reviewer.pk)
                    assignment = Assignment.objects.create(
                        application=application,
                        reviewer=reviewer,
                        due_at=call.review_deadline,
                        assigned_by=self.staff,
                        assigned_at=later,
                    )
                    if reviewer.user_id is None:
                        user = user_model.objects.create(
                            username=f"reviewer-demo-{reviewer.pk:06d}",
                            email=reviewer.email,
                            first_name=reviewer.name,
                        )
                        user.set_unusable_password()
                        user.save(update_fields=["password"])
                        user.groups.add(reviewers_group)
                        reviewer.user = user
                        reviewer.save(update_fields=["user"])
                        reviewer_users.append(user)
                    if slot == 0:
                        scores = {c.pk: rng.randint(5, 9) for c in criteria}
                        review = Review.objects.create(
                            assignment=assignment,
                            comments=TEXTS["review_comments_2024"],
                            total=weighted_total(criteria, scores),
                        )
                        Score.objects.bulk_create(
                            Score(review=review, criterion_id=k, score=v) for k, v in scores.items()
                        )
                        assignment.state = Assignment.State.SUBMITTED
                        assignment.save(update_fields=["state"])
                        application.review_score, application.review_count = review.total, 1
                self.audit.append(
                    build_entry(application, "reviewers_assigned", user=self.staff, data={"reviewers": 3}, at=later)
                )
            application.save()
            created.append(application)
        reserve_up_to("SMRF", 2024, len(plan))
        self.reviewer_users = reviewer_users
        self.progress(
            f"2024 call (open until {timezone.localtime(closes):%Y-%m-%d %H:%M}): {len(created)} applications, "
            f"8 new institution registrations, {len(reviewer_users)} reviewer accounts"
        )
        return call

    # -- run --------------------------------------------------------------------------------------

    def run(self):
        figures = self.figures
        with transaction.atomic():
            self.setup()
            programme, types, categories = self.programme(2023)
            call = self.call(
                programme,
                types,
                "smrf-2023",
                TEXTS["calls"]["2023"]["title_zh"],
                TEXTS["calls"]["2023"]["title_en"],
                at(2023, 7, 17),
                at(2023, 8, 10, 17),
                figures.budget,
                at(2023, 10, 15, 17),
            )
            self.progress(f"programme 2023: {len(types)} application types, {len(categories)} categories")
            institutions = self.institutions_2023(programme)
            reviewers = self.reviewers(institutions)
            applications = self.applications_2023(call, types, categories, institutions)
            self.pipeline_2023(call, applications, reviewers)
            call_2024 = None
            if self.with_2024:
                call_2024 = self.call_2024(institutions, reviewers)
            AuditEntry.objects.bulk_create(self.audit, batch_size=5000)
            self.progress(f"audit log: {len(self.audit):,} entries")
        return call, call_2024

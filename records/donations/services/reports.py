"""Figures and documents: totals by designation and year, donor reports, the public donor list."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import documents
from ..models import CENT, Designation, DonorType, Payment, Pledge, ProgressNote, Status

ZERO = Decimal("0.00")
# Bands in which an organisation's gifts of a year may be shown on the public donor list.
BANDS = (
    (Decimal("1000000"), _("CNY 1 million and above")),
    (Decimal("100000"), _("CNY 100,000 to under 1 million")),
    (Decimal("0"), _("Under CNY 100,000")),
)


def years():
    """The years with pledges or payments, latest first."""
    pledged = Pledge.objects.annotate(y=ExtractYear("pledged_at")).values_list("y", flat=True).distinct()
    paid = Payment.objects.annotate(y=ExtractYear("received_on")).values_list("y", flat=True).distinct()
    return sorted(set(pledged) | set(paid), reverse=True)


def totals(year=None):
    """Pledged and received amounts by designation and year (Decimal CNY), with the grand totals.

    Pledged counts the pledges made in the year that were not cancelled; received counts the payments
    received in the year, whatever became of their pledge. Returns ``{"rows": [...], "total": {...}}``.
    """
    pledges = Pledge.objects.exclude(status=Status.CANCELLED).annotate(year=ExtractYear("pledged_at"))
    payments = Payment.objects.annotate(year=ExtractYear("received_on"))
    if year:
        pledges, payments = pledges.filter(year=year), payments.filter(year=year)
    cells = defaultdict(lambda: {"pledges": 0, "pledged": ZERO, "payments": 0, "received": ZERO})
    for row in pledges.order_by().values("designation_id", "year").annotate(n=Count("pk"), s=Sum("amount")):
        cell = cells[(row["designation_id"], row["year"])]
        cell.update(pledges=row["n"], pledged=(row["s"] or ZERO).quantize(CENT))
    for row in payments.order_by().values("pledge__designation_id", "year").annotate(n=Count("pk"), s=Sum("amount")):
        cell = cells[(row["pledge__designation_id"], row["year"])]
        cell.update(payments=row["n"], received=(row["s"] or ZERO).quantize(CENT))
    designations = {d.pk: d for d in Designation.objects.filter(pk__in={key[0] for key in cells})}
    rows = []
    for (designation_id, row_year), cell in cells.items():
        designation = designations[designation_id]
        rows.append({"year": row_year, "designation": designation.name, "code": designation.code, **cell})
    order = {d.pk: (d.sort_order, d.code) for d in designations.values()}
    codes = {d.code: order[d.pk] for d in designations.values()}
    rows.sort(key=lambda r: (-r["year"], codes[r["code"]]))
    total = {
        "pledges": sum(r["pledges"] for r in rows),
        "pledged": sum((r["pledged"] for r in rows), ZERO),
        "payments": sum(r["payments"] for r in rows),
        "received": sum((r["received"] for r in rows), ZERO),
    }
    return {"rows": rows, "total": total}


def band(amount):
    for floor, label in BANDS:
        if amount >= floor:
            return label
    return BANDS[-1][1]


def public_donor_list(show_organisation_bands=True):
    """The donors who may be named in public, by year of their gifts, latest year first.

    Only donors who agreed to be named and did not ask to stay anonymous, and only for years in which
    a payment of theirs was received. Each entry carries the name given on the pledge and, for an
    organisation (when ``show_organisation_bands``), the band of its gifts that year; never an amount
    of an individual, an email, a phone number or a message. Returns
    ``[{"year": 2026, "donors": [{"name": ..., "organisation": bool, "band": ...}, ...]}, ...]``.
    """
    payments = (
        Payment.objects.filter(pledge__consent_named=True, pledge__anonymous=False)
        .select_related("pledge")
        .only(
            "amount", "received_on", "pledge__email", "pledge__donor_name", "pledge__donor_type", "pledge__pledged_at"
        )
        .order_by("received_on", "pk")
    )
    years_found = defaultdict(dict)
    for payment in payments:
        pledge = payment.pledge
        key = (pledge.email, pledge.donor_type)
        entry = years_found[payment.received_on.year].setdefault(key, {"name": pledge.donor_name, "total": ZERO})
        entry["name"] = pledge.donor_name  # the latest name given
        entry["total"] += payment.amount
    result = []
    for year in sorted(years_found, reverse=True):
        donors = []
        for (_email, donor_type), entry in years_found[year].items():
            organisation = donor_type == DonorType.ORGANISATION
            donors.append(
                {
                    "name": entry["name"],
                    "organisation": organisation,
                    "band": band(entry["total"]) if organisation and show_organisation_bands else "",
                }
            )
        donors.sort(key=lambda d: (not d["organisation"], d["name"]))
        result.append({"year": year, "donors": donors})
    return result


def donor_report(email, start, end, language=None):
    """What a donor (by email) gave and what their designations achieved between ``start`` and ``end`` (dates).

    Lists every pledge made by the end of the period that was made in it or received payments in it,
    with the amount received in the period, and the progress notes of their designations dated in the
    period. ``language`` defaults to the language of the donor's latest pledge. Returns a dict for
    ``documents.donor_report_pdf`` (or None when the donor gave nothing in the period).
    """
    email = (email or "").strip().lower()
    pledges = list(
        Pledge.objects.filter(email=email, pledged_at__date__lte=end)
        .select_related("designation")
        .annotate(
            period_received=Sum(
                "payments__amount", filter=Q(payments__received_on__gte=start, payments__received_on__lte=end)
            )
        )
        .order_by("pledged_at", "pk")
    )
    gifts = [
        p
        for p in pledges
        if p.period_received or (timezone.localtime(p.pledged_at).date() >= start and p.status != Status.CANCELLED)
    ]
    if not gifts:
        return None
    for pledge in gifts:
        pledge.period_received = (pledge.period_received or ZERO).quantize(CENT)
    language = language or gifts[-1].language
    designations = []
    for pledge in gifts:
        if pledge.designation not in designations:
            designations.append(pledge.designation)
    notes = defaultdict(list)
    for note in ProgressNote.objects.filter(
        designation__in=designations, reported_on__gte=start, reported_on__lte=end
    ).order_by("reported_on", "pk"):
        title, body = note.text_in(language)
        notes[note.designation_id].append({"reported_on": note.reported_on, "title": title, "body": body})
    return {
        "language": language,
        "donor_name": gifts[-1].donor_name,
        "email": email,
        "start": start,
        "end": end,
        "gifts": [
            {
                "reference": p.reference,
                "pledged_on": timezone.localtime(p.pledged_at).date(),
                "designation": p.designation.name_in(language),
                "amount": p.amount,
                "received": p.period_received,
                "status": p.status,
            }
            for p in gifts
        ],
        "pledged_total": sum((p.amount for p in gifts if p.status != Status.CANCELLED), ZERO),
        "received_total": sum((p.period_received for p in gifts), ZERO),
        "progress": [{"designation": d.name_in(language), "notes": notes[d.pk]} for d in designations],
    }


def donor_report_pdf(email, start, end, language=None):
    """The donor report as ``(pdf_bytes, report)``, or ``(None, None)`` when there is nothing to report."""
    report = donor_report(email, start, end, language)
    if report is None:
        return None, None
    return documents.donor_report_pdf(report), report

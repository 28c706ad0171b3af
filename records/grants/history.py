"""The grants history in words: the shared history table (``records/admin/_history.html``) with the grants' own
actions (reviewers assigned or recused, reviews, pending decisions, disbursements, the emailed withdrawal link),
award notes and the warnings staff confirmed."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from records.display import money
from records.screens import history_rows
from records.statemachine import confirmed_warnings

from .machine import CAUTIONS

ACTIONS = {
    "registered": _("Registered through the public form"),
    "reviewer_recused": _("A reviewer recused (conflict of interest)"),
    "reviewer_reassigned": _("Another reviewer assigned"),
    "reassignment_failed": _("No other reviewer available"),
    "review_submitted": _("Review submitted"),
    "withdrawal link sent": _("Withdrawal link emailed to the principal investigator"),
    "decision_withdrawn": _("Pending decision withdrawn"),
    "decision_discarded": _("Pending decision dropped (the application was withdrawn)"),
}


def _decision(data, changed):
    if data.get("funded"):
        text = (
            gettext("Decision changed (pending release): fund")
            if changed
            else gettext("Decision recorded (pending release): fund")
        )
    else:
        text = (
            gettext("Decision changed (pending release): do not fund")
            if changed
            else gettext("Decision recorded (pending release): do not fund")
        )
    return text


def reviewer_names(ids):
    """The names of the reviewers with ``ids`` (a list of primary keys), joined, or ""."""
    if not isinstance(ids, list) or not ids:
        return ""
    from .models import Reviewer

    names = dict(Reviewer.objects.filter(pk__in=ids).values_list("pk", "name"))
    return gettext(", ").join(names[pk] for pk in ids if pk in names)


def describe(entry, machine):
    """What happened, in words, or "" where the shared table words it (submitted, file opened)."""
    data = entry.data or {}
    if entry.action == "moved":
        source = machine.label(entry.from_state) if entry.from_state else ""
        target = machine.label(entry.to_state) if entry.to_state else ""
        what = f"{source} → {target}"
        if data.get("release"):
            what = gettext("%(move)s (decision released)") % {"move": what}
    elif entry.action in ACTIONS:
        what = str(ACTIONS[entry.action])
    elif entry.action in ("decision_recorded", "decision_changed"):
        what = _decision(data, entry.action == "decision_changed")
    elif entry.action == "reviewers_assigned":
        count = len(data.get("assignments") or ())
        what = ngettext("%(counter)s reviewer assigned", "%(counter)s reviewers assigned", count) % {"counter": count}
        names = reviewer_names(data.get("reviewers"))
        if names:
            what = gettext("%(what)s: %(names)s") % {"what": what, "names": names}
    elif entry.action == "disbursed":
        what = gettext("Disbursed CNY %(amount)s on %(date)s") % {
            "amount": money(data.get("amount")),
            "date": data.get("paid_on"),
        }
    else:
        what = ""
    notes = [(line,) for line in confirmed_warnings(data, CAUTIONS)]
    if data.get("award"):
        notes.append((gettext("Award CNY %(amount)s") % {"amount": money(data["award"])},))
    if data.get("budget_override"):
        notes.append((format_html("<strong>{}</strong>", gettext("Budget override")),))
    if not notes:
        return what
    return format_html("{}{}", what or entry.action, format_html_join("", "<br>{}", notes))


def grants_history(obj, machine):
    """``history_rows`` of an application or an institution registration, worded for the grants office."""
    return history_rows(obj, machine, describe=lambda entry: describe(entry, machine))

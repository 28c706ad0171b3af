"""The grants history in words: the shared history table (``records/admin/_history.html``) with the grants' own
actions (reviewers assigned or recused, reviews, disbursements, the emailed withdrawal link) and award notes."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from records.display import money
from records.screens import history_rows

ACTIONS = {
    "registered": _("Registered through the public form"),
    "reviewer_recused": _("A reviewer recused (conflict of interest)"),
    "reviewer_reassigned": _("Another reviewer assigned"),
    "reassignment_failed": _("No other reviewer available"),
    "review_submitted": _("Review submitted"),
    "withdrawal link sent": _("Withdrawal link emailed to the principal investigator"),
}


def describe(entry, machine):
    """What happened, in words, or "" where the shared table words it (submitted, file opened)."""
    data = entry.data or {}
    if entry.action == "moved":
        source = machine.label(entry.from_state) if entry.from_state else ""
        target = machine.label(entry.to_state) if entry.to_state else ""
        what = f"{source} → {target}"
    elif entry.action in ACTIONS:
        what = str(ACTIONS[entry.action])
    elif entry.action == "reviewers_assigned":
        count = len(data.get("assignments") or ())
        what = ngettext("%(counter)s reviewer assigned", "%(counter)s reviewers assigned", count) % {"counter": count}
    elif entry.action == "disbursed":
        what = gettext("Disbursed CNY %(amount)s on %(date)s") % {
            "amount": money(data.get("amount")),
            "date": data.get("paid_on"),
        }
    else:
        what = ""
    notes = []
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

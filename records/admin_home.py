"""The back office on the admin home: each staff member's records per state, with links to the filtered lists.

Each records app registers what its staff work (``register(RecordKind(...))`` in its ``wagtail_hooks``): a model,
its state field and choices, the staff groups that see it and the URL name of its list screen (which filters on
the state field). ``RecordsPanel`` shows, for the kinds the user's groups may see, how many records are in each
state, each count a link to the list filtered on that state. Registered on the dashboard with
``construct_homepage_panels`` in ``records/wagtail_hooks.py``. ``InboxSummaryItem`` puts the records that wait in
each kind's inbox state (new applications, new registrations) at the top, in the site summary
(``construct_homepage_summary_items``).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component

from .display import number
from .permissions import in_group

_KINDS = []


@dataclass(frozen=True)
class RecordKind:
    key: str  # unique, e.g. "grants_application"
    label: object  # translatable, e.g. _("Grant applications")
    model: type
    states: type  # the TextChoices of the state field
    list_url_name: str  # e.g. "grants_application:index"
    groups: tuple  # the staff groups that work these records
    field: str = "status"
    order: int = 100
    inbox: str = ""  # the state in which new records wait for staff (shown at the top of the admin home)


def register(kind):
    """Add a kind of record to the admin home (idempotent per key)."""
    if all(existing.key != kind.key for existing in _KINDS):
        _KINDS.append(kind)
        _KINDS.sort(key=lambda k: (k.order, k.key))
    return kind


def kinds_for(user):
    """The kinds of record the user's groups work (all of them for a superuser)."""
    return [kind for kind in _KINDS if in_group(user, *kind.groups)]


def state_counts(kind):
    """Each state of ``kind`` in order with its number of records and the link to the list filtered on it."""
    counted = dict(
        kind.model._default_manager.order_by()
        .values_list(kind.field)
        .annotate(n=Count("pk"))
        .values_list(kind.field, "n")
    )
    base = reverse(kind.list_url_name)
    rows = [
        {
            "value": value,
            "label": label,
            "count": counted.get(value, 0),
            "count_text": number(counted.get(value, 0)),
            "url": f"{base}?{urlencode({kind.field: value})}",
        }
        for value, label in kind.states.choices
    ]
    return {
        "kind": kind,
        "rows": rows,
        "total_text": number(sum(counted.values())),
        "list_url": base,
    }


class RecordsPanel(Component):
    """ "Your records" on the dashboard: per kind of record the user works, the count in each state."""

    name = "records_by_state"
    template_name = "records/admin/home_records.html"
    order = 60  # after "Your work" of the communications staff, before Wagtail's own panels

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"sections": [state_counts(kind) for kind in kinds_for(request.user)], "request": request}

    def render_html(self, parent_context=None):
        if not kinds_for(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)


def inbox_counts(user):
    """For each kind the user works that has an inbox state: how many records wait in it, and the filtered list."""
    found = []
    for kind in kinds_for(user):
        if not kind.inbox:
            continue
        count = kind.model._default_manager.filter(**{kind.field: kind.inbox}).count()
        found.append(
            {
                "kind": kind,
                "state": kind.states(kind.inbox).label,
                "count": count,
                "count_text": number(count),
                "url": f"{reverse(kind.list_url_name)}?{urlencode({kind.field: kind.inbox})}",
            }
        )
    return found


class InboxSummaryItem(SummaryItem):
    """At the top of the admin home: "2 Grant applications · Submitted", each a link to the filtered list."""

    order = 50
    template_name = "records/admin/home_inbox.html"

    def get_context_data(self, parent_context):
        return {"inboxes": inbox_counts(self.request.user)}

    def is_shown(self):
        return any(kind.inbox for kind in kinds_for(self.request.user))


class LinkSummaryItem(SummaryItem):
    """One line of the summary at the top of the admin home for a person's own queue ("3 reviews to do"): a
    subclass says who sees it (``is_shown``) and gives ``key``, ``icon``, ``url()`` and ``text(user)``."""

    order = 40
    template_name = "records/admin/home_link.html"
    key = ""
    icon = "tasks"

    def url(self):
        raise NotImplementedError

    def text(self, user):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {"key": self.key, "icon": self.icon, "url": self.url(), "text": self.text(self.request.user)}

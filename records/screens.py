"""Pieces that the records apps' staff screens in the Wagtail admin share.

``history_rows`` reads a record's audit trail with readable state labels (and an app's own wording of
its other actions), ``file_link`` describes a private file for a template, ``post_only`` answers
anything but a POST with 405, ``MoveForm`` / ``BulkMoveForm`` offer a state machine's permitted moves,
``AdminScreen`` gives a staff screen its header (Home › its title, as Wagtail's own listings have),
``confirm_move_page`` asks for the confirmation and the reason of a move that comes with a warning
(``records.statemachine.NeedsConfirmation``), and ``BulkMoveView`` moves every record of a filtered list that
can make the chosen move. The list
pieces of ``records.listing`` (``IntakeRecordPolicy``, ``PlainColumn``, ``PlainTitleColumn``) are
re-exported here.
"""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import audit, display
from .files import download_url
from .listing import IntakeRecordPolicy, PlainColumn, PlainTitleColumn  # noqa: F401  (re-exported for the apps)
from .statemachine import TransitionNotAllowed


def history_rows(obj, machine, describe=None):
    """The audit entries of ``obj`` with readable state labels; ``describe(entry)`` may word other actions."""
    rows = []
    for entry in audit.history(obj):
        rows.append(
            {
                "entry": entry,
                "from_label": machine.label(entry.from_state) if entry.from_state else "",
                "to_label": machine.label(entry.to_state) if entry.to_state else "",
                "what": describe(entry) if describe is not None else "",
            }
        )
    return rows


def file_link(stored):
    """Name, permission-checked download URL and size of a private file (None for no file)."""
    return {"name": stored.original_name, "url": download_url(stored), "size": stored.size} if stored else None


def post_only(request):
    """A 405 response unless ``request`` is a POST (then None)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


class MoveForm(forms.Form):
    target = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, transitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.target, t.label) for t in transitions]


class ReadableInspectMixin:
    """For Wagtail inspect views of records: every field as staff should read it (``records.display``).

    Date-times in Beijing time (not as stored, in UTC), booleans as Yes/No (是/否), a language code by its
    name, numbers with separators (800,000.00), a dash for an empty value. Choice fields keep their labels.
    """

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if display.is_language_field(field_name) and isinstance(value, str):
            return display.language_name(value)
        if isinstance(value, str | bool | int | float | Decimal | datetime.date) or value is None:
            return display.readable(value)
        return value


LocalTimeInspectMixin = ReadableInspectMixin  # the earlier name


def move_record(request, obj, machine, move, back_url):
    """Answer the POST of an inspect page's ``MoveForm``: make the move and go back to ``back_url`` with a message.

    Only the moves ``machine`` offers ``request.user`` from ``obj``'s state; ``move(obj, target, user, reason)``
    is the app's service (it logs the move and sends the app's emails).
    """
    if response := post_only(request):
        return response
    form = MoveForm(request.POST, transitions=machine.available(obj, request.user))
    if not form.is_valid():
        messages.error(request, gettext("This move is not available for this record."))
        return redirect(back_url)
    try:
        move(obj, form.cleaned_data["target"], request.user, form.cleaned_data["reason"])
    except (TransitionNotAllowed, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        state = type(obj)._default_manager.filter(pk=obj.pk).values_list(machine.field_name, flat=True).first()
        messages.success(
            request, _("%(reference)s moved to “%(state)s”.") % {"reference": str(obj), "state": machine.label(state)}
        )
    return redirect(back_url)


class BulkMoveForm(forms.Form):
    target = forms.ChoiceField(label=_("Move every listed application that can make the move to"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=_("I have checked the filters: move these applications."))

    def __init__(self, *args, transitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.target, t.label) for t in transitions]


class AdminScreen(WagtailAdminTemplateMixin):
    """A staff screen of the admin (with a ``TemplateView``): its header names it, Home › title (subtitle), where
    ``WagtailAdminTemplateMixin`` alone shows only "Home"."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}
        ]


class ConfirmMoveForm(forms.Form):
    """A move that comes with warnings, made again: the staff member ticks that they go ahead, and says why."""

    target = forms.CharField(widget=forms.HiddenInput, max_length=40)
    reason = forms.CharField(
        label=_("Why do you go ahead?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the record's history with the warning."),
    )
    confirmed = forms.BooleanField(label=_("I have read the warning and go ahead."))


class ConfirmMoveScreen(AdminScreen, TemplateView):
    template_name = "records/admin/confirm_move.html"
    page_title = _("Please confirm")
    header_icon = "warning"


def confirm_move_page(request, *, record, action, cautions, action_url, back_url, form=None, hidden=None):
    """The screen that shows the ``cautions`` of ``action`` (a label such as "Send to panel review") on ``record``
    and posts a ``ConfirmMoveForm`` (with ``hidden`` extra fields) to ``action_url``; Cancel goes to ``back_url``."""
    view = ConfirmMoveScreen()
    view.setup(request)
    return view.render_to_response(
        view.get_context_data(
            record=record,
            action=action,
            cautions=cautions,
            action_url=action_url,
            back_url=back_url,
            form=form,
            hidden=hidden or {},
        )
    )


class BulkMoveView(AdminScreen, TemplateView):
    """Move every record of the filtered list that can make the chosen move (each one logged).

    Set ``machine`` (the state machine), ``move_records(queryset, target, user, reason)`` returning
    ``(moved, skipped)``, and ``index_url_name``; the viewset passes ``index_view`` and ``index_view_kwargs``
    so that the list's own filters and search choose the records.
    """

    template_name = "records/admin/bulk_move.html"
    page_title = _("Bulk move")
    header_icon = "resubmit"
    machine = None
    move_records = None
    index_view = None
    index_view_kwargs = None
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        listing = self.index_view(**self.index_view_kwargs)
        listing.setup(request, *args, **kwargs)
        self.queryset = listing.get_queryset()
        self.transitions = self.machine.bulk_transitions(request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = self.machine.field_name
        counts = {t.target: self.queryset.filter(**{f"{field}__in": t.sources}).count() for t in self.transitions}
        context.update(
            form=kwargs.get("form") or BulkMoveForm(transitions=self.transitions),
            total=self.queryset.count(),
            movable=[(t, counts[t.target]) for t in self.transitions],
            back_url=reverse(self.index_url_name) + ("?" + self.request.GET.urlencode() if self.request.GET else ""),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = BulkMoveForm(request.POST, transitions=self.transitions)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            moved, skipped, *notes = self.move_records(
                self.queryset, form.cleaned_data["target"], request.user, form.cleaned_data["reason"]
            )
        except (TransitionNotAllowed, PermissionDenied) as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, self.done_message(form.cleaned_data["target"], moved, skipped))
        for note in notes[0] if notes else ():
            messages.warning(request, str(note))  # in the staff member's language, now (not when stored)
        return redirect(self.get_context_data()["back_url"])

    def done_message(self, target, moved, skipped):
        """What the bulk move did, in words (``move_records`` may add notes of its own: a third item, a list)."""
        counts = {"moved": moved, "skipped": skipped}
        return _("%(moved)s application(s) moved, %(skipped)s left as they were.") % counts

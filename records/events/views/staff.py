"""Events staff's screens beyond plain listing: a registration's page with its history and moves, an event's
page with its counts, capacity, attendee list exports and history."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import InspectView

from records.permissions import group_required
from records.screens import MoveForm, ReadableInspectMixin, history_rows, post_only
from records.statemachine import TransitionNotAllowed

from .. import services
from ..machine import REGISTRATION
from ..models import EventCapacity, Registration
from ..roles import EVENTS_STAFF

events_staff_only = group_required(EVENTS_STAFF)


def _capacity_text(value):
    return _("no limit") if value is None else str(value)


def describe(entry):
    """Words for the events app's own audit entries (None: the shared history table's default)."""
    data = entry.data or {}
    if entry.action == "registered":
        return _("Registered through the public form")
    if entry.action == "capacity_changed":
        return _("Capacity changed from %(old)s to %(new)s") % {
            "old": _capacity_text(data.get("capacity_from")),
            "new": _capacity_text(data.get("capacity_to")),
        }
    if entry.action == "moved" and entry.to_state == Registration.Status.CONFIRMED:
        if data.get("cause") == "cancellation":
            return _("Moved up from the waiting list: %(reference)s was cancelled") % {"reference": data["freed_by"]}
        if data.get("cause") == "capacity":
            return _("Moved up from the waiting list: the capacity was raised")
    return ""


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=0,
        max_value=100000,
        required=False,
        help_text=_(
            "Places available; leave empty for no limit. A larger capacity moves the waiting list up at once "
            "(each one is emailed). A smaller one takes no place away."
        ),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500, widget=forms.Textarea({"rows": 2}))


def attendee_list_url(event_key, export_format):
    query = {"event": event_key, "status": Registration.Status.CONFIRMED, "export": export_format}
    return reverse("events_registration:index") + "?" + urlencode(query)


class RegistrationInspectView(ReadableInspectMixin, InspectView):
    template_name = "events/admin/registration_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        transitions = REGISTRATION.available(registration, self.request.user)
        seats = EventCapacity.objects.filter(event_key=registration.event_key).first()
        context.update(
            registration=registration,
            status_label=REGISTRATION.label(registration.status),
            move_form=MoveForm(transitions=transitions) if transitions else None,
            history=history_rows(registration, REGISTRATION, describe),
            event=seats,
            counts=services.registration_counts(registration.event_key),
        )
        return context


def _references(values):
    return ", ".join(values)


def move_message(registration, target, previous, outcome, *, now, capacity_before):
    """(level, words) saying what a staff move did: to which registration, who was emailed, who moved up."""
    Status = Registration.Status
    reference = registration.reference
    if target == Status.CANCELLED:
        if outcome is False:
            return messages.INFO, _("%(reference)s was already cancelled; nothing changed.") % {"reference": reference}
        if previous == Status.CONFIRMED:
            words = _(
                "Registration %(reference)s cancelled; the registrant is emailed with a calendar cancellation."
            ) % {"reference": reference}
        else:
            words = _("Registration %(reference)s cancelled; the registrant is emailed.") % {"reference": reference}
        promoted = Registration.objects.filter(event_key=registration.event_key, promoted_at=now).exclude(
            pk=registration.pk
        )
        moved_up = list(promoted.order_by("promoted_at", "pk").values_list("reference", flat=True))
        if moved_up:
            words = format_html(
                "{} {}",
                words,
                _("Moved up from the waiting list and emailed with the event's calendar file: %(references)s.")
                % {"references": _references(moved_up)},
            )
        return messages.SUCCESS, words
    words = _(
        "Registration %(reference)s confirmed from the waiting list; the registrant is emailed with the event's "
        "calendar file."
    ) % {"reference": reference}
    seats = EventCapacity.objects.filter(event_key=registration.event_key).first()
    if seats is not None and seats.capacity != capacity_before:
        words = format_html(
            "{} {}", words, _("The event was full: its capacity is now %(capacity)s.") % {"capacity": seats.capacity}
        )
    return messages.SUCCESS, words


@events_staff_only
def registration_move(request, pk):
    """Cancel a registration or confirm one from the waiting list, then say what happened."""
    if response := post_only(request):
        return response
    registration = get_object_or_404(Registration, pk=pk)
    back = reverse("events_registration:inspect", args=[registration.pk])
    form = MoveForm(request.POST, transitions=REGISTRATION.available(registration, request.user))
    if not form.is_valid():
        messages.error(request, _("This move is not available for this registration; nothing changed."))
        return redirect(back)
    target, previous, now = form.cleaned_data["target"], registration.status, timezone.now()
    seats = EventCapacity.objects.filter(event_key=registration.event_key).first()
    capacity_before = seats.capacity if seats else None
    try:
        outcome = services.move(registration, target, request.user, form.cleaned_data["reason"], now=now)
    except (TransitionNotAllowed, PermissionDenied) as error:
        messages.error(request, format_html("{} {}", error, _("Nothing changed.")))
        return redirect(back)
    level, words = move_message(registration, target, previous, outcome, now=now, capacity_before=capacity_before)
    messages.add_message(request, level, words)
    return redirect(back)


class EventInspectView(ReadableInspectMixin, InspectView):
    template_name = "events/admin/event_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        counts = services.registration_counts(event.event_key)
        listing = reverse("events_registration:index") + "?" + urlencode({"event": event.event_key})
        context.update(
            event=event,
            pages=[(language, title, (event.urls or {}).get(language, "")) for language, title in event.titles.items()],
            counts=counts,
            places_left=None if event.capacity is None else max(0, event.capacity - counts.confirmed),
            capacity_form=CapacityForm(initial={"capacity": event.capacity}),
            registrations_url=listing,
            attendees_csv=attendee_list_url(event.event_key, "csv"),
            attendees_xlsx=attendee_list_url(event.event_key, "xlsx"),
            history=history_rows(event, REGISTRATION, describe),
        )
        return context


@events_staff_only
def event_capacity(request, pk):
    if response := post_only(request):
        return response
    event = get_object_or_404(EventCapacity, pk=pk)
    form = CapacityForm(request.POST)
    if form.is_valid():
        capacity = form.cleaned_data["capacity"]
        if capacity == event.capacity:
            messages.info(
                request,
                _("The capacity was already %(capacity)s; nothing changed.") % {"capacity": _capacity_text(capacity)},
            )
            return redirect(reverse("events_event:inspect", args=[event.pk]))
        try:
            promoted = services.set_capacity(
                event.event_key, capacity, user=request.user, reason=form.cleaned_data["reason"]
            )
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Capacity changed from %(old)s to %(new)s; %(count)s registration(s) moved up from the waiting list.")
                % {
                    "old": _capacity_text(event.capacity),
                    "new": _capacity_text(capacity),
                    "count": len(promoted),
                },
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("events_event:inspect", args=[event.pk]))

"""Explicit state machines for records: only listed moves, only by permitted actors, each one logged.

A ``StateMachine`` lists ``Transition``s (from which states, to which state, who may make the move,
whether a reason is required, an optional guard, optional cautions). ``move()`` locks the record's row,
checks the move against the state stored in the database (not a stale copy), updates the state and writes
an audit entry with who, when and why, all in one transaction.

A guard refuses a move outright; a caution only warns (0 of 4 reviews are in, an offer before the
interview): the move raises ``NeedsConfirmation`` until it is made again with ``confirmed=True`` and a
reason, and the audit entry keeps what was overridden (``data["overridden"]``) and why.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit
from .permissions import in_group

APPLICANT = audit.APPLICANT
SYSTEM = audit.SYSTEM


class TransitionNotAllowed(Exception):
    """The record is not in a state from which this move can be made, or a condition is not met."""

    def __init__(self, message, code="not_allowed"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class Caution:
    """A warning about a move: ``template`` (a translatable text with ``%(name)s`` placeholders) and its ``params``.

    The ``code`` and ``params`` are kept in the audit entry of a confirmed move, so that the history can word
    the warning again in the reader's language.
    """

    code: str
    template: object
    params: dict = field(default_factory=dict)

    @property
    def message(self):
        return str(self.template) % self.params

    def as_data(self):
        return {"code": self.code, "params": self.params}


def confirmed_warnings(data, templates):
    """The warnings a staff member confirmed (``data["overridden"]`` of an audit entry), each worded again from
    ``templates`` (code -> translatable text) in the reader's language: "Confirmed despite a warning: ..."."""
    lines = []
    for caution in (data or {}).get("overridden") or ():
        template = templates.get(caution.get("code"))
        if template is None:
            continue
        try:
            text = str(template) % (caution.get("params") or {})
        except (KeyError, TypeError, ValueError):
            text = str(template)
        lines.append(_("Confirmed despite a warning: %(warning)s") % {"warning": text})
    return lines


class NeedsConfirmation(TransitionNotAllowed):
    """The move is allowed but comes with ``cautions``: make it again with ``confirmed=True`` and a reason."""

    def __init__(self, cautions):
        self.cautions = list(cautions)
        super().__init__(" ".join(caution.message for caution in self.cautions), code="confirm")


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: str
    label: str
    actors: tuple = ()  # group names, or APPLICANT / SYSTEM for moves made without a staff user
    reason_required: bool = False
    guard: object = None  # callable(obj) -> error message or None
    cautions: object = None  # callable(obj) -> list of Caution: the move needs a confirmation and a reason
    bulk: bool = False  # may be applied to many records at once from a list
    stamps: tuple = field(default=())  # names of datetime fields set to now on this move


class StateMachine:
    def __init__(self, states, transitions, field_name="status"):
        self.states = states  # a TextChoices class
        self.field_name = field_name
        self.transitions = list(transitions)
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError("Transition names must be unique.")

    def label(self, state):
        try:
            return self.states(state).label
        except ValueError:
            return state

    def find(self, source, target):
        for transition in self.transitions:
            if source in transition.sources and transition.target == target:
                return transition
        return None

    def get(self, name):
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise KeyError(name)

    def user_may(self, transition, user):
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        groups = [actor for actor in transition.actors if actor not in (APPLICANT, SYSTEM)]
        return in_group(user, *groups)

    def available(self, obj, user):
        """The moves ``user`` may make from ``obj``'s current state (guards included)."""
        state = getattr(obj, self.field_name)
        result = []
        for transition in self.transitions:
            permitted = state in transition.sources and self.user_may(transition, user)
            if permitted and (transition.guard is None or not transition.guard(obj)):
                result.append(transition)
        return result

    def cautions_for(self, transition, obj):
        """The cautions of making ``transition`` from ``obj`` as it is now (an empty list when none)."""
        return list(transition.cautions(obj)) if transition.cautions is not None else []

    def bulk_transitions(self, user):
        """The moves marked for bulk use that ``user`` may make."""
        return [t for t in self.transitions if t.bulk and self.user_may(t, user)]

    def bulk_move(self, queryset, target, user, *, reason="", move=None):
        """Move each record of ``queryset`` that can make a bulk move to ``target``; return ``(moved, skipped)``.

        Each record is moved (and logged) on its own by ``move(obj, target, user, reason)`` (default: ``self.move``),
        so an app can send its emails; a record the move is not allowed for is skipped, and so is one whose move
        needs a confirmation (``NeedsConfirmation``): that is given one record at a time, never for a whole list.
        """
        transitions = [t for t in self.transitions if t.target == target and t.bulk]
        if not transitions:
            raise TransitionNotAllowed(self.label(target), code="not_bulk")
        if not any(self.user_may(t, user) for t in transitions):
            raise PermissionDenied(_("You are not permitted to make this move."))
        move = move or (lambda obj, to, actor, why: self.move(obj, to, user=actor, reason=why))
        sources = {source for t in transitions for source in t.sources}
        moved = skipped = 0
        for obj in queryset.order_by("pk").iterator(chunk_size=500):
            if getattr(obj, self.field_name) not in sources:
                skipped += 1
                continue
            try:
                move(obj, target, user, reason)
            except TransitionNotAllowed:
                skipped += 1
            else:
                moved += 1
        return moved, skipped

    def move(
        self, obj, target, *, user=None, actor=None, reason="", data=None, extra_updates=None, at=None, confirmed=False
    ):
        """Move ``obj`` to ``target``; return the ``Transition`` made.

        ``user`` is the staff member making the move; ``actor`` (``APPLICANT`` or ``SYSTEM``) is used for
        moves made without one. Raises ``TransitionNotAllowed`` for a move not allowed from the current
        state (or a missing reason or a failed guard) and ``PermissionDenied`` for an actor not permitted.
        A move with cautions raises ``NeedsConfirmation`` unless ``confirmed`` (and then needs a reason).
        """
        model = type(obj)
        reason = (reason or "").strip()
        with transaction.atomic():
            current = (
                model._default_manager.select_for_update()
                .filter(pk=obj.pk)
                .values_list(self.field_name, flat=True)
                .first()
            )
            if current is None:
                raise TransitionNotAllowed(_("This record no longer exists."), code="missing")
            transition = self.find(current, target)
            if transition is None:
                raise TransitionNotAllowed(
                    _("A record that is “%(current)s” cannot be moved to “%(target)s”.")
                    % {"current": self.label(current), "target": self.label(target)},
                    code="invalid_transition",
                )
            if user is not None and getattr(user, "is_authenticated", False):
                if not self.user_may(transition, user):
                    raise PermissionDenied(_("You are not permitted to make this move."))
                actor_label = ""
            elif actor is not None and actor in transition.actors:
                actor_label = actor
            else:
                raise PermissionDenied(_("You are not permitted to make this move."))
            if transition.reason_required and not reason:
                raise TransitionNotAllowed(_("Please give a reason for this move."), code="reason_required")
            setattr(obj, self.field_name, current)
            if transition.guard is not None:
                problem = transition.guard(obj)
                if problem:
                    raise TransitionNotAllowed(problem, code="guard")
            cautions = self.cautions_for(transition, obj)
            if cautions and not confirmed:
                raise NeedsConfirmation(cautions)
            if cautions and not reason:
                raise TransitionNotAllowed(
                    _("Please give the reason for going ahead despite the warning."), code="reason_required"
                )
            data = dict(data or {})
            if cautions:
                data["overridden"] = [caution.as_data() for caution in cautions]
            now = at or timezone.now()
            updates = {self.field_name: target, **(extra_updates or {})}
            for stamp in transition.stamps:
                updates[stamp] = now
            model._default_manager.filter(pk=obj.pk).update(**updates)
            for name, value in updates.items():
                setattr(obj, name, value)
            audit.record(
                obj,
                "moved",
                user=user,
                actor_label=actor_label,
                from_state=current,
                to_state=target,
                reason=reason,
                data={"transition": transition.name, **(data or {})},
                at=now,
            )
        return transition

"""Panel decisions, held until released: record, change or withdraw a decision; release a call's decisions.

``decide`` records what the panel decided about an application in panel review (fund with an award, or
not) as a pending ``Decision``: the application stays in panel review and nobody is emailed. Staff may
``decide`` again (a change) or ``withdraw_decision`` until the grants office releases the call's decisions
with ``release_decisions``, after a confirmation (``release_summary``) that shows the counts and the total
award. The release moves every application to funded or not funded and emails each applicant once, in
their language. Every step is written to the application's history.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records import audit
from records.held import fingerprint

from ..machine import APPLICATION_PIPELINE
from ..models import Application, Call, Decision, DecisionRelease, Status
from ..roles import is_grants_staff
from .errors import BudgetExceeded, GrantsError
from .moves import notify_outcome

OUTCOME_TEMPLATES = {True: "grants/application_funded", False: "grants/application_not_funded"}


def _check_office(user):
    if not is_grants_staff(user):
        raise PermissionDenied(_("Only the grants office may record and release decisions."))


def parse_amount(value):
    """``value`` as an amount in CNY (two decimals, more than zero), or ``GrantsError``."""
    try:
        amount = Decimal(str(value).strip().replace(",", "")).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError) as error:
        raise GrantsError(_("Enter the award as an amount in CNY."), code="amount") from error
    if amount <= 0:
        raise GrantsError(_("The award must be more than zero."), code="amount")
    return amount


def _has_amount(value):
    return value is not None and str(value).strip() != ""


def pending_decisions(call):
    """The decisions of ``call`` not yet released, by reference."""
    return (
        Decision.objects.filter(application__call=call, release__isnull=True)
        .select_related("application", "meeting", "recorded_by")
        .order_by("application__reference")
    )


def awarded(call, exclude=None):
    """The awards of ``call``'s released funded applications."""
    queryset = Application.objects.filter(call=call, status=Status.FUNDED)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.aggregate(total=Sum("award_amount"))["total"] or Decimal("0")


def pending_awards(call, exclude=None):
    """The awards of ``call``'s pending decisions to fund."""
    queryset = Decision.objects.filter(application__call=call, release__isnull=True, funded=True)
    if exclude is not None:
        queryset = queryset.exclude(application=exclude)
    return queryset.aggregate(total=Sum("award_amount"))["total"] or Decimal("0")


def committed_awards(call, exclude=None):
    """What ``call``'s budget is committed to: released awards and pending decisions to fund."""
    return awarded(call, exclude) + pending_awards(call, exclude)


def decide(application, *, funded, user, award_amount=None, reason="", override=False, meeting=None):
    """Record (or change) the panel's pending decision on ``application``, in panel review; return it.

    Nothing is sent: the decision waits for ``release_decisions``. A decision that contradicts itself is
    refused (an award with "do not fund", "fund" without an award); an award may not exceed the requested
    budget; the call's committed total (released awards and pending decisions to fund) may not exceed its
    budget unless ``override`` is set with a ``reason``. Each recording or change is logged.
    """
    _check_office(user)
    reason = (reason or "").strip()
    if not funded and _has_amount(award_amount):
        raise GrantsError(
            _(
                "“Do not fund” was chosen, but an award of CNY %(amount)s is filled in. A decision not to fund "
                "carries no award: clear the award, or choose “Fund”."
            )
            % {"amount": _display_amount(award_amount)},
            code="contradiction",
        )
    if funded and not _has_amount(award_amount):
        raise GrantsError(_("Enter the award amount to fund this application."), code="amount")
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.PANEL_REVIEW:
            raise GrantsError(
                _("Only an application in panel review can be decided; this one is “%(status)s”.")
                % {"status": locked.get_status_display()},
                code="not_in_panel",
            )
        award, over, committed = None, False, None
        if funded:
            award = parse_amount(award_amount)
            if award > locked.requested_budget:
                raise GrantsError(_("The award cannot be larger than the requested budget."), code="over_request")
            committed = committed_awards(call, exclude=locked)
            over = committed + award > call.total_budget
            if over and not override:
                raise BudgetExceeded(
                    _(
                        "Funding this application would take the call to CNY %(total)s, over its budget of CNY "
                        "%(budget)s. Confirm an override with a reason to go ahead."
                    )
                    % {"total": f"{committed + award:,.2f}", "budget": f"{call.total_budget:,.2f}"},
                    code="budget",
                )
            if over and not reason:
                raise GrantsError(_("Please give the reason for going over the budget."), code="reason_required")
        now = timezone.now()
        values = {
            "funded": bool(funded),
            "award_amount": award,
            "meeting": meeting,
            "reason": reason,
            "budget_override": over,
            "recorded_by": user,
            "changed_at": now,
        }
        decision = Decision.objects.select_for_update().filter(application=locked).first()
        if decision is not None and not decision.is_pending:
            raise GrantsError(_("The decision on this application has been released already."), code="released")
        action = "decision_changed" if decision is not None else "decision_recorded"
        if decision is None:
            decision = Decision.objects.create(application=locked, recorded_at=now, **values)
        else:
            for name, value in values.items():
                setattr(decision, name, value)
            decision.save()
        data = {"funded": bool(funded), "budget_override": over}
        if award is not None:
            data.update(award=str(award), committed_before=str(committed))
        if meeting is not None:
            data["meeting"] = meeting.pk
        audit.record(locked, action, user=user, reason=reason, data=data, at=now)
    application.decision = decision
    return decision


def _display_amount(value):
    try:
        return f"{Decimal(str(value).strip().replace(',', '')):,.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


def withdraw_decision(application, user, reason=""):
    """Withdraw the pending decision on ``application`` (before release); the application stays in panel review."""
    _check_office(user)
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=application.call_id)
        decision = Decision.objects.select_for_update().filter(application=application).first()
        if decision is None:
            raise GrantsError(_("There is no decision on this application to withdraw."), code="missing")
        if not decision.is_pending:
            raise GrantsError(_("The decision on this application has been released already."), code="released")
        data = {"funded": decision.funded, "award": str(decision.award_amount) if decision.award_amount else None}
        decision.delete()
        audit.record(application, "decision_withdrawn", user=user, reason=(reason or "").strip(), data=data)


def discard_pending(application, user=None, actor_label=""):
    """Drop the pending decision of an application that leaves panel review another way (withdrawn)."""
    deleted, _counts = Decision.objects.filter(application=application, release__isnull=True).delete()
    if deleted:
        audit.record(application, "decision_discarded", user=user, actor_label=actor_label)


def _fingerprint(decisions):
    return fingerprint((d.pk, d.application_id, d.funded, d.award_amount, d.changed_at.isoformat()) for d in decisions)


def release_summary(call):
    """What releasing ``call``'s pending decisions would do: the decisions, counts, total award, budget figures,
    and the ``fingerprint`` that the release must be given back."""
    decisions = list(pending_decisions(call))
    funded = [d for d in decisions if d.funded]
    total = sum((d.award_amount for d in funded), Decimal("0"))
    before = awarded(call)
    return {
        "decisions": decisions,
        "count": len(decisions),
        "funded": len(funded),
        "not_funded": len(decisions) - len(funded),
        "total_award": total,
        "awarded_before": before,
        "budget": call.total_budget,
        "remaining_after": call.total_budget - before - total,
        "over_budget": [d for d in funded if d.budget_override],
        "fingerprint": _fingerprint(decisions),
    }


def release_decisions(call, user, *, fingerprint):
    """Release every pending decision of ``call``: each application becomes funded or not funded and its
    principal investigator is emailed once, in their language. Returns the ``DecisionRelease``.

    ``fingerprint`` is the one ``release_summary`` gave the confirmation screen: when the pending decisions
    changed since (a change, a new decision, a withdrawal, or a release by a colleague), nothing is released
    and ``GrantsError`` says so. The call's row is locked, so two releases at once never email anyone twice.
    """
    _check_office(user)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        decisions = list(pending_decisions(call))
        if not decisions:
            raise GrantsError(_("No decision of this call is waiting to be released."), code="nothing")
        if _fingerprint(decisions) != fingerprint:
            raise GrantsError(
                _(
                    "The pending decisions changed after you checked them (%(count)s are pending now). Nothing was "
                    "released: please check them again."
                )
                % {"count": len(decisions)},
                code="changed",
            )
        now = timezone.now()
        funded = [d for d in decisions if d.funded]
        release = DecisionRelease.objects.create(
            call=call,
            released_by=user,
            released_at=now,
            funded=len(funded),
            not_funded=len(decisions) - len(funded),
            total_award=sum((d.award_amount for d in funded), Decimal("0")),
        )
        for decision in decisions:
            application = decision.application
            application.call = call
            Application.objects.filter(pk=application.pk).update(
                award_amount=decision.award_amount, panel_meeting=decision.meeting
            )
            application.award_amount, application.panel_meeting = decision.award_amount, decision.meeting
            data = {"release": release.pk, "budget_override": decision.budget_override}
            if decision.funded:
                data["award"] = str(decision.award_amount)
            APPLICATION_PIPELINE.move(
                application,
                Status.FUNDED if decision.funded else Status.NOT_FUNDED,
                user=user,
                reason=decision.reason,
                data=data,
                at=now,
            )
            notify_outcome(application, OUTCOME_TEMPLATES[decision.funded])
        Decision.objects.filter(pk__in=[d.pk for d in decisions]).update(release=release)
    return release

from records.statemachine import TransitionNotAllowed


class GrantsError(TransitionNotAllowed):
    """A grants rule refused the action; ``message`` says why in the user's language."""


class SubmissionRefused(GrantsError):
    """A public submission was refused (call closed, institution not approved, budget over the cap, ...)."""


class ConflictOfInterest(GrantsError):
    """A reviewer with a conflict of interest was to be assigned."""


class BudgetExceeded(GrantsError):
    """Funding would take the call over its budget and no explicit override was given."""

from records.statemachine import TransitionNotAllowed


class RecruitmentError(TransitionNotAllowed):
    """A recruitment rule refused the action; ``message`` says why in the user's language."""


class ApplicationRefused(RecruitmentError):
    """The application cannot be accepted; ``message`` says why in the applicant's language."""


class SlotTaken(RecruitmentError):
    """The time slot already holds a candidate."""

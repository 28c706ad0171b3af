from records.statemachine import TransitionNotAllowed


class DonationsError(TransitionNotAllowed):
    """A donations rule refused the action; ``message`` says why in the user's language."""


class PledgeRefused(DonationsError):
    """A public pledge was refused (designation not offered, amount out of range, consent missing)."""


class OverPledge(DonationsError):
    """A payment would take the payments over the pledge and no explicit note was given."""

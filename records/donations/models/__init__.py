"""Donation models, re-exported from the modules that define them."""

from .bank import BankTransferDetails  # noqa: F401
from .designations import Designation, ProgressNote  # noqa: F401
from .pledges import CENT, MAX_AMOUNT, DonorType, Payment, PaymentMethod, Pledge, Status  # noqa: F401
from .settings import FoundationSettings  # noqa: F401

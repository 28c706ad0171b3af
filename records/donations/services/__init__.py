"""The donations back office's interface: plain functions that the public pages and the staff screens call.

Public pages call ``submit_pledge``, ``active_designations`` and ``public_donor_list``; staff screens call
``record_agreement``, ``record_payment``, ``move`` / ``cancel``, ``totals`` and ``donor_report_pdf``.
"""

from .errors import DonationsError, OverPledge, PledgeRefused  # noqa: F401
from .intake import PLEDGE_KIND, PLEDGE_PREFIX, active_designations, check_pledge, submit_pledge  # noqa: F401
from .moves import RECEIPT_PREFIX, cancel, move, record_agreement, record_payment  # noqa: F401
from .reports import band, donor_report, donor_report_pdf, public_donor_list, totals, years  # noqa: F401

"""全球医学科技动态, the monthly digest, as a package: the page models, the editor's form of an issue, the index's
listing, the JSON-LD and the feed parts.

What callers import from ``content.pages.digest`` is re-exported here.
"""

from .forms import DigestIssueForm
from .listing import LATEST_ON_INDEX
from .models import (
    ISSUES_PER_VOLUME,
    DigestIndexPage,
    DigestIssuePage,
    first_of_month,
    unfinished_drafts_notice,
)

__all__ = [
    "ISSUES_PER_VOLUME",
    "LATEST_ON_INDEX",
    "DigestIndexPage",
    "DigestIssueForm",
    "DigestIssuePage",
    "first_of_month",
    "unfinished_drafts_notice",
]

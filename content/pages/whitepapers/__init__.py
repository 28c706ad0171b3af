"""白皮书, white papers, as a package: the page models, the index, the DOI and ISBN validators and the JSON-LD part.

What callers import from ``content.pages.whitepapers`` is re-exported here (the migrations name the validators
by this path).
"""

from .index import WHITE_PAPERS_PER_PAGE, WhitePaperIndexPage
from .models import KeyFindingBlock, KeyFindingsBlock, WhitePaperAuthor, WhitePaperPage
from .validators import DOI_PATTERN, normalize_isbn, validate_doi, validate_isbn

__all__ = [
    "DOI_PATTERN",
    "WHITE_PAPERS_PER_PAGE",
    "KeyFindingBlock",
    "KeyFindingsBlock",
    "WhitePaperAuthor",
    "WhitePaperIndexPage",
    "WhitePaperPage",
    "normalize_isbn",
    "validate_doi",
    "validate_isbn",
]

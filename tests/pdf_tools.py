"""poppler-utils (pdffonts, pdftotext): the tests that read generated PDFs (donation receipts) check with them which
fonts a PDF embeds and what text it reads as.

Those tests skip, naming what is missing; in CI (CI set, or REQUIRE_BROWSER=1) they fail instead: .ci/run installs
the package, so a run that lacks it would otherwise pass without checking the receipts.
"""

import os
import shutil

import pytest


def require_poppler():
    """Skip (in CI: fail) unless pdffonts and pdftotext are on PATH."""
    missing = [tool for tool in ("pdffonts", "pdftotext") if shutil.which(tool) is None]
    if missing:
        message = f"this check needs {' and '.join(missing)} (apt-get install poppler-utils; .ci/run installs it)"
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

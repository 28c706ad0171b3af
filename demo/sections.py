"""Loaders for sections with their own page types, run after the main demo tree.

Each entry is a callable ``(homes: dict[str, HomePage], stdout) -> int``: ``homes`` maps a language
code ("zh-hans", "en") to that language's home page; the callable creates what is missing (and
nothing that exists already), may write progress lines to ``stdout`` (which may be None), and
returns how many objects it created. Append a loader here, e.g. the digest issues:

    from demo.digest import load_digest
    SECTION_LOADERS.append(load_digest)
"""

SECTION_LOADERS = []

from demo.digest import load as load_digest  # noqa: E402

SECTION_LOADERS.append(load_digest)

from demo.events import load as load_events  # noqa: E402
from demo.jobs import load as load_jobs  # noqa: E402
from demo.whitepapers import load as load_white_papers  # noqa: E402

SECTION_LOADERS += [load_white_papers, load_events, load_jobs]

from demo.foundation import load as load_foundation  # noqa: E402

SECTION_LOADERS.append(load_foundation)

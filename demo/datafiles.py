"""The demo's texts and their structure live in data files, ``demo/data/<name>.json``; this reads one.

The Python modules beside it hold only the loading logic: they read their file here and give the texts the
shapes their loaders use. A text that states a figure of the seeds names it, ``{PIS_PLANNED_2024}``, and
``read(name, facts=True)`` fills it in from ``demo.facts`` (``{wan_yuan__FUND_TOTAL_AWARDED_CNY_2023}``: that
figure through ``facts.wan_yuan``), so a page and a test can never disagree; ``{{`` and ``}}`` are braces.
"""

import json
from pathlib import Path

from . import facts as F

DATA_DIR = Path(__file__).resolve().parent / "data"


class _Facts(dict):
    def __missing__(self, key):
        function, _, argument = key.partition("__")
        if not argument:
            return getattr(F, key)
        return getattr(F, function)(getattr(F, argument))


def _fill(value, figures):
    if isinstance(value, str):
        return value.format_map(figures)
    if isinstance(value, list):
        return [_fill(item, figures) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, figures) for key, item in value.items()}
    return value


def read(name, facts=False):
    """The parsed contents of ``demo/data/<name>.json`` (a fresh copy on each call), its figures filled in if
    ``facts``."""
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    return _fill(data, _Facts()) if facts else data

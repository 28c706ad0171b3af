"""Sample issues of 《全球医学科技动态》 (Global Medical Science & Technology Digest), December 2025 to November 2026.

Everything here is SAMPLE DEMO CONTENT (示例内容), written as an editor would summarise common kinds of medical
science and technology news. No item reports a real person, a named real trial or a specific real result:
the sources are generic (“a national medicines regulator”) or clearly fictional outlets marked as samples, and
every source link points to example.org.

The texts are in ``demo/data/digest.json``; this module gives them the shapes the digest loader uses.
"""

import datetime

from .datafiles import read

_DATA = read("digest")

# slug: (sort order, 中文, English, 中文说明, English description)
FIELDS = {
    slug: (field["order"], field["zh"], field["en"], field["description_zh"], field["description_en"])
    for slug, field in _DATA["fields"].items()
}

# key: (中文名称, English name). Generic kinds of source or clearly fictional sample outlets.
SOURCES = {key: (source["zh"], source["en"]) for key, source in _DATA["sources"].items()}

INDEX = _DATA["index"]

NOTE_SAMPLE = _DATA["note_sample"]

# The covers', PDF editions' and notes' own words; {month} and {title} are filled in by the loader.
TEXTS = _DATA["texts"]


def _item(item):
    """day: (month offset, day); month offset -1 means the month before the issue's month."""
    return {
        "field": item["field"],
        "source": item["source"],
        "day": tuple(item["day"]),
        "zh": (item["zh"]["headline"], item["zh"]["summary"]),
        "en": (item["en"]["headline"], item["en"]["summary"]),
    }


# Each issue: month, editor's theme (zh, en), items. Items: (zh headline, zh summary), (en headline, en summary).
ISSUES = [
    {
        "month": datetime.date.fromisoformat(issue["month"]),
        "theme": (issue["theme"]["zh"], issue["theme"]["en"]),
        "items": [_item(item) for item in issue["items"]],
    }
    for issue in _DATA["issues"]
]

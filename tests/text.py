"""Pages read as their text reads: the Chinese words of titles, card titles, table cells and captions come each in
``<span class="w">`` (the ``phrases`` and ``words`` filters of ``smart_tags``, which keep a word whole on a line),
so a test that looks for a title in a page's HTML reads it without those spans."""

import re

WORD_SPAN = re.compile(r'<span class="w">([^<]*)</span>')


def unwrap_words(html):
    """``html`` without the word spans (their text kept)."""
    return WORD_SPAN.sub(r"\1", str(html))

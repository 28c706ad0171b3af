"""Held outcomes: decisions recorded as pending, then released in a batch after a confirmation.

Grants decisions and HR offers and rejections are held before anyone is told. The confirmation screen shows
what a release will send (counts, the total award) and carries the ``fingerprint`` of exactly those pending
items; the release refuses when the pending items no longer match it (someone changed, added or withdrew one
meanwhile), so what is sent is always what was confirmed. A release locks what it releases and marks it
released in the same transaction as the emails are queued: a double click or two colleagues releasing at
once send each email once.
"""

import hashlib


def fingerprint(items):
    """A short digest of ``items``, an iterable of tuples of plain values (ids, choices, amounts, timestamps)."""
    rows = sorted("|".join("" if value is None else str(value) for value in item) for item in items)
    text = "\n".join(rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]

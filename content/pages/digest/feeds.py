"""The digest's feeds as its pages reach them: the RSS and Atom routes of an index, and an issue's feed id.

The feeds themselves (``content.feeds``: built with feedgen, cached, served with ETag and Last-Modified) are made
from the digest's pages, so they import the pages; the pages must not import them back (no import circle in
content, tests/content/test_import_cycles.py). The content app hands the feeds to the pages when it is ready
(``ContentConfig.ready`` calls ``connect``), as it connects its signal handlers.
"""

_feeds = None


def connect(feeds):
    """Serve the digest's feeds with ``feeds`` (a module with ``feed_response`` and ``issue_guid``)."""
    global _feeds
    _feeds = feeds


def serve(index, request, kind):
    """The response of a digest index's feed: ``kind`` is "rss" or "atom"."""
    return _feeds.feed_response(index, request, kind)


def issue_guid(issue):
    """The feed GUID / Atom id of an issue."""
    return _feeds.issue_guid(issue)

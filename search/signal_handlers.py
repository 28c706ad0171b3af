"""Keep the public index in step with the public content: each committed change is one background task.

``content.publishing`` sends one ``public_content_changed`` signal per transaction that changed public output
(pages published, unpublished, moved, renamed, deleted or made private; snippets, images and documents pages
show); the index follows it in one task (``tasks.follow_change``): a bulk publish or a deleted subtree is one task.
"""

from content.publishing import public_content_changed

from . import tasks


def on_public_content_changed(sender, change, **kwargs):
    tasks.follow_change.enqueue(change.as_data())


def connect():
    public_content_changed.connect(on_public_content_changed, dispatch_uid="search-public-content-changed")

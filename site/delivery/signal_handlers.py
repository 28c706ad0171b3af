"""The delivery room's reaction to publishing: the static site follows.

``content.publishing`` sends one ``public_content_changed`` signal when a transaction that changed the public
output commits; the page cache needs nothing from here (it reads content's one generation, which that transaction
moved on). When static publishing is enabled (``STATIC_BUILD_DIR`` set) the change becomes one background task
(``update_static_site``): the pages changed, moved or deleted (a page deleted with its children, or a bulk publish,
is one update), or every page when something pages show changed (a snippet, a setting, an image, a document, a site
or a locale). The front server's copy (``STATIC_SITE_FRONT``, ``delivery.staticgen.front``) stops being served at
once, before the task runs: nginx hands every page to Django until the task has caught up.
"""

from content.publishing import public_content_changed

from .staticgen import front
from .staticgen.incremental import enabled


def on_public_content_changed(sender, change, **kwargs):
    from .tasks import update_static_site

    if not enabled():
        return
    changed, removed, everything = sorted(change.page_ids), sorted(change.deleted), change.shown_elsewhere
    if front.enabled():  # nginx stops serving the copy now; the task serves it again once it has caught up
        front.suspend(changed, removed, everything)
    update_static_site.enqueue(changed, removed, everything)


def connect():
    public_content_changed.connect(on_public_content_changed, dispatch_uid="delivery-public-content-changed")

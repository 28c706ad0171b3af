"""Background tasks of the delivery room (django-tasks): keeping the generated static site current."""

from django_tasks import task


@task()
def update_static_site(page_ids, removed_ids=(), everything=False):
    """Rewrite the files of the static site (STATIC_BUILD_DIR) that these changed and deleted pages affect (with
    ``everything``, a snippet, image, document, site or locale changed: every page's)."""
    from .staticgen import front
    from .staticgen.incremental import update_pages

    if front.enabled():  # every change noted since the copy was suspended, not only these
        done, served, _summary = front.refresh()
        return {"front": done, "served": served}
    summary = update_pages(page_ids, removed_ids, everything=everything)
    return {"written": len(summary.written), "removed": len(summary.removed), "seconds": round(summary.seconds, 3)}


@task()
def refresh_front_site(full=True):
    """Build the front server's copy of the pages again (``delivery.staticgen.front.refresh``): pages that show the
    date (upcoming events, open calls) follow the clock, as Django's own kept fragments do."""
    from .staticgen import front

    if not front.enabled():
        return {"front": "off"}
    done, served, _summary = front.refresh(full=full)
    return {"front": done, "served": served}

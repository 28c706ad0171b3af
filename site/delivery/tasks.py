"""Background tasks of the delivery room (django-tasks): keeping the generated static site current."""

from django_tasks import task


@task()
def update_static_site(page_ids, removed_ids=()):
    """Rewrite the files of the static site (STATIC_BUILD_DIR) that these changed and deleted pages affect."""
    from .staticgen.incremental import update_pages

    summary = update_pages(page_ids, removed_ids)
    return {"written": len(summary.written), "removed": len(summary.removed), "seconds": round(summary.seconds, 3)}

"""Background tasks (django-tasks): publishing stays fast, the index catches up in a worker (or in process)."""

from django_tasks import task

from . import index


@task()
def follow_change(change):
    """Bring the index in line with one committed change of public content (``content.publishing``)."""
    return index.follow_change(change)


@task()
def update_pages(page_ids):
    """Index the pages that may be indexed; drop the others (unpublished, private, gone)."""
    return index.update_ids(page_ids)


@task()
def update_subtree(page_id):
    """Re-index a page and all its descendants (after a move, a slug change or a privacy change)."""
    return index.update_subtree(page_id)


@task()
def remove_pages(page_ids):
    index.remove_ids(page_ids)
    return len(page_ids)

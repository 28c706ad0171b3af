"""The models of the ``delivery`` app label: the records of the background tasks (``TaskRetry``, ``TaskWorker``),
defined with their code in ``background.models``.

They keep the label they were created under and its migrations (``delivery/migrations``), so that their tables,
content types and permissions (``delivery.retry_task``) stay as they are in every database. Imported here, they
belong to this app for Django: its ``post_migrate`` creates their content types and permissions.
"""

from background.models import TaskRetry, TaskWorker

__all__ = ["TaskRetry", "TaskWorker"]

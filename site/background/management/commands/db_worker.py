"""``manage.py db_worker``: django-tasks-db's worker with a heartbeat (``background.task_workers``), so that the
scheduler tells a worker that is busy with a long task from one that died in the middle of it.

The same command, options and behaviour as the library's (this app comes before ``django_tasks_db`` in
``INSTALLED_APPS``, so its command wins); only the ``TaskWorker`` row around the run is added. With ``--reload``
the parent process only watches the files: the child that runs the tasks keeps the heartbeat.
"""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as LibraryCommand

from background.task_workers import Heartbeat


class Command(LibraryCommand):
    def handle(self, *args, **options):
        if options["reload"] and not options["batch"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)
        with Heartbeat(options["worker_id"]):
            return super().handle(*args, **options)

"""Task queues as they fail from outside the site (the only thing the tests fake about them)."""

from django.db import OperationalError
from django_tasks.backends.base import BaseTaskBackend

AWAY = {"default": {"BACKEND": "tests.queues.QueueAway"}}


class QueueAway(BaseTaskBackend):
    """A task queue that cannot be reached: its database went away just after the submission's commit."""

    def enqueue(self, task, args, kwargs):
        raise OperationalError("server closed the connection unexpectedly")

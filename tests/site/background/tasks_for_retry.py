"""Tasks for the retry tests (``test_task_retries.py``, ``test_task_recovery.py``), run by the real database-queue
worker.

Each run is counted in a file whose path is the task's first argument, so the count survives whatever process
runs the task and every test decides deterministically which runs fail.
"""

import time
from pathlib import Path

from django_tasks import task


def count_run(counter):
    """Add one run to the file ``counter``; return the number of runs so far, this one included."""
    path = Path(counter)
    runs = int(path.read_text()) + 1 if path.exists() else 1
    path.write_text(str(runs))
    return runs


def runs(counter):
    path = Path(counter)
    return int(path.read_text()) if path.exists() else 0


@task(priority=5, queue_name="default")
def flaky(counter, failures, *, label=""):
    """Fails its first ``failures`` runs (the message names a person's address, which staff must not see)."""
    run = count_run(counter)
    if run <= failures:
        raise ConnectionError(f"run {run} of {label} could not reach the server (ask grace.sample@example.org)\nmore")
    return run


@task()
def always_fails(counter):
    run = count_run(counter)
    raise RuntimeError(f"run {run} failed")


@task()
def waits_for(counter, gate, timeout=120):
    """Counts its run, then waits until the file ``gate`` exists (so a test can kill its worker mid-task); gives up
    with ``TimeoutError`` after ``timeout`` seconds, so it never blocks a worker for ever."""
    run = count_run(counter)
    deadline = time.monotonic() + timeout
    while not Path(gate).exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"run {run}: {gate} never appeared")
        time.sleep(0.05)
    return run

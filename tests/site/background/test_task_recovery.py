"""A background task whose worker died in the middle of it (SIGKILL, out of memory, the machine restarted) does not
stay "running" for ever: a scheduler tick marks it failed once its worker has stopped or fallen silent for
``TASK_WORKER_SILENCE`` (for a worker without heartbeat: once it has been running longer than
``TASK_RUNNING_TIMEOUT``), and from then on it is retried, counted and given up like any failure, and staff see why.
A task whose worker is alive is never taken away from it, however long it runs.

The real queue, the real worker (``manage.py db_worker`` as a separate process with its heartbeat, killed with
SIGKILL mid-task; in process for the retries) and the real scheduler tick. Instead of waiting for the silence or
the timeout, a test moves the last heartbeat or the run's start back in the database. Bounded in time: every wait
has a deadline, and the worker process started here is killed here whatever happens.
"""

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background import task_retries, task_workers
from background.models import TaskRetry, TaskWorker
from tests.factories.concurrency import run_together
from tests.site.background.tasks_for_retry import always_fails, runs, waits_for
from tests.site.background.test_task_retries import QUEUE, report, run_worker, scheduler_tick, staff

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 600  # TASK_RUNNING_TIMEOUT in these tests, in seconds
SILENCE = 60  # TASK_WORKER_SILENCE in these tests, in seconds
EXPLANATION_EN = (
    "The worker running this task stopped before it finished (it was killed, ran out of memory or the server "
    "restarted), so the scheduler counted the run as failed."
)
EXPLANATION_ZH = (
    "运行此任务的后台进程在任务完成前已停止（被强制终止、内存不足或服务器重启），因此调度进程将这次运行记为失败。"
)
SILENT_EN = "Silent: taken for stopped (killed, out of memory or its server down)."
SILENT_ZH = "无响应：视为已停止（被强制终止、内存不足或所在服务器宕机）。"
NO_WORKER_RUNNING_EN = "No task worker is running: background tasks wait in the queue until one is started."
NO_WORKER_RUNNING_ZH = "没有正在运行的任务后台进程：后台任务将在队列中等待，直到有后台进程启动。"

pytestmark = pytest.mark.django_db(transaction=True)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL=postgres://...): a worker process and concurrent ticks",
)


@pytest.fixture
def queue():
    """The database queue, retries due at once, workers taken for dead after SILENCE seconds, runs of workers
    without heartbeat taken for abandoned after TIMEOUT seconds."""
    with override_settings(
        TASKS=QUEUE, TASK_RETRY_DELAY=0, TASK_MAX_ATTEMPTS=5, TASK_RUNNING_TIMEOUT=TIMEOUT, TASK_WORKER_SILENCE=SILENCE
    ):
        yield


@pytest.fixture
def counter(tmp_path):
    return str(tmp_path / "runs")


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting after {timeout} s for {what}")


def has_started(counter):
    """Has the task's first run begun (its count written; the file may be caught half-written)?"""
    try:
        return runs(counter) >= 1
    except ValueError:
        return False


def database_url():
    """The test database, for a process of its own."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}/{db['NAME']}"


@pytest.fixture
def worker_process(tmp_path):
    """Start ``manage.py db_worker`` (the database queue, every queue) on the test database as its own process."""
    started = []

    def start(worker_id):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
            "TASK_WORKER_HEARTBEAT": "0.2",  # beats seen within a test
        }
        log = open(tmp_path / f"{worker_id}.log", "wb")  # noqa: SIM115 (closed below)
        command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--queue-name=*"]
        process = subprocess.Popen(
            [*command, "--interval=0.1", f"--worker-id={worker_id}", "--verbosity=2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        log.close()


def task_under_way(counter, tmp_path, worker_process, worker_id):
    """A task waiting for its gate file, started by a worker process of its own: ``(gate, result, worker)``."""
    gate = tmp_path / "gate"
    result = waits_for.enqueue(counter, str(gate))
    worker = worker_process(worker_id)
    wait_for(lambda: has_started(counter) or worker.poll() is not None, 120, "the worker to start the task")
    assert worker.poll() is None, (tmp_path / f"{worker_id}.log").read_text()
    return gate, result, worker


def claim(result_id, worker_id):
    """A worker claims the result (the library's own claim: RUNNING, started now, its id) and dies at once."""
    DBTaskResult.objects.get(pk=result_id).claim(worker_id)


def started_ago(result_ids, seconds):
    """Move the start of these runs ``seconds`` back, as if that much time had passed since."""
    DBTaskResult.objects.filter(pk__in=result_ids).update(
        started_at=F("started_at") - datetime.timedelta(seconds=seconds)
    )


def silent_for(worker_id, seconds):
    """Move the worker's last heartbeat ``seconds`` back, as if it had not been heard from since."""
    TaskWorker.objects.filter(worker_id=worker_id).update(seen_at=timezone.now() - datetime.timedelta(seconds=seconds))


def set_started(result_id, seconds_ago):
    DBTaskResult.objects.filter(pk=result_id).update(
        started_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )


@postgresql_only
def test_a_task_whose_worker_was_killed_is_recovered_and_retried(queue, counter, tmp_path, worker_process, client):
    gate, first, worker = task_under_way(counter, tmp_path, worker_process, "doomed-worker")
    running = DBTaskResult.objects.get(pk=first.id)
    assert (running.status, running.worker_ids) == ("RUNNING", ["doomed-worker"])

    heartbeat = TaskWorker.objects.get(worker_id="doomed-worker")
    assert (heartbeat.pid, heartbeat.stopped_at) == (worker.pid, None)

    os.killpg(worker.pid, signal.SIGKILL)  # mid-task: it never writes the outcome
    assert worker.wait(timeout=30) == -signal.SIGKILL
    scheduler_tick()  # heard from a moment ago: it might still be working, left alone
    assert DBTaskResult.objects.get(pk=first.id).status == "RUNNING"
    assert not TaskRetry.objects.exists()

    silent_for("doomed-worker", SILENCE + 1)  # the run itself started a moment ago, far from TASK_RUNNING_TIMEOUT
    scheduler_tick()  # marks it failed, then retries it, in the same tick
    failed = DBTaskResult.objects.get(pk=first.id)
    assert failed.status == "FAILED" and failed.finished_at is not None
    assert failed.exception_class_path == "background.task_retries.WorkerStopped" == task_retries.WORKER_STOPPED
    assert failed.traceback.startswith("background.task_retries.WorkerStopped: worker doomed-worker stopped while")
    assert f"longer than TASK_WORKER_SILENCE ({SILENCE} s)" in failed.traceback
    record = TaskRetry.objects.get(failed_result_id=failed.pk)
    assert (record.attempt, record.outcome) == (1, "retried")
    retry = DBTaskResult.objects.get(pk=record.retry_result_id)
    assert retry.status == "READY" and retry.args_kwargs == running.args_kwargs

    # Staff see what happened, in their language.
    ops = staff("ops", language="en")
    english = report(client, ops)
    assert f'data-task="{failed.pk}" data-state="waiting"' in english
    assert "Retried: attempt 2 is queued." in english
    assert "WorkerStopped: worker doomed-worker stopped while running this task" in english
    assert EXPLANATION_EN in english
    assert 'data-worker="doomed-worker" data-state="silent"' in english and SILENT_EN in english
    assert NO_WORKER_RUNNING_EN in english
    chinese = report(client, staff("ops-zh"))
    assert EXPLANATION_ZH in chinese
    assert "已重试：第 2 次尝试已排队等待运行。" in chinese
    assert SILENT_ZH in chinese and NO_WORKER_RUNNING_ZH in chinese

    gate.touch()
    run_worker()  # the retry runs to the end
    assert runs(counter) == 2
    done = DBTaskResult.objects.get(pk=record.retry_result_id)
    assert (done.status, done.return_value) == ("SUCCESSFUL", 2)
    scheduler_tick()  # nothing left to recover or decide
    assert DBTaskResult.objects.count() == 2 and TaskRetry.objects.count() == 1
    english = report(client, ops)
    assert f'data-task="{failed.pk}" data-state="succeeded"' in english
    assert "Retried: attempt 2 succeeded." in english and EXPLANATION_EN in english
    assert "已重试：第 2 次尝试成功。" in report(client, staff("ops-zh2"))


def test_a_running_task_younger_than_the_timeout_is_left_alone(queue, counter, tmp_path):
    gate = tmp_path / "gate"
    young = waits_for.enqueue(counter, str(gate))
    claim(young.id, "busy-worker")
    set_started(young.id, TIMEOUT - 60)
    finished = waits_for.enqueue(str(tmp_path / "other"), str(gate))
    gate.touch()
    run_worker()  # runs ``finished`` (``young`` is running already)
    set_started(finished.id, 10 * TIMEOUT)  # long ago, but it finished: not running any more
    scheduler_tick()
    assert DBTaskResult.objects.get(pk=young.id).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=finished.id).status == "SUCCESSFUL"
    assert not TaskRetry.objects.exists()
    assert task_workers.recover_abandoned_tasks() == 0

    set_started(young.id, TIMEOUT + 1)
    assert task_workers.recover_abandoned_tasks() == 1
    assert DBTaskResult.objects.get(pk=young.id).status == "FAILED"
    assert DBTaskResult.objects.get(pk=finished.id).status == "SUCCESSFUL"
    assert task_workers.recover_abandoned_tasks() == 0  # marked once

    with override_settings(TASK_RUNNING_TIMEOUT=3 * TIMEOUT):  # the setting decides what is too long
        again = waits_for.enqueue(counter, str(gate))
        claim(again.id, "busy-worker")
        set_started(again.id, 2 * TIMEOUT)
        assert task_workers.recover_abandoned_tasks() == 0
    assert task_workers.recover_abandoned_tasks() == 1


@override_settings(TASK_MAX_ATTEMPTS=2)
def test_abandoned_runs_count_as_attempts_and_are_given_up_after_the_last(queue, counter, tmp_path, client):
    first = waits_for.enqueue(counter, str(tmp_path / "gate"))
    claim(first.id, "worker-a")
    started_ago([first.id], TIMEOUT + 1)
    scheduler_tick()
    record = TaskRetry.objects.get(failed_result_id=first.id)
    assert (record.attempt, record.outcome) == (1, "retried")

    claim(record.retry_result_id, "worker-b")  # its retry's worker dies too
    scheduler_tick()  # just started: not yet
    assert DBTaskResult.objects.get(pk=record.retry_result_id).status == "RUNNING"
    started_ago([record.retry_result_id], TIMEOUT + 1)
    scheduler_tick()
    last = TaskRetry.objects.get(failed_result_id=record.retry_result_id)
    assert (last.attempt, last.outcome, last.reason) == (2, "given_up", "max_attempts")
    assert "worker worker-b stopped" in DBTaskResult.objects.get(pk=record.retry_result_id).traceback
    scheduler_tick()
    assert DBTaskResult.objects.count() == 2  # no third run

    english = report(client, staff("ops", language="en"))
    assert english.count('data-task="') == 1
    assert f'data-task="{record.retry_result_id}" data-state="given_up"' in english
    assert "Given up: every attempt failed." in english and "2 / 2" in english
    assert EXPLANATION_EN in english
    chinese = report(client, staff("ops-zh"))
    assert "已放弃：所有尝试均失败。" in chinese and EXPLANATION_ZH in chinese


def test_an_ordinary_failure_gets_no_worker_explanation(queue, counter, client):
    always_fails.enqueue(counter)
    run_worker()
    page = report(client, staff("ops", language="en"))
    assert 'data-state="will_retry"' in page and "RuntimeError: run 1 failed" in page
    assert EXPLANATION_EN not in page and "data-worker-stopped" not in page


@postgresql_only
def test_concurrent_ticks_recover_each_abandoned_run_once(queue, tmp_path):
    gate = str(tmp_path / "gate")
    count = 8
    first = [waits_for.enqueue(str(tmp_path / f"runs-{index}"), gate).id for index in range(count)]
    for index, result_id in enumerate(first):
        claim(result_id, f"worker-{index}")
    started_ago(first, TIMEOUT + 1)

    # One worker is writing its outcome at this moment (its row locked by that write): the tick leaves it alone.
    held = first[0]
    locked, release = threading.Event(), threading.Event()

    def finish_slowly():
        try:
            with transaction.atomic():
                DBTaskResult.objects.get(pk=held).set_successful(7)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    finisher = threading.Thread(target=finish_slowly)
    finisher.start()
    assert locked.wait(timeout=30)
    try:
        assert task_workers.recover_abandoned_tasks() == count - 1
    finally:
        release.set()
        finisher.join(timeout=30)
    assert not finisher.is_alive()
    assert DBTaskResult.objects.get(pk=held).status == "SUCCESSFUL"
    assert task_workers.recover_abandoned_tasks() == 0  # finished: never touched

    # More abandoned runs, then four ticks at the same moment: each run is marked failed and retried once.
    more = [waits_for.enqueue(str(tmp_path / f"more-{index}"), gate).id for index in range(count)]
    for index, result_id in enumerate(more):
        claim(result_id, f"other-{index}")
    started_ago(more, TIMEOUT + 1)

    def tick(index):
        return task_workers.recover_abandoned_tasks(), task_retries.retry_failed_tasks()

    results, errors = run_together(4, tick)
    assert errors == [None] * 4
    assert sum(recovered for recovered, _ in results) == count
    assert sum(counts["retried"] for _, counts in results) == 2 * count - 1
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 0
    assert DBTaskResult.objects.filter(status="FAILED", exception_class_path=task_retries.WORKER_STOPPED).count() == (
        2 * count - 1
    )
    assert DBTaskResult.objects.filter(status="READY").count() == 2 * count - 1  # one retry each, never two
    assert TaskRetry.objects.count() == 2 * count - 1
    assert {record.failed_result_id for record in TaskRetry.objects.all()} == {
        uuid.UUID(str(result_id)) for result_id in first[1:] + more
    }


@postgresql_only
def test_a_live_worker_keeps_its_long_task_however_long_it_runs(queue, counter, tmp_path, worker_process, client):
    gate, long_task, worker = task_under_way(counter, tmp_path, worker_process, "steady-worker")
    first_beat = TaskWorker.objects.get(worker_id="steady-worker").seen_at

    started_ago([long_task.id], 10 * TIMEOUT)  # far longer than TASK_RUNNING_TIMEOUT: its worker still beats
    wait_for(
        lambda: TaskWorker.objects.get(worker_id="steady-worker").seen_at > first_beat,
        30,
        "a heartbeat after the first",
    )
    scheduler_tick()
    assert DBTaskResult.objects.get(pk=long_task.id).status == "RUNNING"
    assert not TaskRetry.objects.exists()
    english = report(client, staff("ops", language="en"))
    assert 'data-worker="steady-worker" data-state="running"' in english and "Running" in english
    assert NO_WORKER_RUNNING_EN not in english
    chinese = report(client, staff("ops-zh"))
    assert "任务后台进程" in chinese and "运行中" in chinese and NO_WORKER_RUNNING_ZH not in chinese

    gate.touch()  # the task finishes in its own time, run once
    wait_for(lambda: DBTaskResult.objects.get(pk=long_task.id).status != "RUNNING", 60, "the task to finish")
    assert DBTaskResult.objects.get(pk=long_task.id).status == "SUCCESSFUL"
    assert runs(counter) == 1

    os.killpg(worker.pid, signal.SIGTERM)  # a clean stop is recorded
    assert worker.wait(timeout=60) == 0
    stopped = TaskWorker.objects.get(worker_id="steady-worker")
    assert stopped.stopped_at is not None
    scheduler_tick()
    assert DBTaskResult.objects.count() == 1 and not TaskRetry.objects.exists()
    english = report(client, staff("ops2", language="en"))
    assert 'data-worker="steady-worker" data-state="stopped"' in english and NO_WORKER_RUNNING_EN in english


def test_a_run_is_taken_away_at_once_when_its_worker_stopped_or_fell_silent(queue, tmp_path):
    gate = str(tmp_path / "gate")
    alive, silent, exited = (waits_for.enqueue(str(tmp_path / name), gate).id for name in ("a", "b", "c"))
    for result_id, worker_id in ((alive, "alive-worker"), (silent, "silent-worker"), (exited, "exited-worker")):
        task_workers.beat(worker_id, starting=True)
        claim(result_id, worker_id)
    started_ago([alive], 10 * TIMEOUT)  # its worker beats: never taken away, however long it runs
    silent_for("silent-worker", SILENCE - 5)  # not silent long enough yet
    task_workers.stopped("exited-worker")  # it exited while its run was still marked running

    assert task_workers.recover_abandoned_tasks() == 1
    gone = DBTaskResult.objects.get(pk=exited)
    assert gone.status == "FAILED" and gone.exception_class_path == task_retries.WORKER_STOPPED
    assert "worker exited-worker stopped while running this task: it exited before the task finished" in gone.traceback

    silent_for("silent-worker", SILENCE + 1)
    task_workers.beat("alive-worker")
    assert task_workers.recover_abandoned_tasks() == 1
    assert f"last heard from {SILENCE + 1} s ago" in DBTaskResult.objects.get(pk=silent).traceback
    assert DBTaskResult.objects.get(pk=alive).status == "RUNNING"

    task_workers.beat("silent-worker")  # heard from again (it was only cut off): its next run is its own again
    assert TaskWorker.objects.get(worker_id="silent-worker").state_at(timezone.now(), task_workers.silence()) == (
        "running"
    )
    assert task_workers.recover_abandoned_tasks() == 0


def test_the_heartbeat_is_renewed_while_a_worker_runs_and_its_exit_is_recorded(queue):
    with override_settings(TASK_WORKER_HEARTBEAT=0.05), task_workers.Heartbeat("beating-worker"):
        row = TaskWorker.objects.get(worker_id="beating-worker")
        assert (row.pid, row.stopped_at, row.seen_at) == (os.getpid(), None, row.started_at)
        wait_for(lambda: TaskWorker.objects.get(worker_id="beating-worker").seen_at > row.seen_at, 30, "a second beat")
    row = TaskWorker.objects.get(worker_id="beating-worker")
    assert row.stopped_at is not None and row.state_at(timezone.now(), task_workers.silence()) == "stopped"


def test_workers_not_heard_from_for_a_week_are_forgotten(queue, client):
    task_workers.beat("old-worker", starting=True)
    silent_for("old-worker", 8 * 24 * 3600)
    task_workers.beat("new-worker", starting=True)
    task_workers.recover_abandoned_tasks()
    assert list(TaskWorker.objects.values_list("worker_id", flat=True)) == ["new-worker"]
    TaskWorker.objects.all().delete()
    english = report(client, staff("ops", language="en"))
    assert "No task worker has run in the past week: background tasks wait in the queue until one is started." in (
        english
    )
    assert "过去一周没有任何任务后台进程运行：后台任务将在队列中等待，直到有后台进程启动。" in report(
        client, staff("ops-zh")
    )


def test_a_silence_shorter_than_three_heartbeats_is_refused_by_the_system_checks():
    assert task_workers.check_heartbeat_settings() == []
    with override_settings(TASK_WORKER_HEARTBEAT=15, TASK_WORKER_SILENCE=30):
        (error,) = task_workers.check_heartbeat_settings()
    assert error.id == "delivery.E001"

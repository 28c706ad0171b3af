"""A background task of the database queue that fails is run again by the scheduler, a bounded number of times,
and staff see it (Reports → Background problems) and may retry it at once.

The real queue: ``TASKS`` switched to ``django_tasks_db.DatabaseBackend``, the real worker (``manage.py db_worker
--batch``, in process) and the real scheduler tick. Transactional tests: the worker opens its own transactions.
"""

import datetime
import io
import logging
import signal
import threading
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.tasks import update_reference_index_task
from wagtail.users.models import UserProfile

from accounts.models import User
from background import task_retries
from background.management.commands.run_scheduler import tick
from background.models import TaskRetry
from records.notifications import Notification
from tests.factories.concurrency import run_together
from tests.site.background.tasks_for_retry import always_fails, flaky, runs

REPORT = "/admin/reports/background-problems/"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue():
    """The database queue, retries due at once (no delay) unless a test says otherwise."""
    with override_settings(TASKS=QUEUE, TASK_RETRY_DELAY=0, TASK_MAX_ATTEMPTS=5):
        yield


@pytest.fixture
def counter(tmp_path):
    return str(tmp_path / "runs")


def run_worker(backend="default"):
    """Run the real worker until no task is due; leave the signal handlers and loggers as they were."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {sig: signal.getsignal(sig) for sig in signals}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    saved = [(log, log.level, list(log.handlers)) for log in loggers]
    try:
        options = ["--batch", "--no-reload", "--no-startup-delay", "--queue-name=*", f"--backend={backend}"]
        call_command("db_worker", *options, verbosity=0, stdout=io.StringIO())
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for log, level, log_handlers in saved:
            log.setLevel(level)
            log.handlers[:] = log_handlers


def scheduler_tick():
    assert tick() == {}  # every part of the tick went well


def staff(username, *, retry=True, language="zh-hans"):
    """A staff account that may see the screen (and retry tasks, unless ``retry=False``) in ``language``."""
    group, _ = Group.objects.get_or_create(name=f"ops-{username}")
    codenames = ["access_admin", "view_notification"] + (["retry_task"] if retry else [])
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def report(client, user):
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code == 200
    return response.content.decode()


def test_a_task_that_fails_twice_is_retried_by_the_scheduler_until_it_succeeds(queue, counter, client):
    first = flaky.enqueue(counter, 2, label="nightly")
    run_worker()
    failed = DBTaskResult.objects.get(pk=first.id)
    assert failed.status == "FAILED" and runs(counter) == 1

    scheduler_tick()  # run 1 failed: retried
    run_worker()  # run 2 fails
    scheduler_tick()  # run 2 failed: retried
    run_worker()  # run 3 succeeds
    assert runs(counter) == 3

    retries = list(TaskRetry.objects.order_by("attempt"))
    assert [(r.attempt, r.outcome) for r in retries] == [(1, "retried"), (2, "retried")]
    assert retries[0].failed_result_id == uuid.UUID(first.id)
    assert retries[1].failed_result_id == retries[0].retry_result_id
    last = DBTaskResult.objects.get(pk=retries[1].retry_result_id)
    assert last.status == "SUCCESSFUL" and last.return_value == 3
    # The same task, arguments, queue, priority and backend every time.
    for result in DBTaskResult.objects.all():
        assert result.task_path == "tests.site.background.tasks_for_retry.flaky"
        assert result.args_kwargs == {"args": [counter, 2], "kwargs": {"label": "nightly"}}
        assert (result.queue_name, result.priority, result.backend_name) == ("default", 5, "default")
    assert DBTaskResult.objects.count() == 3

    scheduler_tick()  # nothing left to decide: no fourth run
    assert DBTaskResult.objects.count() == 3 and TaskRetry.objects.count() == 2

    # Staff see the task once, by its latest failure (run 2), and how its retry went.
    page = report(client, staff("ops", language="en"))
    assert page.count('data-task="') == 1
    assert f'data-task="{retries[1].failed_result_id}" data-state="succeeded"' in page
    assert "Retried: attempt 3 succeeded." in page
    assert "2 / 5" in page
    assert "flaky" in page
    # The exception class and the first line of its message only, without the address.
    assert "<td>ConnectionError: run 2 of nightly could not reach the server (ask [email])</td>" in page
    assert "grace.sample@example.org" not in page
    assert "Retry this task now" not in page  # its retry has run: nothing to retry


def test_retries_wait_longer_each_time_and_staff_can_bring_one_forward(queue, counter, client):
    with override_settings(TASK_RETRY_DELAY=60):
        first = flaky.enqueue(counter, 2)
        run_worker()
        scheduler_tick()
        failed = DBTaskResult.objects.get(pk=first.id)
        retry = TaskRetry.objects.get(failed_result_id=failed.pk)
        waiting = DBTaskResult.objects.get(pk=retry.retry_result_id)
        assert waiting.status == "READY"
        assert waiting.run_after == failed.finished_at + datetime.timedelta(seconds=60)
        run_worker()  # not due yet
        assert runs(counter) == 1

        ops = staff("ops", language="en")
        page = report(client, ops)
        assert 'data-state="waiting"' in page and "Retried: attempt 2 waits until" in page
        assert "Retry this task now" in page
        response = client.post(REPORT, {"task": str(failed.pk)}, follow=True)
        assert "The task&#x27;s waiting retry will run now." in response.content.decode()
        assert TaskRetry.objects.count() == 1  # the same retry, brought forward
        run_worker()  # run 2 fails
        assert runs(counter) == 2

        scheduler_tick()
        second = TaskRetry.objects.get(attempt=2)
        second_failure = DBTaskResult.objects.get(pk=second.failed_result_id)
        third = DBTaskResult.objects.get(pk=second.retry_result_id)
        assert third.run_after == second_failure.finished_at + datetime.timedelta(seconds=120)  # doubled

    assert [task_retries.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [0, 0, 0, 0]  # queue fixture: 0
    with override_settings(TASK_RETRY_DELAY=60):
        delays = [task_retries.retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 20)]
    assert delays == [60, 120, 240, 480, 86400]  # never more than a day


@override_settings(TASK_MAX_ATTEMPTS=3)
def test_a_task_that_always_fails_is_given_up_after_the_last_attempt(queue, counter, client):
    first = always_fails.enqueue(counter)
    for _ in range(6):
        run_worker()
        scheduler_tick()
    assert runs(counter) == 3  # TASK_MAX_ATTEMPTS runs in all, then no more
    assert [(r.attempt, r.outcome, r.reason) for r in TaskRetry.objects.order_by("attempt")] == [
        (1, "retried", ""),
        (2, "retried", ""),
        (3, "given_up", "max_attempts"),
    ]
    last_failure = TaskRetry.objects.get(attempt=3).failed_result_id

    english = report(client, staff("ops", language="en"))
    assert english.count('data-task="') == 1
    assert f'data-task="{last_failure}" data-state="given_up"' in english
    assert "Given up: every attempt failed." in english
    assert "3 / 3" in english
    assert "RuntimeError: run 3 failed" in english
    chinese = report(client, staff("ops-zh"))
    assert "已放弃：所有尝试均失败。" in chinese
    assert "立即重试此任务" in chinese
    assert "调度进程会再次运行失败的任务" in chinese

    # Staff may give a given-up task one more run; when that fails too, it is given up again.
    client.force_login(User.objects.get(username="ops"))
    response = client.post(REPORT, {"task": str(last_failure)}, follow=True)
    assert "The task was queued to run again now." in response.content.decode()
    record = TaskRetry.objects.get(failed_result_id=last_failure)
    assert record.outcome == "retried" and record.requested_by.username == "ops"
    assert client.post(REPORT, {"task": str(last_failure)}).status_code == 302
    assert TaskRetry.objects.filter(outcome="retried").count() == 3  # a second press does not queue it twice
    page = report(client, User.objects.get(username="ops"))
    assert "Retried: attempt 4 is queued. Retry requested by staff." in page
    run_worker()
    scheduler_tick()
    assert runs(counter) == 4
    assert TaskRetry.objects.get(attempt=4).outcome == "given_up"
    assert DBTaskResult.objects.filter(task_path__endswith="always_fails").count() == 4
    assert str(first.id) not in report(client, User.objects.get(username="ops"))  # shown by its latest failure


def test_a_task_whose_object_was_deleted_is_given_up_at_once(queue, client):
    # Wagtail's own task, for a page that no longer exists: it raises Page.DoesNotExist every time.
    result = update_reference_index_task.enqueue("wagtailcore", "page", 987654321)
    run_worker()
    failed = DBTaskResult.objects.get(pk=result.id)
    assert failed.status == "FAILED" and failed.exception_class_path.endswith("Page.DoesNotExist")

    ops = staff("ops", language="en")
    before = report(client, ops)
    assert 'data-state="will_give_up"' in before
    assert "Will be given up by the scheduler: the object no longer exists." in before
    assert "1 / 5" in before
    assert "Page matching query does not exist." in before

    scheduler_tick()
    record = TaskRetry.objects.get(failed_result_id=failed.pk)
    assert (record.attempt, record.outcome, record.reason) == (1, "given_up", "object_missing")
    assert record.retry_result_id is None
    assert DBTaskResult.objects.count() == 1  # not run again
    assert "Given up: the object no longer exists." in report(client, ops)
    assert "已放弃：所处理的对象已不存在。" in report(client, staff("ops-zh"))


def test_a_failure_waiting_for_the_scheduler_is_shown_in_both_languages(queue, counter, client):
    flaky.enqueue(counter, 1)
    run_worker()
    english = report(client, staff("ops", language="en"))
    assert 'data-state="will_retry"' in english
    assert "Will be retried by the scheduler: attempt 2 of 5." in english
    assert "1 background task failed." in english
    chinese = report(client, staff("ops-zh"))
    assert "调度进程将重试：第 2 次尝试（共 5 次）。" in chinese
    assert "有 1 个后台任务失败。" in chinese
    assert "失败时间" in chinese


def test_retrying_a_task_needs_the_permission(queue, counter, client):
    first = always_fails.enqueue(counter)
    run_worker()
    viewer = staff("viewer", retry=False, language="en")
    page = report(client, viewer)
    assert 'data-state="will_retry"' in page
    assert "Retry this task now" not in page
    assert client.post(REPORT, {"task": str(first.id)}).status_code == 403
    assert not TaskRetry.objects.exists() and DBTaskResult.objects.count() == 1

    client.force_login(staff("ops"))
    assert client.post(REPORT, {"task": "not-a-uuid"}).status_code == 302
    assert client.post(REPORT, {"task": str(first.id)}).status_code == 302
    record = TaskRetry.objects.get()
    assert (record.failed_result_id, record.outcome, record.attempt) == (uuid.UUID(first.id), "retried", 1)
    assert DBTaskResult.objects.get(pk=record.retry_result_id).status == "READY"


def test_one_failing_part_of_the_tick_does_not_stop_the_others(counter):
    """The notification part fails (the default backend refuses the email task's queue); tasks are still retried."""
    queue = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["elsewhere"]},
        "second": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with override_settings(TASKS=queue, TASK_RETRY_DELAY=0):
        Notification.objects.create(
            recipient="grace.sample@example.org", language="en", template="x", status="failed", attempts=1
        )
        first = flaky.using(backend="second").enqueue(counter, 1)
        run_worker("second")
        failures = tick()
        assert list(failures) == ["retry_notifications"]
        record = TaskRetry.objects.get(failed_result_id=first.id)
        assert record.outcome == "retried"
        assert DBTaskResult.objects.get(pk=record.retry_result_id).backend_name == "second"
        run_worker("second")
        assert runs(counter) == 2
        assert DBTaskResult.objects.get(pk=record.retry_result_id).status == "SUCCESSFUL"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite cannot run concurrent writers",
)
def test_concurrent_ticks_enqueue_each_retry_once(queue, tmp_path):
    count = 12
    for index in range(count):
        always_fails.enqueue(str(tmp_path / f"runs-{index}"))
    run_worker()
    assert DBTaskResult.objects.filter(status="FAILED").count() == count

    # A tick holding one failure (locked, mid-decision) makes another tick leave it alone.
    held = DBTaskResult.objects.order_by("enqueued_at").first()
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                DBTaskResult.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        assert task_retries.retry_failed_tasks() == {"retried": count - 1, "given_up": 0}
        assert not TaskRetry.objects.filter(failed_result_id=held.pk).exists()
    finally:
        release.set()
        holder.join(timeout=30)

    # New failures for all of them, then four ticks at the same moment.
    run_worker()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2 * count - 1
    results, errors = run_together(4, lambda index: task_retries.retry_failed_tasks())
    assert errors == [None] * 4
    assert sum(result["retried"] for result in results) == count
    assert TaskRetry.objects.count() == 2 * count - 1
    assert DBTaskResult.objects.filter(status="READY").count() == count  # one retry per failure, never two
    assert TaskRetry.objects.values("failed_result_id").distinct().count() == TaskRetry.objects.count()

"""Background-task operations: another attempt of the tasks that failed (``task_retries``), the task workers'
heartbeat and the recovery of the runs a stopped worker left behind (``task_workers``), the scheduler process
(``manage.py run_scheduler``), the database queue's worker (``manage.py db_worker``) and Reports → Background
problems in the admin (``problems``).

Its two models (``models``) keep the app label they were created under, ``delivery``, and that label's migrations
(``site/delivery/migrations``): their tables, content types and the ``delivery.retry_task`` permission are the same
in every database, before and after this room was split from ``delivery``.
"""

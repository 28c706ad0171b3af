"""Gunicorn settings of the production stack: ``gunicorn -c site/config/gunicorn.py config.wsgi``.

Started by ``manage.py serve_production`` (``make serve-production``). Every value comes from the environment:

| variable | default | meaning |
| --- | --- | --- |
| ``GUNICORN_BIND`` | ``127.0.0.1:8000`` | address and port (a reverse proxy terminates TLS in front) |
| ``WEB_CONCURRENCY`` | 2 x CPU cores + 1 | worker processes |
| ``GUNICORN_THREADS`` | ``2`` | threads per worker (``gthread`` worker: keep-alive connections) |
| ``GUNICORN_TIMEOUT`` | ``30`` | seconds before a stuck worker is killed and replaced |
| ``GUNICORN_MAX_REQUESTS`` | ``5000`` | requests before a worker is recycled (with jitter) |
| ``FORWARDED_ALLOW_IPS`` | ``127.0.0.1`` | proxies trusted for ``X-Forwarded-Proto`` |
| ``GUNICORN_ACCESS_LOG`` | (none) | ``-`` for standard output; off by default: URLs can carry search terms |
"""

import multiprocessing
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

wsgi_app = "config.wsgi:application"
chdir = str(ROOT)
pythonpath = f"{ROOT / 'site'},{ROOT}"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
preload_app = True  # import Django once, before forking: faster start, shared memory
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "smart-web"
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def pre_fork(server, worker):
    """The master closes any database connection before forking: each worker opens its own, never a shared one."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()


def when_ready(server):
    """The master, with the app preloaded, builds the Chinese word dictionary (``content.chinese_words``: about 0.6 s
    and 56 MB) once before forking: every worker, and each one that replaces a recycled worker, starts with it
    instead of building its own on its first Chinese page."""
    from content.chinese_words import tokenizer

    tokenizer()

"""Test runs: fast hashing, mail kept in memory, uploads in a throw-away folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="smart-test-media-")))
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=tempfile.mkdtemp(prefix="smart-test-private-")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# The live server of the browser tests keeps its database connection between the requests of one browser connection,
# as production does (settings.production), instead of opening one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Test databases are thrown away after the run: on PostgreSQL a commit does not wait for its write-ahead log to reach
# the disk (synchronous_commit off: a crash of the server could lose the last commits, never corrupt the database).
# The production stacks that tests start on clusters of their own keep the production settings.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
SITE_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAILAPI_BASE_URL = SITE_BASE_URL
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="smart-test-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The database task queue's table exists in test databases, so tests can switch TASKS to it (tasks still run
# in process unless a test does).
if "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS.append("django_tasks_db")  # noqa: F405

"""Production: refuses to start without a real SECRET_KEY, ALLOWED_HOSTS, the canonical SITE_BASE_URL (one of
the allowed hosts) and REDIS_URL (the cache every worker shares)."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("Production needs SECRET_KEY: a random value of at least 50 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS: the site's host names, comma-separated.")
# Feeds, the sitemap, .ics files, emails and API links are built on it, never on the request's Host.
SITE_BASE_URL = env.str("SITE_BASE_URL", default="").rstrip("/")
_canonical = urlsplit(SITE_BASE_URL)
if _canonical.scheme not in ("http", "https") or _canonical.hostname not in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Production needs SITE_BASE_URL: the site's canonical origin (e.g. https://www.example.org), whose host is "
        "one of ALLOWED_HOSTS."
    )
# Page-cache purges, the lookups' generation, fragments and rate limits must be seen by every worker process.
if not env.str("REDIS_URL", default=""):
    raise ImproperlyConfigured("Production needs REDIS_URL: the cache that every worker process shares.")

# The production stack (manage.py serve_production): PostgreSQL, Redis, the database task queue, the page cache.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# The front server's copy of the public pages, served by nginx (delivery.staticgen.front). Several app servers:
# STATIC_BUILD_DIR="" on each (a change through one could not withdraw another's copy at once).
STATIC_BUILD_DIR = env.str("STATIC_BUILD_DIR", default=str(VAR_DIR / "front-site"))  # noqa: F405
STATIC_SITE_FRONT = env.bool("STATIC_SITE_FRONT", default=True)
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
if TASKS["default"]["BACKEND"].startswith("django_tasks_db.") and "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS.append("django_tasks_db")  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Off only for a stack served over plain HTTP on loopback (make serve-production, the benchmark).
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    **STORAGES,  # noqa: F405 (object storage when MEDIA_BUCKET / PRIVATE_BUCKET are set)
    "default": {"BACKEND": env.str("DEFAULT_FILE_STORAGE", default=STORAGES["default"]["BACKEND"])},  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOGGING_FILTERS,  # noqa: F405
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": LOGGING_LOGGERS,  # noqa: F405
}

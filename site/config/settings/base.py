"""Settings shared by every environment. Every value comes from the environment with a safe default."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

ROOT_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = ROOT_DIR / "site"
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(ROOT_DIR / "var")))

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-key-change-me-5b1c0e7a")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The canonical public origin, used for absolute URLs (feeds, sitemap, emails, admin links).
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL

INSTALLED_APPS = [
    "accounts",
    "delivery",
    "background",  # before django_tasks_db: its db_worker command (with a heartbeat) wins
    "search",
    "content",
    "records",
    "records.events",
    "records.recruitment",
    "records.donations",
    "records.grants",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersConfig",  # wagtail.users with the limits of accounts.user_management
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "corsheaders",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous page views answered from the cache, after the HTTPS redirect and before everything else (the
    # headers added below, CSP included, are kept with the page).
    "delivery.pagecache.PageCacheMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # CORS on /api/ only (CORS_URLS_REGEX)
    "delivery.security.ContentSecurityPolicyMiddleware",
    "delivery.security.PrivateCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "delivery.unavailable.DatabaseUnavailableMiddleware",  # database down: a translated 503 page
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "delivery.formlimits.PublicFormLimitsMiddleware",  # public form POSTs: a bounded number of fields and files
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Themes: SITE_THEME picks one; any file it lacks falls back to the default theme "smart".
SITE_THEME = env.str("SITE_THEME", default="smart")
THEMES_DIR = ROOT_DIR / "themes"
_theme_names = list(dict.fromkeys([SITE_THEME, "smart"]))

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEMES_DIR / name / "templates" for name in _theme_names],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env.str("REDIS_URL", default="")


def redis_cache(url):
    """The cache on Redis at ``url`` (django-redis): while Redis is unreachable every read is a miss and every write
    is dropped (and logged), so pages, forms and the APIs keep working, uncached and without rate limits, instead
    of failing with 500."""
    options = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "OPTIONS": options}


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if _redis_url:
    CACHES = {"default": redis_cache(_redis_url)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "smart"}}
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="smart")  # several sites may share a Redis
# Full-page cache of anonymous page views (delivery.pagecache), purged on publish; on in production.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Each page's main content, rendered once until anything it shows changes (content.fragments); every request still
# runs routing, the page query, restrictions, the head, menu and footer. Renditions are remembered per process.
PAGE_FRAGMENT_CACHE = env.bool("PAGE_FRAGMENT_CACHE", default=True)
PAGE_FRAGMENT_SECONDS = env.int("PAGE_FRAGMENT_SECONDS", default=3600)
PAGE_FRAGMENT_MEMO_ITEMS = env.int("PAGE_FRAGMENT_MEMO_ITEMS", default=500)
RENDITION_MEMO_SECONDS = env.int("RENDITION_MEMO_SECONDS", default=600)

# Background tasks: run in process by default; a database queue with worker processes at scale.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}
if TASKS["default"]["BACKEND"].startswith("django_tasks_db."):  # the database queue (worker: manage.py db_worker)
    INSTALLED_APPS.append("django_tasks_db")
# A failed task of the database queue is run again by the scheduler (background.task_retries): at most
# TASK_MAX_ATTEMPTS runs in all, the first waiting TASK_RETRY_DELAY seconds after the failure, doubling each time.
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=5)
TASK_RETRY_DELAY = env.int("TASK_RETRY_DELAY", default=60)
# A task worker (manage.py db_worker) records that it is alive every TASK_WORKER_HEARTBEAT seconds; one not heard
# from for TASK_WORKER_SILENCE seconds is taken for dead (killed, out of memory, the machine restarted), and the task
# it was running is marked failed by the scheduler, then retried as above (background.task_workers).
TASK_WORKER_HEARTBEAT = env.float("TASK_WORKER_HEARTBEAT", default=15.0)
TASK_WORKER_SILENCE = env.int("TASK_WORKER_SILENCE", default=120)
# A worker that keeps no heartbeat (django-tasks-db's own command): its task is taken for abandoned when still
# marked running this many seconds after it started. Longer than any task may really run.
TASK_RUNNING_TIMEOUT = env.int("TASK_RUNNING_TIMEOUT", default=1800)
# How often the scheduler process (manage.py run_scheduler) publishes scheduled pages, in seconds.
SCHEDULER_INTERVAL = env.int("SCHEDULER_INTERVAL", default=60)
# Months of past events a subscribed events calendar (calendar/) keeps listing (0: upcoming events only).
CALENDAR_PAST_MONTHS = env.int("CALENDAR_PAST_MONTHS", default=12)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese first, English second, both URL-prefixed.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our own strings, then the Chinese of Wagtail and wagtail-localize strings those packages lack (vendor_locale).
LOCALE_PATHS = [ROOT_DIR / "locale", ROOT_DIR / "vendor_locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
# Every time staff see is Beijing time: the admin offers no other time zone in a user's preferences.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# Slugs are ASCII: a Chinese title gives a pinyin slug (content.slugs), not a Chinese one.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [THEMES_DIR / name / "static" for name in reversed(_theme_names)]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str("STATICFILES_STORAGE", default="django.contrib.staticfiles.storage.StaticFilesStorage")
    },
}
# Shared storage for several app servers (delivery.storages): S3-compatible object storage through django-storages.
# MEDIA_BUCKET: images and renditions, public (at MEDIA_BUCKET_URL), with documents in PRIVATE_BUCKET; PRIVATE_BUCKET:
# the records' uploads, reached only through the permission-checked view. Unset: the local folders.
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
S3_REGION_NAME = env.str("S3_REGION_NAME", default="")
S3_ACCESS_KEY_ID = env.str("S3_ACCESS_KEY_ID", default="")
S3_SECRET_ACCESS_KEY = env.str("S3_SECRET_ACCESS_KEY", default="")
S3_ADDRESSING_STYLE = env.str("S3_ADDRESSING_STYLE", default="")  # "path" for most S3-compatible servers
S3_TIMEOUT = env.int("S3_TIMEOUT", default=5)  # seconds to connect before a bucket is taken for away
MEDIA_BUCKET = env.str("MEDIA_BUCKET", default="")
MEDIA_BUCKET_URL = env.str("MEDIA_BUCKET_URL", default="")  # e.g. https://media.example.org (a CDN in front)
MEDIA_BUCKET_ACL = env.str("MEDIA_BUCKET_ACL", default="public-read")  # "" when a bucket policy makes it public
PRIVATE_BUCKET = env.str("PRIVATE_BUCKET", default="")
if MEDIA_BUCKET and not PRIVATE_BUCKET:
    raise ImproperlyConfigured("MEDIA_BUCKET needs PRIVATE_BUCKET too: documents are kept there, never in public.")
if MEDIA_BUCKET:
    STORAGES["default"] = {"BACKEND": "delivery.storages.MediaStorage"}
if PRIVATE_BUCKET:
    STORAGES["private"] = {"BACKEND": "delivery.storages.PrivateStorage"}
# Documents always go through Django's view (the privacy of their collection), whatever the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Mail: EMAIL_URL such as smtp+tls://user:password@mail.example.org:587 (console output by default).
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL", False))
# filemail:///path: each email written as a file in /path (django-environ drops the path's first slash)
EMAIL_FILE_PATH = "/" + _email["EMAIL_FILE_PATH"].lstrip("/") if _email.get("EMAIL_FILE_PATH") else None
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SMART <noreply@smart.org.cn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # seconds; a mail server that hangs never holds a process

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # the admin's editor (long pages); public forms: the limits below
# Public form POSTs (outside the admin): at most this many fields and files, else 400 and nothing kept.
PUBLIC_FORM_MAX_FIELDS = env.int("PUBLIC_FORM_MAX_FIELDS", default=300)
PUBLIC_FORM_MAX_FILES = env.int("PUBLIC_FORM_MAX_FILES", default=20)

# Records (back office): uploads to private storage outside MEDIA_ROOT, served only through a permission check.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
RECORDS_UPLOAD_MAX_BYTES = env.int("RECORDS_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# The TrueType font (with Chinese glyphs) embedded in receipts and donor reports: "path" or "path#index" in a
# collection; empty: the first of records.donations.documents.FONT_CANDIDATES installed (fonts-wqy-microhei).
RECORDS_PDF_FONT = env.str("RECORDS_PDF_FONT", default="")
# Public form POSTs allowed per client IP and period (seconds); institutions behind one NAT share an IP.
RECORDS_RATE_LIMIT = env.int("RECORDS_RATE_LIMIT", default=30)
RECORDS_RATE_PERIOD = env.int("RECORDS_RATE_PERIOD", default=600)
# Acknowledgement emails of the public forms to one recipient address in 24 hours, whatever the client address
# (records.notifications); over it, the submission is kept and no email is sent. 0 turns the cap off.
RECORDS_ACKNOWLEDGEMENTS_PER_DAY = env.int("RECORDS_ACKNOWLEDGEMENTS_PER_DAY", default=10)
# Request header holding the client IP when behind a trusted reverse proxy, e.g. HTTP_X_REAL_IP.
RECORDS_CLIENT_IP_HEADER = env.str("RECORDS_CLIENT_IP_HEADER", default="")
# Candidates not hired are anonymised this many days after their application closed (manage.py anonymise_candidates).
RECRUITMENT_RETENTION_DAYS = env.int("RECRUITMENT_RETENTION_DAYS", default=365)

WAGTAIL_SITE_NAME = _("Shenzhen Medical Academy of Research and Translation")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}  # the admin's own search

# Public search (search/): the embedded engine in the database by default, Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_ENGINE = env.str("SEARCH_ENGINE", default="elastic" if ELASTICSEARCH_URL else "embedded")
SEARCH_ES_INDEX = env.str("SEARCH_ES_INDEX", default="smart-pages")  # an alias; rebuilds swap the index behind it
# "cjk" (built in); "smartcn", "icu_analyzer" or "ik_max_word" need that Elasticsearch plugin installed.
SEARCH_ES_ZH_ANALYZER = env.str("SEARCH_ES_ZH_ANALYZER", default="cjk")
SEARCH_ES_OPTIONS = {"request_timeout": env.int("SEARCH_ES_TIMEOUT", default=10)}
# Documents editors may upload. Archives are not among them (their contents are never checked: a zip-slip member, a
# program, a bomb) unless DOCUMENTS_ALLOW_ZIP asks for them.
DOCUMENTS_ALLOW_ZIP = env.bool("DOCUMENTS_ALLOW_ZIP", default=False)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"] + (["zip"] if DOCUMENTS_ALLOW_ZIP else [])
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp", "png": "png", "jpeg": "jpeg"}
WAGTAILEMBEDS_FINDERS = [{"class": "content.embeds.VideoFinder"}]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_JQUERY = False
# A new translation is a draft until an editor publishes it (content/translating.py does the same for its views).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no staff email hashes sent to an outside service, no outside image
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin asks no outside server for new Wagtail releases

# Content-Security-Policy (django-csp; delivery.security picks the policy by area). Public pages: scripts and
# styles only from our own origin, never inline; JSON-LD blocks are data, not script, and need no exception.
# CSP_MEDIA_ORIGINS: extra origins of images and media, e.g. https://media.example.org for a media bucket.
_csp_media = env.list("CSP_MEDIA_ORIGINS", default=[])
if MEDIA_BUCKET:  # the pages' images come from the media bucket
    _bucket = MEDIA_BUCKET_URL or (f"{S3_ENDPOINT_URL.rstrip('/')}/{MEDIA_BUCKET}" if S3_ENDPOINT_URL else "")
    _bucket = _bucket or f"https://{MEDIA_BUCKET}.s3.{S3_REGION_NAME or 'us-east-1'}.amazonaws.com"
    _csp_media.append("/".join(_bucket.split("/")[:3]))
_csp_video_frames = ["https://player.bilibili.com", "https://v.qq.com"]  # see content/embeds.py
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_csp_media],
        "media-src": [SELF, "https:", *_csp_media],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": _csp_video_frames,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# A page preview (rendered inside the admin's preview view, shown in the editor's preview panel): the public
# policy, framed by our own origin only (the admin's preview view sends X-Frame-Options: SAMEORIGIN too).
CONTENT_SECURITY_POLICY_PREVIEW = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": [SELF]},
}
# The Wagtail admin (/admin/) still has inline scripts and styles (widgets, panels, its rich text editor).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_csp_media],
        "media-src": [SELF, "https:", *_csp_media],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *_csp_video_frames],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # the page preview panel frames the admin's preview view
    }
}

# Admin login lockout (django-axes): after LOGIN_FAILURE_LIMIT failed sign-ins for one username from one client
# address, that pair is refused for LOGIN_LOCKOUT_MINUTES (each further attempt restarts the period).
AXES_ENABLED = env.bool("LOGIN_LOCKOUT_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "delivery.throttling.client_ip"  # honours RECORDS_CLIENT_IP_HEADER behind a proxy
AXES_VERBOSE = False  # logs name no username, address or browser
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only, not a log of every sign-in
AXES_ENABLE_ADMIN = False
# The groups a user manager (a non-superuser with Wagtail's user permissions, e.g. the "User managers" group) may
# give to accounts, by name; it never sets the superuser flag nor edits a superuser (accounts.user_management).
USER_MANAGERS_GRANTABLE_GROUPS = env.list("USER_MANAGERS_GRANTABLE_GROUPS", default=["Reviewers"])
# Rate limits (accounts.ratelimit, mounted in config.urls), over them a translated 429 page with Retry-After:
# FAILED admin sign-ins per client address (all usernames together; successful ones are not counted, so an office
# behind one NAT can all sign in at nine) and per account (all addresses together) per LOGIN_RATE_PERIOD seconds;
# POSTs to the password-reset form per client address per its period. 0 turns a limit off.
LOGIN_RATE_LIMIT = env.int("LOGIN_RATE_LIMIT", default=30)
LOGIN_ACCOUNT_RATE_LIMIT = env.int("LOGIN_ACCOUNT_RATE_LIMIT", default=20)
LOGIN_RATE_PERIOD = env.int("LOGIN_RATE_PERIOD", default=600)
PASSWORD_RESET_RATE_LIMIT = env.int("PASSWORD_RESET_RATE_LIMIT", default=5)
PASSWORD_RESET_RATE_PERIOD = env.int("PASSWORD_RESET_RATE_PERIOD", default=3600)
# The reset email is sent by a background task, so the answer takes as long whether or not the account exists.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.password_reset.PasswordResetForm"

# Error reports (emails to ADMINS) keep no form values, query values, file names or local variables.
DEFAULT_EXCEPTION_REPORTER_FILTER = "delivery.security.PrivateExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "delivery.security.PrivateExceptionReporter"

# A request with a bad Host header: one WARNING line, no traceback, no email to ADMINS (config.logfilters).
LOGGING_FILTERS = {"brief_warning": {"()": "config.logfilters.BriefWarning"}}
LOGGING_LOGGERS = {
    "django.security.DisallowedHost": {
        "handlers": ["console"],
        "filters": ["brief_warning"],
        "level": "WARNING",
        "propagate": False,
    }
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOGGING_FILTERS,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": LOGGING_LOGGERS,
}

# Static site (delivery.staticgen, manage.py build_static_site). STATIC_BUILD_DIR set: after every publish,
# unpublish, move or delete a background task rewrites the affected files of the site generated there.
STATIC_BUILD_DIR = env.str("STATIC_BUILD_DIR", default="")
# The Django origin that keeps serving forms and search for the static site, e.g. https://apply.example.org.
STATIC_DYNAMIC_ORIGIN = env.str("STATIC_DYNAMIC_ORIGIN", default="").rstrip("/")
STATIC_BUILD_WORKERS = env.int("STATIC_BUILD_WORKERS", default=2)  # processes rendering pages in a full build
# The static site at STATIC_BUILD_DIR is the front server's copy of the pages (nginx serves it on the site's own
# origin; delivery.staticgen.front): withdrawn at each change until caught up, built again every
# STATIC_SITE_FRONT_REFRESH seconds (pages that show the date). On in production (config.settings.production).
STATIC_SITE_FRONT = env.bool("STATIC_SITE_FRONT", default=False)
STATIC_SITE_FRONT_REFRESH = env.int("STATIC_SITE_FRONT_REFRESH", default=3600)
# nginx in front (delivery.frontserver, manage.py serve_production): the largest request body (0: the largest a
# form or document upload needs), the load balancers trusted for X-Forwarded-For, how long browsers keep media.
FRONT_MAX_BODY_BYTES = env.int("FRONT_MAX_BODY_BYTES", default=0)
FRONT_TRUSTED_PROXIES = env.list("FRONT_TRUSTED_PROXIES", default=[])
FRONT_MEDIA_MAX_AGE = env.int("FRONT_MEDIA_MAX_AGE", default=7 * 24 * 3600)
STATIC_BUILDS_KEPT = env.int("STATIC_BUILDS_KEPT", default=2)  # finished builds kept (the served one included)

# Static files are served by WhiteNoise; in development it reads them straight from the themes.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=False)

# Headless API (site/headless): Wagtail API v2, read-only and public, at /api/v2/.
WAGTAILAPI_BASE_URL = SITE_BASE_URL  # detail and download URLs are built on the canonical origin
WAGTAILAPI_LIMIT_MAX = env.int("API_LIMIT_MAX", default=50)
WAGTAILAPI_SEARCH_ENABLED = False  # full-text search is the site's own: /api/search/
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="300/minute")  # per client IP, e.g. 60/minute, 5000/hour
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)  # Cache-Control max-age of API responses
CORS_ALLOWED_ORIGINS = env.list("API_CORS_ALLOWED_ORIGINS", default=[])  # e.g. https://partner.example.org
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")
# Wagtail 8's preview API v3 (django-ninja, with write endpoints) and its OpenAPI docs: off unless switched on.
WAGTAILAPI_V3_ENABLED = env.bool("API_V3_ENABLED", default=False)
WAGTAILAPI_DOCS_ENABLED = env.bool("API_V3_DOCS_ENABLED", default=False)
if WAGTAILAPI_V3_ENABLED:
    INSTALLED_APPS.append("wagtail.api.v3")

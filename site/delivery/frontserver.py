"""nginx in front of gunicorn: its configuration, made from ``site/config/nginx.conf.template`` and checked.

``manage.py serve_production`` runs nginx on the public address and gunicorn behind it (README, "Production
stack"). nginx serves, without Django:

- ``/static/`` from ``STATIC_ROOT`` (hashed names cached for a year, the others for a minute, gzip files used);
- public media, the images and their renditions, from ``MEDIA_ROOT`` (only when media are local files; in object
  storage their URLs lead to the bucket). Never ``/media/documents/``: Django serves documents, checking the
  privacy of their collection;
- the public pages from the front server's copy (``delivery.staticgen.front``), for anonymous GET and HEAD
  requests without a query string, with the headers Django sends with them (``page_headers``: taken from Django
  itself when the configuration is made);
- our own 503 page when gunicorn does not answer, and our own 413 page for a body larger than any form takes
  (``FRONT_MAX_BODY_BYTES``), in the language of the URL or else the browser's.

Everything else goes to gunicorn: forms, search, the admin, the APIs, previews, ``/``, feeds, a request for a host
that is not one of ``ALLOWED_HOSTS``, any page the copy does not hold.
"""

import getpass
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.template import Context, Engine
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import translation

from .staticgen import front

TEMPLATE = Path(settings.ROOT_DIR) / "site" / "config" / "nginx.conf.template"
ERROR_STATUSES = (503, 413)
MEDIA_FOLDERS = ("original_images", "images")  # Wagtail's images and renditions; documents/ is Django's
# Headers of Django's answer that are the page's own, or made by nginx itself, or set per language or scheme.
NOT_COPIED = {
    "content-type",
    "content-length",
    "content-language",
    "vary",
    "x-cache",
    "set-cookie",
    "date",
    "location",
    "expires",
    "cache-control",
    "last-modified",
    "etag",
    "retry-after",
    "server",
    "strict-transport-security",
}


class FrontServerError(Exception):
    """nginx is missing, or its configuration does not pass ``nginx -t``: the message says which."""


def find_nginx():
    """The nginx binary (``NGINX`` or on the PATH or Debian's /usr/sbin/nginx), or None."""
    configured = os.environ.get("NGINX")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def max_body_bytes():
    """The largest request body anything on the site accepts: a document, or a form's files together."""
    configured = getattr(settings, "FRONT_MAX_BODY_BYTES", 0)
    if configured:
        return configured
    forms = 4 * settings.RECORDS_UPLOAD_MAX_BYTES  # the most files a public form takes (a job application: 3)
    return max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, forms, 50 * 1024 * 1024) + 1024 * 1024


@dataclass
class Headers:
    """What Django sends with a public page: the headers nginx adds to the files, and HSTS (HTTPS only)."""

    common: list = field(default_factory=list)
    vary: str = "Cookie"
    hsts: str = ""


def page_headers():
    """Ask Django: the headers of an anonymous visitor's request for each language's home page, over HTTPS."""
    from django.test import Client

    host = urlsplit(settings.SITE_BASE_URL).netloc or settings.ALLOWED_HOSTS[0]
    client = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
    found = None
    for code, _name in settings.LANGUAGES:
        response = client.get(f"/{code}/", secure=True)
        common = sorted((name, value) for name, value in response.items() if name.lower() not in NOT_COPIED)
        headers = Headers(common, response.get("Vary", "Cookie"), response.get("Strict-Transport-Security", ""))
        if found is not None and found.common != headers.common:
            raise FrontServerError(f"The pages of /{code}/ are sent with other headers than the others: {common}")
        if found is None or response.status_code == 200:
            found = headers
    for _name, value in [*found.common, ("Vary", found.vary), ("Strict-Transport-Security", found.hsts)]:
        if any(ch in value for ch in ('"', "$", "\\", "\n", "\r")):
            raise FrontServerError(f"A header value nginx cannot repeat as it is: {value!r}")
    return found


def render_error_pages(folder):
    """Our 503 and 413 pages in each language, as files nginx sends: ``<status>.<language>.html``."""
    from .unavailable import RETRY_AFTER_SECONDS

    folder.mkdir(parents=True, exist_ok=True)
    context = {
        "retry_after": RETRY_AFTER_SECONDS,
        "limit": filesizeformat(max_body_bytes()),
        "file_limit": filesizeformat(settings.RECORDS_UPLOAD_MAX_BYTES),
    }
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for status in ERROR_STATUSES:
                html = render_to_string(f"{status}.html", {**context, "LANGUAGE_CODE": code})
                (folder / f"{status}.{code}.html").write_text(html, "utf-8")


def _server_names():
    names = []
    for host in settings.ALLOWED_HOSTS:
        if host == "*" or any(ch in host for ch in ' ;{}"'):
            continue
        names.append(host)
    return " ".join(dict.fromkeys(names)) or '""'


def _language_patterns():
    """Accept-Language prefixes: each language's own code first (zh-hans <- zh), English-only last."""
    patterns = []
    for code, _name in settings.LANGUAGES:
        patterns.append((code, code.split("-")[0]))
    return patterns


def _listen(address):
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise FrontServerError(f"The address to listen on must be host:port, not {address!r}.")
    return address


def render_config(listen, upstream, run_dir, headers, front_root=None, media_local=True):
    """The text of nginx.conf for this stack (see the module docstring)."""
    run_dir = Path(run_dir)
    languages = [code for code, _name in settings.LANGUAGES]
    context = {
        "user": getpass.getuser() if os.geteuid() == 0 else "",  # workers read the stack's own files
        "worker_processes": os.environ.get("NGINX_WORKER_PROCESSES", "auto"),
        "error_log_level": os.environ.get("NGINX_ERROR_LOG_LEVEL", "error"),
        "access_log": os.environ.get("NGINX_ACCESS_LOG") or "off",
        "mime_types": os.environ.get("NGINX_MIME_TYPES", "/etc/nginx/mime.types"),
        "run_dir": run_dir,
        "max_body_bytes": max_body_bytes(),
        "trusted_proxies": getattr(settings, "FRONT_TRUSTED_PROXIES", []),
        "hsts": headers.hsts,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "default_language": settings.LANGUAGE_CODE,
        "language_patterns": _language_patterns(),
        "languages": languages,
        "language_alternation": "|".join(languages),
        "upstream": upstream,
        "listen": _listen(listen),
        "server_names": _server_names(),
        "ssl_redirect": settings.SECURE_SSL_REDIRECT,
        "error_statuses": ERROR_STATUSES,
        "retry_after": 30,
        "headers": headers.common,
        "page_vary": headers.vary,
        "static_url": settings.STATIC_URL,
        "static_root": Path(settings.STATIC_ROOT),
        "media_url": settings.MEDIA_URL,
        "media_root": Path(settings.MEDIA_ROOT),
        "media_folders": MEDIA_FOLDERS if media_local else (),
        "media_max_age": getattr(settings, "FRONT_MEDIA_MAX_AGE", 7 * 24 * 3600),
        "front_root": front_root,
        "proxy_timeout": max(60, int(os.environ.get("GUNICORN_TIMEOUT", 30)) + 30),
    }
    engine = Engine(autoescape=False)
    return engine.from_string(TEMPLATE.read_text("utf-8")).render(Context(context, autoescape=False))


def media_is_local():
    """Whether Wagtail's images are local files nginx can serve (not in object storage)."""
    from django.core.files.storage import FileSystemStorage, default_storage

    return isinstance(default_storage, FileSystemStorage)


def prepare(listen, upstream, run_dir, nginx=None):
    """Write the error pages and nginx.conf into ``run_dir`` and check them with ``nginx -t``; returns the path of
    nginx.conf. Raises FrontServerError with nginx's own words when it refuses the configuration."""
    nginx = nginx or find_nginx()
    if nginx is None:
        raise FrontServerError(
            "nginx is not installed: install it (Debian: apt-get install nginx-light; `make serve-production` does "
            "it for you as root) or run the stack without it (serve_production --no-front)."
        )
    run_dir = Path(run_dir)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / name).mkdir(parents=True, exist_ok=True)
    render_error_pages(run_dir / "errors")
    front_root = front.live_link() if front.enabled() else None
    text = render_config(listen, upstream, run_dir, page_headers(), front_root, media_is_local())
    config = run_dir / "nginx.conf"
    temporary = run_dir / f".nginx.conf.{uuid.uuid4().hex}"
    temporary.write_text(text, "utf-8")
    check(temporary, nginx)
    os.replace(temporary, config)
    return config


def check(config, nginx=None):
    """``nginx -t`` on a configuration file; raises FrontServerError with nginx's message when it fails."""
    nginx = nginx or find_nginx()
    done = subprocess.run(
        [nginx, "-t", "-q", "-c", str(config), "-p", str(Path(config).parent)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0:
        Path(config).unlink(missing_ok=True)
        raise FrontServerError(f"nginx refuses the generated configuration: {done.stderr.strip()}")


def command(config, nginx=None):
    """The command that runs nginx in the foreground with this configuration (supervised by serve_production)."""
    nginx = nginx or find_nginx()
    return [nginx, "-c", str(config), "-p", str(Path(config).parent), "-g", "daemon off;"]

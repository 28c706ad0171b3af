"""nginx serving a built static site on a free loopback port, for tests of what a front server sends.

``serve_with_nginx(folder, directives)`` starts nginx (Debian's nginx-light; .ci/run installs it) in the
foreground with a configuration of its own in a temporary folder: the site's folder as root, Debian's
mime.types, the ``directives`` given, then ``try_files $uri $uri/ =404``. It yields ``get(path)`` ->
``(status, headers, body)`` and stops nginx (the process it started) at the end. Without nginx the test skips,
naming it; with REQUIRE_BROWSER=1 (CI) it fails instead.
"""

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

MIME_TYPES = Path("/etc/nginx/mime.types")
CONFIG = """\
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    charset utf-8;
    server {{
        listen 127.0.0.1:{port};
        root {root};
{directives}
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


def nginx_binary():
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if found is None or not MIME_TYPES.is_file():
        message = "this check needs nginx (apt-get install nginx-light)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(message)
    return found


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve_with_nginx(folder, directives):
    binary = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="smart-nginx-") as tmp:
        port = free_port()
        indented = "\n".join("        " + line for line in directives.splitlines())
        config = Path(tmp) / "nginx.conf"
        config.write_text(
            CONFIG.format(tmp=tmp, mime_types=MIME_TYPES, port=port, root=Path(folder).resolve(), directives=indented)
        )
        check = subprocess.run([binary, "-t", "-c", str(config), "-p", tmp], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        process = subprocess.Popen([binary, "-c", str(config), "-p", tmp], stderr=subprocess.PIPE)
        try:
            for _ in range(200):  # until it listens (nginx -t passed: it will)
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.05)

            def get(path):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    return response.status, dict(response.getheaders()), response.read()
                finally:
                    connection.close()

            yield get
        finally:
            process.terminate()
            process.wait(timeout=30)

"""Test support: the real nginx, configured by ``delivery.frontserver`` from the repository's template, in front of
a Django server on loopback (pytest-django's live server, or any address), started and stopped by the tests."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from delivery import frontserver


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_nginx():
    nginx = frontserver.find_nginx()
    if nginx is None:
        message = "the front server tests need nginx (apt-get install nginx-light; .ci/run installs it)"
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return nginx


class Nginx:
    """nginx with the stack's generated configuration, on a free loopback port, in front of ``upstream``."""

    def __init__(self, upstream, run_dir):
        self.nginx = require_nginx()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = frontserver.prepare(f"127.0.0.1:{self.port}", upstream, Path(run_dir), self.nginx)
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(frontserver.command(self.config, self.nginx), start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/static/", timeout=2)
                return self
            except requests.ConnectionError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"nginx stopped (exit {self.proc.returncode})") from None
                time.sleep(0.05)
        raise RuntimeError("nginx did not answer")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        return requests.get(self.url + path, **kwargs)


# Removes a link and puts it back, again and again (argv: the link, its target).
_FLIP_THE_LINK = """
import os, sys
while True:
    os.unlink(sys.argv[1])
    os.symlink(sys.argv[2], sys.argv[1])
"""


@contextmanager
def link_coming_and_going(link):
    """While inside: ``link`` removed and put back in a tight loop, as changes withdrawing the front copy and
    refreshes linking it again would, but as often as can be. In a process of its own, so that the live server's
    threads keep the interpreter; the link is there again afterwards."""
    target = os.readlink(link)
    flipper = subprocess.Popen([sys.executable, "-c", _FLIP_THE_LINK, str(link), target])
    try:
        yield
    finally:
        flipper.kill()
        flipper.wait(timeout=10)
        if not os.path.lexists(link):
            os.symlink(target, link)

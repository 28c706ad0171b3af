"""Test support: moto's S3 server on loopback, standing in for the S3-compatible object storage (as osmem stands in
for Elasticsearch). A pytest plugin of the suite (``pytest_plugins`` in tests/conftest.py).

``s3_server`` starts ``python -m moto.server`` once per session on a free loopback port; ``s3_buckets`` makes a
fresh public and private bucket for a test and points the site at them (``S3_*``, ``MEDIA_BUCKET``,
``PRIVATE_BUCKET``, ``STORAGES``), the way the settings module does from the environment.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest
import requests

REGION = "us-east-1"
KEYS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MotoServer:
    def __init__(self):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/moto-api/", timeout=2)
                return
            except requests.ConnectionError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"moto's server stopped (exit {self.proc.returncode})") from None
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("moto's server did not answer")

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"],
        )

    def new_buckets(self):
        """(public, private) bucket names, freshly made."""
        suffix = uuid.uuid4().hex[:12]
        names = (f"media-{suffix}", f"private-{suffix}")
        client = self.client()
        for name in names:
            client.create_bucket(Bucket=name)
        return names

    def keys(self, bucket):
        listed = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))


def storage_environment(endpoint, media_bucket, private_bucket):
    """The environment variables of a stack on these buckets (README, "Settings")."""
    return {
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION_NAME": REGION,
        "S3_ADDRESSING_STYLE": "path",
        "S3_TIMEOUT": "2",
        "MEDIA_BUCKET": media_bucket,
        "PRIVATE_BUCKET": private_bucket,
        **KEYS,
    }


def storage_settings(endpoint, media_bucket, private_bucket, storages):
    """The same as settings, for a test in this process."""
    values = dict(storage_environment(endpoint, media_bucket, private_bucket))
    values["S3_TIMEOUT"] = 2
    values["MEDIA_BUCKET_URL"] = ""
    values["MEDIA_BUCKET_ACL"] = "public-read"
    values["STORAGES"] = {
        **storages,
        "default": {"BACKEND": "delivery.storages.MediaStorage"},
        "private": {"BACKEND": "delivery.storages.PrivateStorage"},
    }
    return values


@pytest.fixture(scope="session")
def s3_server():
    server = MotoServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_buckets(s3_server, settings):
    """A fresh public and private bucket; the site's storages point at them for the test."""
    media, private = s3_server.new_buckets()
    for name, value in storage_settings(s3_server.url, media, private, settings.STORAGES).items():
        setattr(settings, name, value)
    return {"server": s3_server, "media": media, "private": private}

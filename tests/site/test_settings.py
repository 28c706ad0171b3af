"""Production settings refuse to start without real secrets, and pass Django's deployment check."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "p7#Vq2!xL9@rT4$wZ8^nB3&mK6*hJ1(sD5)fG0-yU2+eC7=aQ4"


def run_manage(*args, **env):
    dropped = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_BASE_URL", "REDIS_URL")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="www.example.org")
    assert result.returncode != 0
    assert "Production needs SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key():
    result = run_manage("check", ALLOWED_HOSTS="www.example.org", SECRET_KEY="insecure-dev-key-change-me-5b1c0e7a")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "Production needs ALLOWED_HOSTS" in result.stderr


REDIS = "redis://127.0.0.1:6379/0"  # read by the settings, never connected to by ``check``


def test_production_refuses_to_start_without_a_canonical_origin_among_the_allowed_hosts():
    hosts = {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "www.example.org", "REDIS_URL": REDIS}
    for base in (None, "www.example.org", "https://other.example.org"):
        result = run_manage("check", **hosts, **({"SITE_BASE_URL": base} if base else {}))
        assert result.returncode != 0
        assert "Production needs SITE_BASE_URL" in result.stderr, base


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_manage(
        "check", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="www.example.org", SITE_BASE_URL="https://www.example.org"
    )
    assert result.returncode != 0
    assert "Production needs REDIS_URL" in result.stderr


def test_check_deploy_is_clean_with_real_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="www.example.org",
        SITE_BASE_URL="https://www.example.org",
        REDIS_URL=REDIS,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

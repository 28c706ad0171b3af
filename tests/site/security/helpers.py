"""Helpers of the security tests: production settings read in a separate process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = "p7#Vq2!xL9@rT4$wZ8^nB3&mK6*hJ1(sD5)fG0-yU2+eC7=aQ4"


def production_settings(*names, **environment):
    """The values of ``names`` exactly as config.settings.production computes them, with real secrets, read in a
    separate process (importing the production module here would change the running test settings)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update(
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="testserver,www.example.org",
        SITE_BASE_URL="https://www.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",  # read, never connected to
    )
    env.update(environment)
    code = (
        "import json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; "
        "import config.settings.production as s; "
        "print(json.dumps({name: getattr(s, name) for name in sys.argv[3:]}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "site"), str(ROOT), *names],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])

import shutil
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def empty_private_storage():
    """Each test starts with an empty private storage folder (a throw-away folder in tests)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    assert "smart-test-private-" in str(root) or "pytest" in str(root), root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    yield

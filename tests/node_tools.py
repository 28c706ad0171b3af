"""The output checkers that come from npm (package.json at the repository root, installed by ``npm ci``):
axe-core (accessibility rules run inside the browser) and vnu-jar (the Nu Html Checker, run with Java).

Tests that need them skip, naming what is missing; with REQUIRE_BROWSER=1 (set by CI) they fail instead.
"""

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "(npm ci at the repository root; make test does it)"


def java():
    return shutil.which("java")


def require(*needs):
    """Skip (or, with REQUIRE_BROWSER=1, fail) unless every named tool is there: "axe", "vnu", "java"."""
    missing = []
    if "axe" in needs and not AXE_JS.is_file():
        missing.append(f"axe-core at {AXE_JS.relative_to(REPO)} {INSTALL_HINT}")
    if "vnu" in needs and not VNU_JAR.is_file():
        missing.append(f"vnu-jar at {VNU_JAR.relative_to(REPO)} {INSTALL_HINT}")
    if "java" in needs and java() is None:
        missing.append("a Java runtime on PATH (apt-get install default-jre-headless)")
    if missing:
        message = "this check needs " + " and ".join(missing)
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(message)

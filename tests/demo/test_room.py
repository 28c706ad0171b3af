"""The demo room sits above all the others: it imports content, records, search and site, and no other room
imports it (DESIGN.md); it reaches the site only through settings (INSTALLED_APPS) and ``manage.py load_demo``."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("content", "records", "search", "site")


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_other_room_imports_demo():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for room in ROOMS
        for path in sorted((ROOT / room).rglob("*.py"))
        for module in _imported_modules(path)
        if module == "demo" or module.startswith("demo.")
    ]
    assert offenders == []


def test_the_demo_lives_in_its_own_room_only():
    assert not (ROOT / "content" / "demo").exists()
    assert not list((ROOT / "records").glob("*/demo.py"))

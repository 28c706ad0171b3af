"""manage.py build_static_site: options, progress and summary, link check, clear errors that change nothing."""

import io
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from tests.factories.pages import add_navigation
from tests.factories.pages import build_site as build_tree

from .helpers import BASE_URL, remove, temporary_output


class CommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_tree()
        add_navigation(cls.pages)

    def setUp(self):
        self.tmp, self.output = temporary_output()
        self.addCleanup(remove, self.tmp)

    def run_command(self, *args):
        stdout, stderr = io.StringIO(), io.StringIO()
        call_command("build_static_site", "--output", str(self.output), *args, stdout=stdout, stderr=stderr)
        return stdout.getvalue(), stderr.getvalue()

    def test_build_with_link_check_prints_counts_and_one_summary_line(self):
        stdout, stderr = self.run_command("--base-url", BASE_URL, "--dynamic-origin", "", "--check-links")
        lines = stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertRegex(lines[0], r"^Static site: \d+ pages, \d+ files, [\d.]+ MB in [\d.]+ s \(\d+ pages/s\) -> ")
        self.assertIn("Link check: no broken internal link or missing asset.", lines[1])
        self.assertRegex(stderr, r"\d+/\d+ pages")
        folder = Path(self.output).resolve()
        self.assertTrue((folder / "zh-hans/about/mission/index.html").is_file())
        self.assertTrue((folder / "en/about/mission/index.html").is_file())
        self.assertTrue((folder / "zh-hans/search/index.json").is_file())

    def test_a_second_build_replaces_the_first_and_old_builds_are_pruned(self):
        self.run_command("--base-url", BASE_URL)
        first = Path(self.output).resolve()
        self.run_command("--base-url", BASE_URL)
        second = Path(self.output).resolve()
        self.run_command("--base-url", BASE_URL)
        third = Path(self.output).resolve()
        self.assertNotEqual(first, third)
        self.assertFalse(first.exists())  # STATIC_BUILDS_KEPT = 2: the served build and the one before
        self.assertTrue(second.exists() and third.exists())

    def test_a_base_url_with_a_path_is_refused_and_nothing_is_written(self):
        with self.assertRaisesMessage(CommandError, "https://example.org/smart"):
            self.run_command("--base-url", "https://example.org/smart")
        self.assertFalse(Path(self.output).exists())

    def test_an_output_folder_holding_something_else_is_refused(self):
        Path(self.output).mkdir()
        (Path(self.output) / "keep.txt").write_text("mine")
        with self.assertRaises(CommandError):
            self.run_command("--base-url", BASE_URL)
        self.assertEqual((Path(self.output) / "keep.txt").read_text(), "mine")

"""A progress bar on a terminal, periodic counts otherwise (logs, CI)."""

import sys
import time

WIDTH = 30


class Progress:
    def __init__(self, total, stream=None, label="pages"):
        self.total, self.done, self.label = total, 0, label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.perf_counter()
        self.next_report = 0

    def advance(self, count=1):
        self.done += count
        if self.tty:
            filled = int(WIDTH * self.done / self.total) if self.total else WIDTH
            rate = self.done / max(time.perf_counter() - self.started, 1e-6)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} {self.label} ({rate:.0f}/s)"
            )
            self.stream.flush()
        elif self.done >= self.next_report or self.done == self.total:
            self.stream.write(f"{self.done}/{self.total} {self.label}\n")
            self.next_report = self.done + max(1, self.total // 10)

    def finish(self):
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

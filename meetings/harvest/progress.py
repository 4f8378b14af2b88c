"""A progress bar on a terminal: "[#########.........] 120/412 records", redrawn in place.
Off when the stream is not a terminal (a log file, cron, a test), where only lines are wanted."""

from __future__ import annotations

WIDTH = 30


class ProgressBar:
    def __init__(self, stream, *, enabled: bool | None = None):
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.shown = False

    def update(self, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        total = max(total or 0, done, 1)
        filled = WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} records", ending="")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Before a line of output: the bar is drawn again by the next update."""
        if self.shown:
            self.stream.write("\r\033[K", ending="")
            self.shown = False

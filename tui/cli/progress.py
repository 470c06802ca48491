"""A progress bar on stderr for long commands, shown only to a person at a terminal."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, Self

import click

SHOW_AFTER_S = 2.0  # short commands stay quiet


class ProgressLine:
    """Callable as ``progress(done, total)``; draws a bar once the work has taken a while."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self._bar: Any = None
        self._shown = 0
        self._terminal = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self._terminal or total <= 0:
            return
        if self._bar is None:
            if time.monotonic() - self.started < SHOW_AFTER_S:
                return
            self._bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_percent=True
            )
            self._bar.__enter__()
        step = min(done, total) - self._shown
        if step > 0:
            self._bar.update(step)
            self._shown += step

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

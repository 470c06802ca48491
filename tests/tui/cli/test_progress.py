"""A long import draws a progress bar on stderr, and only when stderr is a terminal."""

from __future__ import annotations

import io
import os
import pty
import sys
from pathlib import Path

import pytest

from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.workshop import Workshop
from matchdesk.tui.cli import progress as progress_module
from matchdesk.tui.cli.progress import ProgressLine


def _import_with_progress(path: Path, source: Path) -> None:
    with Workshop.open(path) as workshop, ProgressLine("Importing") as line:
        import_sources(workshop, [source], progress=line)


def test_progress_bar_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_csv: Path
) -> None:
    monkeypatch.setattr(progress_module, "SHOW_AFTER_S", 0.0)  # as if it had taken long
    leader, follower = pty.openpty()
    terminal = os.fdopen(follower, "w", encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", terminal)
    _import_with_progress(tmp_path / "a.json", seed_csv)
    terminal.flush()
    drawn = os.read(leader, 65536).decode("utf-8", "replace")
    assert "Importing" in drawn and "100%" in drawn
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    _import_with_progress(tmp_path / "b.json", seed_csv)
    assert piped.getvalue() == ""  # a script's stderr stays clean
    terminal.close()
    os.close(leader)

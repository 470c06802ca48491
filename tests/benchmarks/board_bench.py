"""``matchdesk board`` beside a writer: capture acknowledged to the capture painted on the
board, in a real terminal (tmux), at 100 and 10,000 interests stored.

The board is its own process following the file read-only; the writer is the facade in this
process (each capture fsynced, as the app's are). The clock stops when tmux's screen shows
"latest: COUNTRY", so it includes the board's polling, re-reading the file and painting.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bulk import CODES, build_workshop, percentiles

from matchdesk.store.workshop import Workshop

CAPTURES = 20


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=False
    ).stdout


def _latency(folder: Path, presentations: int, per: int) -> dict[str, float]:
    path = build_workshop(folder / f"board-{presentations * per}.json", presentations, per)
    socket = f"matchdesk-bench-{uuid.uuid4().hex[:8]}"
    board = [sys.executable, "-m", "matchdesk", "board", str(path)]
    samples: list[float] = []
    with Workshop.open(path) as writer:
        current = writer.presentations()[0]
        writer.set_current_presentation(current.uid)
        taken = {i.country.code for i in writer.interests(current.uid)}
        codes = [c for c in reversed(CODES) if c not in taken][:CAPTURES]
        _tmux(socket, "new-session", "-d", "-s", "b", "-x", "160", "-y", "45", " ".join(board))
        try:
            deadline = time.monotonic() + 30
            while "presented by" not in _tmux(socket, "capture-pane", "-p", "-t", "b"):
                if time.monotonic() > deadline:
                    raise RuntimeError("the board did not start")
                time.sleep(0.05)
            for code in codes:
                name = writer.record_interest(current.uid, code).country.name
                started = time.perf_counter()
                while f"latest: {name}" not in _tmux(socket, "capture-pane", "-p", "-t", "b"):
                    if time.perf_counter() - started > 10:
                        raise RuntimeError(f"{name} never reached the board")
                    time.sleep(0.01)
                samples.append((time.perf_counter() - started) * 1000)
        finally:
            _tmux(socket, "kill-server")
    return {**percentiles(samples), "max": round(max(samples), 1)}


def bench_board(folder: Path) -> dict[str, Any]:
    if shutil.which("tmux") is None:
        raise ImportError("tmux is not installed")
    return {
        "capture_to_board_ms": {
            "100": _latency(folder, 5, 20),
            "10000": _latency(folder, 500, 20),
        }
    }

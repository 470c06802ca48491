"""Network benchmark: 50 workshops of 2,000 interests each (100,000 in all).

``bench_network(folder)`` is called by ``tests/benchmarks/run.py`` (``--only network``); run
alone with ``python tests/benchmarks/network_bench.py``. Both figures are what a person
waits for, timed from outside a separate process:

- ``json_s``: the whole ``matchdesk network FOLDER --json`` command (start-up, discovery,
  50 read-only opens, the roll-up, suggestions, the JSON), several runs: p50, p95 and max,
  run as installed (``bulk.installed_env``), beside its floor ``json_load_s``: one process
  that ``json.load``s the 50 files (``floors.py``), timed in turn with it, run by run.
- ``screen_s``: ``matchdesk network FOLDER`` in a real pseudo-terminal (80x24), from the
  start of the process until the painted screen shows the network's totals; p50 and max.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import CODES
from floors import json_load_argv, time_in_turn

from matchdesk.store.file.schema import INTERESTS, PRESENTATIONS
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop

WORKSHOPS = 50
TALKS = 100
PER = 20  # 100 x 20 = 2,000 interests a workshop
RUNS = 5
THEMES = ("governance", "digitalisation", "education and skills", "health")


def build_network(folder: Path) -> Path:
    """50 workshop files over five years; countries overlap and about one presentation in
    eight comes back at a later workshop under the same or a reworded title."""
    folder.mkdir(parents=True, exist_ok=True)
    for w in range(WORKSHOPS):
        with Workshop.open(folder / f"workshop-{w:02d}.json") as workshop:
            writes = []
            for n in range(TALKS):
                again = n % 8 == 0
                key = n if again else w * TALKS + n
                country = CODES[(key * 7) % len(CODES)]
                title = f"{THEMES[key % 4].title()} practice {key}: public service innovation"
                if again and w % 2:
                    title = title.replace("public service innovation", "innovating public service")
                doc = workshop.ledger.new_record(
                    title=title,
                    country=country,
                    presenter="",
                    theme=THEMES[key % 4],
                    position=n + 1,
                )
                writes.append((PRESENTATIONS, doc))
                for k in range(PER):
                    interest = workshop.ledger.new_record(
                        presentation=doc["uid"],
                        country=CODES[(n * 11 + k * 13 + w) % len(CODES)],
                        channel=Channel.ONLINE.value,
                        note="",
                    )
                    interest["captured_at"] = f"{2020 + w // 10}-06-01T10:00:00Z"
                    writes.append((INTERESTS, interest))
            workshop.ledger.commit("benchmark data", writes, owned=True)
            workshop.set_info(
                title=f"Benchmark workshop {w + 1}", date=f"{2020 + w // 10}-{w % 10 + 1:02d}-15"
            )
    return folder


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "matchdesk", "network", *args]


def _open_screen(folder: Path, marker: bytes) -> float:
    """Seconds from spawning the app in a pty until ``marker`` is painted; then ctrl+q."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: an 80x24 terminal running the command
        os.environ.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
        os.execv(sys.executable, _command(str(folder)))
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    try:
        while marker not in seen:
            if time.perf_counter() - started > 60:
                raise RuntimeError("the network screen never showed its totals")
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen = seen[-4096:] + os.read(fd, 65536)
                except OSError:
                    break
        elapsed = time.perf_counter() - started
        os.write(fd, b"\x11")  # ctrl+q
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            select.select([fd], [], [], 0.05)
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return elapsed


def time_screen(folder: Path) -> dict[str, float]:
    marker = f"{WORKSHOPS} workshops".encode()
    samples = [_open_screen(folder, marker) for _ in range(RUNS)]
    return {"p50": round(statistics.median(samples), 2), "max": round(max(samples), 2)}


def bench_network(folder: Path) -> dict[str, Any]:
    """``network --json`` and its floor (``json.load`` of the 50 files in one process) timed in
    turn, run by run (``floors.time_in_turn``), and the screen."""
    network = build_network(folder / "network")
    files = sorted(network.glob("workshop-*.json"))
    command = _command(str(network), "--json")
    json_s, floor = time_in_turn([command, json_load_argv(files)], folder, RUNS)
    return {"json_s": json_s, "json_load_s": floor, "screen_s": time_screen(network)}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="matchdesk-network-bench-") as tmp:
        print(bench_network(Path(tmp)))

"""Follow-up at size: 10,000 interests with 50,000 history records.

    followup.cli_s.{list,json,stage}.{p50,p95,max}   ``matchdesk followup`` as a whole process
                                                     (run as installed: ``bulk.installed_env``)
    followup.screen_open_s.{p50,max}                 ctrl+f to the follow-up screen painted in
                                                     a real pseudo-terminal (a new app each)

The history is written the way the app writes it (records through ``Workshop.commit``), in
one transaction, with stage chains, notes, owners and next actions spread over the months.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

from bulk import build_workshop, installed_env

from matchdesk.store.file.schema import FOLLOWUP
from matchdesk.store.followup import STAGES, Followup, Outcome
from matchdesk.store.workshop import Workshop

RUNS = 7


def build_followup(path: Path, interests: int = 10_000, records: int = 50_000) -> Path:
    """A workshop of ``interests`` (500 presentations) and ``records`` follow-up records."""
    build_workshop(path, presentations=interests // 20, per=20)
    with Workshop.open(path) as workshop:
        keys = [p.key for p in Followup(workshop).possibilities()]
        writes = []
        previous: dict[tuple[str, str], str] = {}
        for n in range(records):
            key = keys[n % len(keys)]
            round_ = n // len(keys)
            month = 1 + (n * 7 + round_) % 12
            stamp = f"2022-{month:02d}-{1 + n % 28:02d}T09:00:00.000Z"
            kind = ("stage", "note", "owner", "next_action", "stage")[round_ % 5]
            fields: dict[str, Any] = {"presentation": key[0], "country": key[1], "kind": kind}
            if kind == "stage":
                stage = STAGES[min(1 + round_ // 4 + n % 3, len(STAGES) - 1)]
                closing = n % 17 == 0 and round_ >= 4
                fields.update(
                    stage=stage.value,
                    outcome=Outcome.NOT_PURSUED.value if closing else "",
                    replaces=[previous[key]] if key in previous else [],
                )
            elif kind == "note":
                fields["text"] = f"Call {n}: agreed to share the guidelines before the visit."
            elif kind == "owner":
                fields.update(owner=("Aigerim", "Dana", "Ravi", "Lucía")[n % 4], replaces=[])
            else:
                fields.update(action="Send the draft agenda", due=f"2022-{month:02d}-15")
                fields["replaces"] = []
            doc = workshop.ledger.new_record(**fields)
            doc.update(created_at=stamp, updated_at=stamp)
            if kind == "stage":
                previous[key] = doc["uid"]
            writes.append((FOLLOWUP, doc))
        workshop.ledger.commit("benchmark follow-up", writes)
    return path


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50": round(statistics.median(ordered), 3),
        "p95": round(p95, 3),
        "max": round(ordered[-1], 3),
    }


def bench_cli(path: Path) -> dict[str, Any]:
    """``matchdesk followup`` as a user runs it: a new process each time, to its exit."""
    variants = {
        "list": [],
        "json": ["--json"],
        "stage": ["--stage", "field_visit", "--overdue"],
    }
    out: dict[str, Any] = {}
    env = installed_env(path.parent)
    for name, extra in variants.items():
        samples = []
        for run in range(RUNS + 1):  # the first compiles, as an installation has
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "matchdesk", "followup", str(path), *extra],
                capture_output=True,
                check=False,
                env=env,
            )
            if run:
                samples.append(time.perf_counter() - started)
            assert done.returncode == 0, done.stderr
        out[name] = _summary(samples)
    return out


def _pty_open(path: Path, timeout: float = 60) -> float:
    """Seconds from ctrl+f to the follow-up screen painted in a real pseudo-terminal: the
    stage groups and the first possibilities written to the terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: matchdesk in a 120x40 terminal, run as installed
        os.environ.clear()
        os.environ.update(installed_env(path.parent))
        os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
        os.execv(sys.executable, [sys.executable, "-m", "matchdesk", "open", str(path)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    try:
        _read_until(fd, [b"Practice 1"], timeout)  # the capture screen
        _read_until(fd, [], 0.5)  # ... and quiet
        started = time.perf_counter()
        os.write(fd, b"\x06")  # ctrl+f
        _read_until(fd, [b"Stage groups", b"1. Practice 1"], timeout)
        return time.perf_counter() - started
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def _read_until(fd: int, wanted: list[bytes], timeout: float) -> None:
    """Read the terminal until every ``wanted`` piece was written (or, with none, until the
    output is quiet for ``timeout`` seconds)."""
    seen = b""
    deadline = time.perf_counter() + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            if wanted:
                raise RuntimeError(f"never painted {wanted}")
            return
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            seen += os.read(fd, 65536)
        except OSError:
            raise RuntimeError("matchdesk exited") from None
        if wanted and all(piece in seen for piece in wanted):
            return
        if not wanted:
            deadline = time.perf_counter() + timeout


def bench_screen(path: Path) -> dict[str, float]:
    _pty_open(path)  # compiles the modules once, as an installation has
    samples = [_pty_open(path) for _ in range(3)]
    return {"p50": round(statistics.median(samples), 3), "max": round(max(samples), 3)}


def bench_followup(folder: Path) -> dict[str, Any]:
    path = build_followup(folder / "followup.json")
    return {"cli_s": bench_cli(path), "screen_open_s": bench_screen(path)}


if __name__ == "__main__":
    import json
    import tempfile

    with tempfile.TemporaryDirectory(prefix="matchdesk-followup-", dir=Path.cwd()) as tmp:
        print(json.dumps(bench_followup(Path(tmp)), indent=2))

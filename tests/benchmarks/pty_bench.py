"""What a person gets: the app in a real pseudo-terminal, its painted screen read back by a
terminal emulator (``pyte``), at 120x40.

    python tests/benchmarks/pty_bench.py [--sizes 10000,100000] [--samples 60] [--priority]

``--priority`` (root only) runs the app and this reader at nice -10: on a machine shared with
other work it measures what the app gets on a laptop of its own.

Figures (milliseconds unless said; p50 / p95 / max):
  first_paint_s        from starting ``matchdesk open FILE`` (a new process, imports and all,
                       run as installed: ``bulk.installed_env``, after one run that compiles)
                       until the screen holds the presentations, the input and the total
  enter_to_tally_ms    type a country, wait until its preview is painted, press Enter, until
                       the painted screen holds the new total
  key_to_preview_ms    one more letter typed until the painted "→ Country" line changes
Sizes: 10,000 interests over 500 presentations and 100,000 over 1,000 (``bulk.py``).

The bytes are read by a thread that stamps each chunk as it arrives, so the emulator's own
parsing (pure Python) never delays a reading; a paint counts from the arrival of the chunk that
completed it.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import queue
import signal
import struct
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Sequence
from fcntl import ioctl
from pathlib import Path
from typing import Any

import pyte

sys.path.insert(0, str(Path(__file__).parent))

from bulk import TYPED_CODES, build_workshop, installed_env, percentiles

COLUMNS, LINES = 120, 40
SIZES = {10_000: 500, 100_000: 1_000}  # interests -> presentations


class Terminal:
    """``matchdesk open FILE [--with PEER...]`` in a pty, its screen emulated by pyte."""

    def __init__(self, path: Path, peers: Sequence[Path] = ()) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the app, as a person starts it (installed: bytecode cached)
            os.environ.clear()
            os.environ.update(installed_env(path.parent))
            os.environ.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
            argv = [sys.executable, "-m", "matchdesk", "open", str(path)]
            argv += [arg for peer in peers for arg in ("--with", str(peer))]
            os.execv(sys.executable, argv)
        self.pid, self.fd = pid, fd
        ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                return
            if not data:
                return
            self.chunks.put((time.perf_counter(), data))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def until(self, condition: Callable[[str], bool], timeout: float = 60.0) -> float:
        """Feed the emulator until ``condition(screen text)``; when the completing chunk came."""
        deadline = time.perf_counter() + timeout
        if condition(self.text()):
            return time.perf_counter()
        while True:
            try:
                arrived, data = self.chunks.get(timeout=max(deadline - time.perf_counter(), 0))
            except queue.Empty:
                raise RuntimeError(f"not painted within {timeout}s:\n{self.text()}") from None
            self.stream.feed(data)
            while not self.chunks.empty():  # paint what already came before judging
                arrived, data = self.chunks.get_nowait()
                self.stream.feed(data)
            if condition(self.text()):
                return arrived

    def send(self, data: bytes) -> float:
        sent = time.perf_counter()
        os.write(self.fd, data)
        return sent

    def close(self) -> None:
        self.send(b"\x11")  # ctrl+q
        deadline = time.time() + 30
        while time.time() < deadline:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def _shows(*needles: str) -> Callable[[str], bool]:
    return lambda text: all(needle in text for needle in needles)


def first_paint(path: Path, interests: int) -> float:
    """Seconds from starting the process to the first full paint."""
    term = Terminal(path)
    try:
        painted = term.until(_shows(f"{interests} possibilities", "Practice 1", "Country or code"))
    finally:
        term.close()
    return painted - term.started


def captures(
    path: Path, interests: int, samples: int, peers: Sequence[Path] = ()
) -> tuple[list[float], list[float]]:
    """(Enter to painted tally, last letter to painted preview), in ms, for ``samples``
    captures on the first presentation, each a country typed by its code (``peers``: the app
    follows those laptops' files too, ``open --with``)."""
    from matchdesk.store.workshop import Workshop

    taken: set[str] = set()
    for file in (path, *peers):
        with Workshop.open(file, readonly=True) as workshop:
            first = workshop.presentations()[0]
            taken |= {i.country.code for i in workshop.interests(first.uid)}
            names = {code: workshop.country(code).name for code in TYPED_CODES}
    term = Terminal(path, peers)
    enter_ms: list[float] = []
    key_ms: list[float] = []
    try:
        total = interests
        term.until(_shows(f"{total} possibilities", "Country or code"))
        for code in [c for c in TYPED_CODES if c not in taken][:samples]:
            typed = code.lower()
            term.send(typed[:2].encode())
            term.until(_shows("→"), 10)
            sent = term.send(typed[2:].encode())
            key_ms.append((term.until(_shows(f"→ {names[code]}"), 10) - sent) * 1000)
            sent = term.send(b"\r")
            total += 1
            enter_ms.append((term.until(_shows(f"{total} possibilities"), 10) - sent) * 1000)
    finally:
        term.close()
    return enter_ms, key_ms


def _stats(samples: list[float]) -> dict[str, float]:
    return {**percentiles(samples), "max": round(max(samples), 3), "samples": len(samples)}


def bench_pty(tmpdir: Path, sizes: tuple[int, ...] = tuple(SIZES), samples: int = 60) -> dict:
    """The ``pty`` section of the benchmark report, per size."""
    results: dict[str, Any] = {}
    for interests in sizes:
        presentations = SIZES[interests]
        path = Path(tmpdir) / f"pty-{interests}.json"
        build_workshop(path, presentations, interests // presentations)
        first_paint(path, interests)  # compiles the modules once, as an installation has
        paints = [round(first_paint(path, interests), 3) for _ in range(3)]
        enter_ms, key_ms = captures(path, interests, samples)
        results[str(interests)] = {
            "presentations": presentations,
            "first_paint_s": {"runs": paints, "max": max(paints)},
            "enter_to_tally_ms": _stats(enter_ms),
            "key_to_preview_ms": _stats(key_ms),
        }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--priority", action="store_true", help="nice -10 (root only)")
    args = parser.parse_args()
    if args.priority:
        os.nice(-10)  # inherited by the app's process
    sizes = tuple(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="matchdesk-pty-") as folder:
        print(json.dumps(bench_pty(Path(folder), sizes, args.samples), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

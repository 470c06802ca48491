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

Floors, measured in the same run, in the same pty, by the same Python and Textual:
  floor                the bare Textual app of ``bare_app.py`` (an Input that previews a name,
                       one fsynced append on Enter, one repainted count): its first paint, its
                       Enter to painted count and last key to painted preview, measured as
                       matchdesk's are, between the two sizes
  json_load_s          ``json.load`` of each size's snapshot as a whole process (p50 / p95 /
                       max of 5): what the first paint at 100,000 may add to the bare app's

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
import statistics
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

    def __init__(self, path: Path, peers: Sequence[Path] = (), argv: Sequence[str] = ()) -> None:
        """``argv``: another program in the same pty instead (the floor, ``bare_argv``)."""
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        if not argv:
            argv = [sys.executable, "-m", "matchdesk", "open", str(path)]
            argv += [arg for peer in peers for arg in ("--with", str(peer))]
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the app, as a person starts it (installed: bytecode cached)
            os.environ.clear()
            os.environ.update(installed_env(path.parent))
            os.environ.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
            os.execv(argv[0], list(argv))
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
            # Judged after every chunk: the frames the app writes just after the one that
            # completed the condition, already queued while the emulator read that one, must
            # not lend it their later stamps.
            if condition(self.text()):
                return arrived

    def send(self, data: bytes) -> float:
        sent = time.perf_counter()
        os.write(self.fd, data)
        return sent

    def close(self) -> None:
        """ctrl+q and wait; ``peak_rss_mb``: the app's peak resident memory, whole run."""
        self.send(b"\x11")  # ctrl+q
        deadline = time.time() + 30
        while time.time() < deadline:
            done, _, usage = os.wait4(self.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            _, _, usage = os.wait4(self.pid, 0)
        self.peak_rss_mb = round(usage.ru_maxrss / 1024, 1)
        os.close(self.fd)


def _shows(*needles: str) -> Callable[[str], bool]:
    return lambda text: all(needle in text for needle in needles)


def bare_argv(folder: Path, total: int) -> list[str]:
    """The floor's command line: ``bare_app.py`` starting at ``total``, previewing the names of
    the codes the benchmark types, appending to a journal of its own in ``folder``."""
    from matchdesk.store.countries import iso_country

    names = folder / "bare-names.json"
    table = {code: iso_country(code).name for code in TYPED_CODES}  # type: ignore[union-attr]
    names.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    script = Path(__file__).with_name("bare_app.py")
    return [sys.executable, str(script), str(total), str(names), str(folder / "bare.journal")]


def first_paint(path: Path, interests: int, argv: Sequence[str] = ()) -> float:
    """Seconds from starting the process to the first full paint (``argv``: of the floor)."""
    term = Terminal(path, argv=argv)
    try:
        painted = term.until(_shows(f"{interests} possibilities", "Practice 1", "Country or code"))
    finally:
        term.close()
    return painted - term.started


def captures(
    path: Path, interests: int, samples: int, peers: Sequence[Path] = (), argv: Sequence[str] = ()
) -> tuple[list[float], list[float]]:
    """(Enter to painted tally, last letter to painted preview), in ms, for ``samples``
    captures on the first presentation, each a country typed by its code (``peers``: the app
    follows those laptops' files too, ``open --with``; ``argv``: the floor instead, ``path``
    only names the folder)."""
    from matchdesk.store.countries import iso_country
    from matchdesk.store.workshop import Workshop

    taken: set[str] = set()
    names = {code: iso_country(code).name for code in TYPED_CODES}  # type: ignore[union-attr]
    for file in (path, *peers) if not argv else ():
        with Workshop.open(file, readonly=True) as workshop:
            first = workshop.presentations()[0]
            taken |= {i.country.code for i in workshop.interests(first.uid)}
            names = {code: workshop.country(code).name for code in TYPED_CODES}
    term = Terminal(path, peers, argv)
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


def json_load_s(path: Path, runs: int = 5) -> dict[str, float]:
    """``json.load`` of ``path`` as a whole process, run as installed (``floors.py``)."""
    from floors import json_load_argv, time_process

    return time_process(json_load_argv([path]), path.parent, runs)


def bench_floor(folder: Path, samples: int, paints: int = 3) -> dict[str, Any]:
    """The bare app's figures (``bare_app.py``), measured as matchdesk's are (``paints`` first
    paints after one that compiles, as matchdesk's three)."""
    argv = bare_argv(folder, 0)
    first_paint(folder / "bare", 0, argv)  # compiles Textual's modules once, as matchdesk's run
    runs = [round(first_paint(folder / "bare", 0, argv), 3) for _ in range(paints)]
    enter_ms, key_ms = captures(folder / "bare", 0, samples, argv=argv)
    return {
        "first_paint_s": {"runs": runs, "max": max(runs)},
        "enter_to_tally_ms": _stats(enter_ms),
        "key_to_preview_ms": _stats(key_ms),
    }


def bench_pty(tmpdir: Path, sizes: tuple[int, ...] = tuple(SIZES), samples: int = 60) -> dict:
    """The ``pty`` section of the benchmark report, per size, and the floor (the bare app,
    measured before, between and after the sizes: all its samples together)."""
    import textual

    results: dict[str, Any] = {"textual": textual.__version__}
    floors: list[dict[str, Any]] = []
    for interests in sizes:
        floors.append(bench_floor(Path(tmpdir), samples))
        presentations = SIZES.get(interests, max(1, interests // 20))
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
            "json_load_s": json_load_s(path),
        }
    floors.append(bench_floor(Path(tmpdir), samples))
    results["floor"] = _merge_floors(floors)
    return results


def _merge_floors(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One floor from its measurements during the run: for each figure the median over the
    measurements (one taken at a busy moment does not make the floor), and each measurement
    under ``runs`` for the spread. The first paint's ``max`` is, as matchdesk's, a worst of
    three: the median of the measurements' worsts."""
    worsts = [run["first_paint_s"]["max"] for run in runs]
    merged: dict[str, Any] = {
        "measurements": len(runs),
        "first_paint_s": {"runs": worsts, "max": statistics.median(worsts)},
    }
    for figure in ("enter_to_tally_ms", "key_to_preview_ms"):
        each = [{k: run[figure][k] for k in ("p50", "p95", "max")} for run in runs]
        merged[figure] = {
            **{k: round(statistics.median(m[k] for m in each), 3) for k in ("p50", "p95", "max")},
            "runs": each,
        }
    return merged


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

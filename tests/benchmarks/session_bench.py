"""Long-session benchmark: 5,000 captures with undos in a running app; memory must stay flat.

``bench_session(tmpdir)`` is called by ``tests/benchmarks/run.py``; run alone with
``python tests/benchmarks/session_bench.py``. ``tests/tui/test_long_session.py`` runs the same
script, shorter, and checks the file against the expected state.

The script, like a facilitator's afternoon: one or several countries per Enter ("kaz, tha, phl"),
every 7th capture undone (ctrl+z) and every 3rd undo redone (ctrl+y), now and then two undos in a
row, and a move to another presentation every few dozen captures (arrow keys or a typed number).
Keys are posted as the terminal driver posts them, so they go through the real bindings; each
step waits until the screen shows its effect before the next one starts.
"""

from __future__ import annotations

import asyncio
import gc
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events

sys.path.insert(0, str(Path(__file__).parent))

from bulk import TYPED_CODES as CODES

PRESENTATIONS = 120  # 120 x 236 pairs; a presentation gets ~50 interests by the end of 5,000
SIZE = (120, 40)

Pair = tuple[str, str]  # (presentation uid, ISO alpha-3 code)


def rss_mb() -> float:
    """This process's resident set size (VmRSS), in MB, after a full collection."""
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def build_workshop(path: Path, presentations: int = PRESENTATIONS) -> Path:
    """An agenda of ``presentations`` and no interest yet (the session adds them all)."""
    from matchdesk.store.workshop import Workshop

    with Workshop.open(path) as workshop:
        for n in range(presentations):
            workshop.add_presentation(f"Practice {n + 1}", CODES[(n * 11) % len(CODES)])
    return path


@dataclass
class Script:
    """The expected state, kept by the script itself (never read back from the app)."""

    live: set[Pair] = field(default_factory=set)
    undo: list[frozenset[Pair]] = field(default_factory=list)
    redo: list[frozenset[Pair]] = field(default_factory=list)
    captures: int = 0
    undos: int = 0
    redos: int = 0
    moves: int = 0

    def captured(self, pairs: frozenset[Pair]) -> None:
        self.live |= pairs
        self.undo.append(pairs)
        self.redo.clear()
        self.captures += 1

    def undone(self) -> None:
        pairs = self.undo.pop()
        self.live -= pairs
        self.redo.append(pairs)
        self.undos += 1

    def redone(self) -> None:
        pairs = self.redo.pop()
        self.live |= pairs
        self.undo.append(pairs)
        self.redos += 1


async def until(condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (bounded; never a fixed sleep).

    Yields to the event loop without waiting for a repaint: Textual paints at its own pace (as
    it does for a fast typist), so a step costs what the app costs, not a frame per step.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the screen did not catch up within {timeout}s")
        await asyncio.sleep(0)


async def run_session(
    path: Path,
    captures: int,
    *,
    marks: tuple[int, ...] = (),
    seed: int = 2021,
    size: tuple[int, int] = SIZE,
) -> dict[str, Any]:
    """Drive ``captures`` captures through the app on ``path``; RSS is read at each of ``marks``.

    Returns the script's expected live pairs (``expected``), the RSS figures (``rss_mb``, keyed
    by capture count), counts of undos/redos/moves and the wall time. The app is closed (ctrl+q)
    before returning, so the file is checkpointed and unlocked.
    """
    from matchdesk.tui.app import make_app
    from matchdesk.tui.screens.capture import CaptureScreen

    rng = random.Random(seed)
    script = Script()
    rss: dict[int, float] = {}
    started = time.perf_counter()
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        uids = [p.uid for p in app.session.presentations]
        entry = screen.country_input
        await until(lambda: screen.current_uid == uids[0])

        def press(key: str) -> None:
            app.post_message(events.Key(key, None))  # as the terminal driver does

        def shows(expected: set[Pair], uid: str) -> bool:
            """The tallies, the count cell and the interest list all show ``expected``."""
            mine = sum(1 for p, _ in expected if p == uid)
            return (
                app.session.workshop.totals().interests == len(expected)
                and screen.table.get_cell(uid, "count").plain == str(mine)
                and screen.interest_table.row_count == mine
            )

        row = 0
        for n in range(1, captures + 1):
            uid = uids[row]
            free = [c for c in CODES if (uid, c) not in script.live]
            codes = rng.sample(free, 3 if n % 5 == 0 else 1)
            entry.value = ", ".join(c.lower() for c in codes)
            press("enter")
            script.captured(frozenset((uid, c) for c in codes))
            await until(lambda: entry.value == "" and shows(script.live, uid))  # noqa: B023
            if n % 7 == 0:
                press("ctrl+z")
                script.undone()
                if n % 21 == 0:
                    await until(lambda: shows(script.live, uid))  # noqa: B023
                    press("ctrl+y")
                    script.redone()
                elif n % 100 == 98:
                    await until(lambda: shows(script.live, uid))  # noqa: B023
                    press("ctrl+z")  # and the capture before it (maybe on another presentation)
                    script.undone()
                await until(lambda: shows(script.live, uid))  # noqa: B023
            if n % 37 == 0:  # on to one of the emptier presentations (none ever fills up)
                filled = {u: 0 for u in uids}
                for u, _ in script.live:
                    filled[u] += 1
                emptier = sorted(range(len(uids)), key=lambda i: filled[uids[i]])[:20]
                target = rng.choice(emptier)
                if rng.random() < 0.5:
                    entry.value = str(target + 1)  # "7" + Enter jumps to presentation 7
                    press("enter")
                else:
                    for _ in range(abs(target - row)):
                        press("down" if target > row else "up")
                row = target
                script.moves += 1
                await until(lambda: screen.current_uid == uids[row] and entry.value == "")  # noqa: B023
            if n % 50 == 0:
                await pilot.pause()  # let a full repaint happen now and then
            if n in marks:
                rss[n] = round(rss_mb(), 1)
        expected = set(script.live)
        await pilot.press("ctrl+q")
    return {
        "expected": expected,
        "rss_mb": rss,
        "captures": script.captures,
        "undos": script.undos,
        "redos": script.redos,
        "moves": script.moves,
        "seconds": round(time.perf_counter() - started, 1),
    }


def stored_pairs(path: Path) -> set[Pair]:
    """The live (presentation, country) pairs as another process reads the file."""
    from matchdesk.store.workshop import Workshop

    with Workshop.open(path, readonly=True) as workshop:
        return {(i.presentation_uid, i.country.code) for i in workshop.interests()}


def bench_session(tmpdir: Path) -> dict[str, Any]:
    """The ``session`` section of the benchmark report (5,000 captures; RSS after warm-up at
    1,000, then at 3,000 and 5,000)."""
    path = build_workshop(Path(tmpdir) / "session-bench.json")
    result = asyncio.run(run_session(path, 5000, marks=(1000, 3000, 5000)))
    if stored_pairs(path) != result["expected"]:
        raise AssertionError("the file does not hold the expected interests")
    rss = result["rss_mb"]
    return {
        "captures": result["captures"],
        "interests": len(result["expected"]),
        "undos": result["undos"],
        "redos": result["redos"],
        "moves": result["moves"],
        "rss_mb": {"start": rss[1000], "middle": rss[3000], "end": rss[5000]},
        "seconds": result["seconds"],
    }


if __name__ == "__main__":
    import json

    with tempfile.TemporaryDirectory() as folder:
        json.dump(bench_session(Path(folder)), sys.stdout, indent=2)
        print()

"""The painted screen as the room sees it: ``matchdesk open`` in a real pseudo-terminal, its
output read back by a terminal emulator (``pyte``), and what it shows held against
``matchdesk tally --json`` of the file.

A widget's data is not what the room sees: these checks read characters off the emulated
screen only. The capture screen's parts are found by their shape, at any size: the line
``N. Title — Country · K interested`` heads the interest list; the agenda rows above it start
``N.`` and end with the count; the line under the input is the third from the bottom (above the
totals and the footer).
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import queue
import re
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fcntl import ioctl
from pathlib import Path
from typing import Any

import pyte
from click.testing import CliRunner
from rich.cells import cell_len

from matchdesk.tui.cli import main as cli_main

HEADING = re.compile(r"^ ?(\d+)\. (.+?)(?: — (.+?))? · (\d+) interested(?: · .*)?$")
AGENDA_ROW = re.compile(r"^\s*(\d+)\.\s.*?(\d+)\s*$")
TOTAL = re.compile(r"^\s*([\d,]+) poss")
IN_TOTAL = re.compile(r"(\d[\d,]*) in total")
COUNTRY_CELL = 26  # the interest list's country column (InterestTable's fixed width)
BOX = "▔▁▊▎"  # the input's border (a bordered input at 40 lines and more)


def tally(path: Path, peers: Sequence[Path] = ()) -> dict[str, Any]:
    """``matchdesk tally FILE [--with PEER...] --json``: the command itself, in this process (no
    interpreter start per step); it reads the file as any other process does, lock and journal
    included."""
    also = [arg for peer in peers for arg in ("--with", str(peer))]
    result = CliRunner().invoke(cli_main, ["tally", str(path), *also, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@dataclass(frozen=True)
class Painted:
    """What one painted frame shows of the capture screen."""

    lines: tuple[str, ...]
    heading: tuple[int, str, int] | None  # (number, title, "K interested")
    rows: tuple[str, ...]  # the interest list's country cells, top to bottom
    list_full: bool  # the list fills its room (rows hidden above or below are possible)
    agenda: dict[int, int]  # presentation number -> its painted count
    status: str  # the line under the input
    total: int | None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def left_part(line: str) -> str:
    """The capture column: everything left of the tallies panel's border (when shown)."""
    return line.split("▏", 1)[0]


def read_screen(lines: Sequence[str]) -> Painted:
    lefts = [left_part(line).rstrip() for line in lines]
    heading: tuple[int, str, int] | None = None
    at = None
    for n, text in enumerate(lefts):
        if found := HEADING.match(text):
            heading = (int(found[1]), found[2], int(found[4]))
            at = n
            break
    agenda: dict[int, int] = {}
    for text in lefts[: at if at is not None else len(lefts) - 3]:
        if found := AGENDA_ROW.match(text):
            agenda[int(found[1])] = int(found[2])
    rows: list[str] = []
    full = False
    if at is not None:
        for text in lefts[at + 2 : len(lefts) - 3]:  # under the column titles
            if not text.strip():
                break
            if any(mark in text for mark in BOX) or "●" in text:
                full = True  # the list ran into the input: it fills its room
                break
            rows.append(cell_slice(text, 1, COUNTRY_CELL).strip())
    total = None
    if found := TOTAL.match(lines[-2]):
        total = int(found[1].replace(",", ""))
    return Painted(
        lines=tuple(lines),
        heading=heading,
        rows=tuple(rows),
        list_full=full,
        agenda=agenda,
        status=left_part(lines[-3]).strip(),
        total=total,
    )


def cell_slice(text: str, start: int, width: int) -> str:
    """The characters of a painted line in its cells ``start`` to ``start + width``: the
    emulator's lines hold a Chinese character once, though it fills two cells."""
    out, at = [], 0
    for char in text:
        cells = cell_len(char)
        if start <= at and at + cells <= start + width:
            out.append(char)
        at += cells
    return "".join(out)


def clipped(name: str) -> str:
    """A country name as its cell paints it (cut with an ellipsis past the column)."""
    if cell_len(name) <= COUNTRY_CELL - 1:
        return name
    kept = cell_slice(name, 0, COUNTRY_CELL - 2)  # a wide character that would straddle: a space
    return kept + " " * (COUNTRY_CELL - 2 - cell_len(kept)) + "…"


def disagreements(painted: Painted, tallied: dict[str, Any], *, newest: bool = True) -> list[str]:
    """Every way the painted capture screen disagrees with the tally (empty: it agrees).

    ``newest``: the newest interest of the highlighted presentation must be in view (after a
    capture, and when a presentation is highlighted; a list the user scrolled is exempt).
    """
    problems: list[str] = []
    totals = tallied["totals"]["interests"]
    if painted.total != totals:
        problems.append(f"totals line says {painted.total}, tally {totals}")
    presentations = tallied["presentations"]
    for number, count in painted.agenda.items():
        if not 1 <= number <= len(presentations):
            problems.append(f"agenda row {number} does not exist")
        elif presentations[number - 1]["interests"] != count:
            want = presentations[number - 1]["interests"]
            problems.append(f"agenda row {number} says {count}, tally {want}")
    if painted.heading is None:
        if presentations:
            problems.append("no heading over the interest list")
        return problems
    number, title, count = painted.heading
    presentation = presentations[number - 1]
    if not presentation["title"].startswith(title.rstrip("…")):
        problems.append(
            f"heading names “{title}”, presentation {number} is {presentation['title']}"
        )
    if count != presentation["interests"]:
        problems.append(f"heading says {count} interested, tally {presentation['interests']}")
    names = [clipped(c["name"]) for c in presentation["interested"]]
    rows = list(painted.rows)
    windows = [names[k : k + len(rows)] for k in range(max(len(names) - len(rows), 0) + 1)]
    if rows and rows not in windows:
        problems.append(f"list shows {rows}, tally {names}")
    if len(rows) < len(names) and not painted.list_full:
        problems.append(f"list shows {len(rows)} of {len(names)} rows with room to spare")
    if newest and names and (not rows or rows[-1] != names[-1]):
        problems.append(f"newest interest {names[-1]} not in view (list shows {rows})")
    if painted.status.endswith("…"):
        problems.append(f"the line under the input is cut: {painted.status!r}")
    if found := IN_TOTAL.search(painted.status):
        said = int(found[1].replace(",", ""))
        if said != totals:
            problems.append(f"line under the input says {said} in total, tally {totals}")
    return problems


class PaintedApp:
    """``matchdesk ARGS`` in a pty of ``size``; ``screen()`` is what the terminal shows now."""

    def __init__(
        self,
        args: Sequence[str],
        size: tuple[int, int] = (120, 40),
        env: Mapping[str, str | None] | None = None,
    ) -> None:
        """``env`` adds (or, with None, removes) environment variables for the app."""
        self.columns, self.rows = size
        self.screen = pyte.Screen(self.columns, self.rows)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: queue.Queue[bytes] = queue.Queue()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the app as a person starts it
            os.environ.update(TERM="xterm-256color", COLUMNS=str(self.columns))
            os.environ["LINES"] = str(self.rows)
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            for name, value in (env or {}).items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            os.execv(sys.executable, [sys.executable, "-m", "matchdesk", *args])
        self.pid, self.fd = pid, fd
        ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.columns, 0, 0))
        threading.Thread(target=self._read, daemon=True).start()
        self.exit_code: int | None = None

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                return
            if not data:
                return
            self.chunks.put(data)

    def _drain(self, wait: float) -> None:
        try:
            self.stream.feed(self.chunks.get(timeout=wait))
        except queue.Empty:
            return
        while not self.chunks.empty():
            self.stream.feed(self.chunks.get_nowait())

    def lines(self) -> list[str]:
        self._drain(0)
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.lines())

    def until(self, condition: Callable[[str], object], timeout: float = 60.0) -> str:
        """Read the screen until ``condition(text)`` holds (a generous bound: a loaded machine)."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"not painted within {timeout}s:\n{text}")
            self._drain(0.05)

    def send(self, keys: str | bytes) -> None:
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def agrees(
        self,
        path: Path,
        timeout: float = 60.0,
        *,
        peers: Sequence[Path] = (),
        newest: bool = True,
        status: Callable[[str], object] | None = None,
        also: Callable[[Painted], object] | None = None,
    ) -> Painted:
        """Wait until the painted screen agrees with ``tally --json`` of ``path`` (``--with``
        ``peers``), and the line under the input passes ``status``; fail with the screen and
        every disagreement."""
        deadline = time.monotonic() + timeout
        while True:
            painted = read_screen(self.lines())
            problems = disagreements(painted, tally(path, peers), newest=newest)
            if status is not None and not status(painted.status):
                problems.append(f"line under the input: {painted.status!r}")
            if also is not None and not also(painted):
                problems.append("the step's own check failed")
            if not problems:
                return painted
            if time.monotonic() > deadline:
                raise AssertionError("\n".join([*problems, "", painted.text]))
            self._drain(0.1)

    def close(self) -> int:
        """ctrl+q, then the exit code (killed after a generous wait)."""
        if self.exit_code is not None:
            return self.exit_code
        with contextlib.suppress(OSError):
            self.send(b"\x11")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.exit_code = os.waitstatus_to_exitcode(status)
                break
            self._drain(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.exit_code = -9
        os.close(self.fd)
        return self.exit_code


KEY = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "enter": "\r",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "end": "\x1b[F",
    "ctrl+t": "\x14",
    "ctrl+o": "\x0f",
    "ctrl+r": "\x12",
    "escape": "\x1b",
    "delete": "\x1b[3~",
    "ctrl+z": "\x1a",
    "ctrl+y": "\x19",
    "ctrl+l": "\x0c",
    "ctrl+f": "\x06",
    "ctrl+s": "\x13",
    "f7": "\x1b[18~",
}


def followup(path: Path) -> dict[str, Any]:
    """``matchdesk followup FILE --json``, in this process."""
    result = CliRunner().invoke(cli_main, ["followup", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


GROUPS = {
    "Interested": "interested",
    "Contacted": "contacted",
    "Learning and sharing": "learning_sharing",
    "Field visit": "field_visit",
    "Adaptation": "adaptation",
    "Implemented": "implemented",
}
GROUP_ROW = re.compile(r"^\s*(" + "|".join(GROUPS) + r"|Closed)\s+(\d+)\s*$")
POSSIBILITY_ROW = re.compile(r"^\s*\S?\s*(\d+)\. (.+?)\s{2,}(\S.*?)\s{2,}(\S.*?)\s{2,}(\S.*?)\s*$")


def _stages() -> dict[str, str]:
    """The follow-up list's short stage words, read back to the stage (or outcome) they name."""
    from matchdesk.tui.widgets.possibility_list import SHORT

    return {word: stage.value for stage, word in SHORT.items()}


_STAGE_OF = _stages()


def followup_disagreements(lines: Sequence[str], data: dict[str, Any]) -> list[str]:
    """How the painted follow-up screen disagrees with ``followup --json``: each stage group's
    count, and each painted possibility's stage; the rows in agenda order."""
    problems: list[str] = []
    at = data["funnel"]["at"]
    numbers: list[int] = []
    for line in lines:
        left, _, right = line.partition("▕")
        if found := GROUP_ROW.match(left):
            name, painted = found[1], int(found[2])
            want = data["funnel"]["closed"] if name == "Closed" else at[GROUPS[name]]
            if painted != want:
                problems.append(f"group {name} says {painted}, followup --json {want}")
        if right and (found := POSSIBILITY_ROW.match(right)):
            number, country, label = int(found[1]), found[4].rstrip("…"), found[5]
            numbers.append(number)
            matches = [
                p
                for p in data["possibilities"]
                if p["number"] == number and p["interested_country"]["name"].startswith(country)
            ]
            stage = _STAGE_OF.get(label, label)
            if not any(stage in (p["outcome"], p["stage"]) for p in matches):
                problems.append(f"row {number} {country} shows “{label}”, not in followup --json")
    if numbers != sorted(numbers):
        problems.append(f"rows not in agenda order: {numbers}")
    return problems

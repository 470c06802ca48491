"""End to end in a real terminal: tmux runs ``matchdesk open``, another process runs ``tally``.

This is the issue's "done when" check: type Fiji + Enter, see 40 from ``tally --json`` within a
second, ctrl+z back to 39, a concurrent ``import`` refused with exit 1, ctrl+q exits 0.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..conftest import require_program

pytestmark = pytest.mark.e2e


def matchdesk_command() -> list[str]:
    script = shutil.which("matchdesk", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "matchdesk"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*matchdesk_command(), *args], capture_output=True, text=True, timeout=30, check=False
    )


def tally(path: Path) -> int:
    result = cli("tally", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["totals"]["interests"]


def until(condition: Callable[[], object], timeout: float, what: str) -> float:
    """Poll ``condition``; how long it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout}s")
        time.sleep(0.05)
    return time.monotonic() - start


class Terminal:
    """A tmux server of our own (its own socket, so it starts with this test's environment)."""

    def __init__(self) -> None:
        self.program = require_program("tmux")
        self.socket = f"matchdesk-e2e-{uuid.uuid4().hex[:8]}"

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.program, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
            env={**os.environ, "TERM": "xterm-256color"},
        )

    def start(self, argv: list[str], rc_file: Path) -> None:
        command = " ".join(f"'{part}'" for part in argv)
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            "120",
            "-y",
            "40",
            # Written aside, then renamed: a test that waits for the file never reads it empty.
            f"{command}; echo $? > '{rc_file}.part' && mv '{rc_file}.part' '{rc_file}'",
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main", check=False).stdout

    def keys(self, *names: str) -> None:
        self.tmux("send-keys", "-t", "main", *names)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal()
    yield term
    term.tmux("kill-server", check=False)


def test_capture_in_a_real_terminal(tmp_path: Path, terminal: Terminal, seed_csv: Path) -> None:
    path = tmp_path / "workshop.json"
    assert cli("import", str(path), str(seed_csv)).returncode == 0  # imported from the seed
    rc_file = tmp_path / "rc"
    terminal.start([*matchdesk_command(), "open", str(path)], rc_file)

    until(lambda: "39 possibilities" in terminal.screen(), 15, "the capture screen, 39 interests")
    assert "Rapid Digitization" in terminal.screen()

    terminal.keys("-l", "Fiji")
    until(lambda: "→ Fiji" in terminal.screen(), 15, "the typed name resolved")
    terminal.keys("Enter")
    took = until(lambda: tally(path) == 40, 15, "tally sees the capture")
    assert took < 1.0, f"another process saw the capture only after {took:.2f}s"

    terminal.keys("C-z")
    until(lambda: tally(path) == 39, 15, "tally sees the undo")

    refused = cli("import", str(path), str(seed_csv))
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr and "already open" in refused.stderr

    terminal.keys("C-q")
    until(rc_file.exists, 10, "matchdesk exited")
    assert rc_file.read_text().strip() == "0"
    assert tally(path) == 39


def test_demo_shows_the_seed(tmp_path: Path, terminal: Terminal) -> None:
    """``matchdesk demo`` in 120x40: the seed's presentations and 39 interests."""
    rc_file = tmp_path / "rc"
    terminal.start([*matchdesk_command(), "demo"], rc_file)
    titles = ("Rapid Digitization", "Project Rangeet", "Lagos State Employment Trust Fund")
    # The totals and the table are painted in one frame or in two (under load): wait for all.
    until(
        lambda: all(text in terminal.screen() for text in ("39 possibilities", *titles)),
        15,
        "the demo's capture screen with the seed's titles",
    )
    terminal.keys("C-q")
    until(rc_file.exists, 10, "matchdesk exited")
    assert rc_file.read_text().strip() == "0"
    assert list((Path(os.environ["XDG_DATA_HOME"]) / "matchdesk" / "demo").glob("astana-2021-*"))

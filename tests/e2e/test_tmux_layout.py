"""End to end at a terminal's default size, 80x24, under tmux: the running totals are on
screen after a capture, and ``matchdesk board FILE`` beside a writer shows each capture within
a second (issues 16 and 11)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from matchdesk.store.demo import create_demo

from .test_tmux import Terminal, matchdesk_command, tally, until

pytestmark = pytest.mark.e2e


class Panes(Terminal):
    """Several windows of one tmux server, each a terminal of its own size."""

    def open(self, name: str, argv: list[str], size: tuple[int, int] = (80, 24)) -> None:
        command = " ".join(f"'{part}'" for part in argv)
        width, height = str(size[0]), str(size[1])
        if self.tmux("has-session", "-t", "main", check=False).returncode:
            self.tmux(
                "new-session", "-d", "-s", "main", "-n", name, "-x", width, "-y", height, command
            )
        else:
            self.tmux("new-window", "-d", "-t", "main", "-n", name, command)
            self.tmux("resize-window", "-t", f"main:{name}", "-x", width, "-y", height)

    def text(self, name: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", f"main:{name}", check=False).stdout

    def type(self, name: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", f"main:{name}", *keys)


@pytest.fixture
def panes() -> Iterator[Panes]:
    term = Panes()
    yield term
    term.tmux("kill-server", check=False)


def test_totals_on_screen_after_a_capture_at_80x24(tmp_path: Path, panes: Panes) -> None:
    path = create_demo(tmp_path / "astana.json")
    panes.open("writer", [*matchdesk_command(), "open", str(path)])
    until(lambda: "39 possibilities" in panes.text("writer"), 15, "the totals at 80x24")
    assert all(len(line) <= 80 for line in panes.text("writer").splitlines())
    panes.type("writer", "-l", "fiji")
    until(lambda: "→ Fiji" in panes.text("writer"), 15, "the typed name resolved")
    panes.type("writer", "Enter")
    until(lambda: "40 possibilities" in panes.text("writer"), 15, "the totals after a capture")
    screen = panes.text("writer")
    assert "10 presentations" in screen and "10 interested" in screen
    assert "· 4 interested" in screen  # the highlighted presentation's count, whole
    assert tally(path) == 40  # the screen agrees with the records


def test_board_beside_a_writer_shows_each_capture_within_a_second(
    tmp_path: Path, panes: Panes
) -> None:
    path = create_demo(tmp_path / "astana.json")
    panes.open("writer", [*matchdesk_command(), "open", str(path)])
    until(lambda: "39 possibilities" in panes.text("writer"), 15, "the writer")
    panes.open("board", [*matchdesk_command(), "board", str(path)])
    until(lambda: "presented by Kazakhstan" in panes.text("board"), 15, "the board")
    panes.type("writer", "Down")  # the room moves on to presentation 2
    until(lambda: "presented by Bangladesh" in panes.text("board"), 15, "the board follows")
    took = []
    for name in ("Fiji", "Kenya", "Japan"):
        panes.type("writer", "-l", name)
        until(lambda n=name: f"→ {n}" in panes.text("writer"), 15, f"{name} resolved")
        start = time.monotonic()
        panes.type("writer", "Enter")
        until(lambda n=name: f"latest: {n}" in panes.text("board"), 15, f"{name} on the board")
        took.append(time.monotonic() - start)
    assert max(took) < 1.0, f"the board showed captures after {took}"
    assert tally(path) == 42
    panes.type("board", "C-q")
    panes.type("writer", "C-q")

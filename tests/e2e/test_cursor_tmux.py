"""In a real terminal, the cursor is where the attention is: after each tab, arrow key and dialog
the terminal's cursor (what a screen reader or braille display follows) sits on the focused row,
at the start of its text, on every screen. ``tmux display -p '#{cursor_x},#{cursor_y}'`` reads it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from matchdesk.store.demo import create_demo

from .test_tmux import Terminal, cli, matchdesk_command, until

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal()
    yield term
    term.tmux("kill-server", check=False)


def state(terminal: Terminal) -> tuple[list[str], int, int]:
    """The screen's lines and the cursor's column and line."""
    out = terminal.tmux("display", "-p", "-t", "main", "#{cursor_x},#{cursor_y}").stdout
    x, y = map(int, out.split(","))
    return terminal.screen().splitlines(), x, y


def settled(terminal: Terminal) -> tuple[list[str], int, int]:
    """The screen and the cursor once neither has changed for a moment."""
    last: tuple[list[str], int, int] | None = None
    stable_since = time.monotonic()
    deadline = stable_since + 30
    while time.monotonic() < deadline:
        now = state(terminal)
        if now != last:
            last, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since > 0.5:
            return now
        time.sleep(0.05)
    raise AssertionError("the screen never settled")


def _starts_near(line: str, text: str, x: int) -> bool:
    """``text`` begins on ``line`` where the cursor is: at most a cell padding or a row number's
    indent right of it, or the caret just inside an (empty) input's placeholder."""
    start = line.find(text)
    while start != -1:
        if -2 <= start - x <= 8:
            return True
        start = line.find(text, start + 1)
    return False


def cursor_on(terminal: Terminal, *texts: str) -> str:
    """Assert the cursor is at the start of one of ``texts`` on its line; the line."""
    lines, x, y = settled(terminal)
    line = lines[y] if y < len(lines) else ""
    found = [t for t in texts if _starts_near(line, t, x)]
    assert found, f"cursor at {x},{y} on {line!r}, expected one of {texts}"
    return line


def press(terminal: Terminal, *keys: str) -> None:
    """Press ``keys`` and wait until the screen or the cursor has answered them."""
    before = state(terminal)
    terminal.keys(*keys)
    until(lambda: state(terminal) != before, 30, f"an answer to {keys}")


def test_the_cursor_follows_the_focus_on_every_screen(tmp_path: Path, terminal: Terminal) -> None:
    path = create_demo(tmp_path / "astana.json")
    tally = json.loads(cli("tally", str(path), "--json").stdout)
    titles = [p["title"] for p in tally["presentations"]]
    interested = [[c["name"] for c in p["interested"]] for p in tally["presentations"]]
    terminal.start([*matchdesk_command(), "open", str(path)], tmp_path / "rc")
    until(lambda: "Type a country" in terminal.screen(), 30, "the capture screen")

    cursor_on(terminal, "Country or code")  # the input's caret
    press(terminal, "F12")  # read the totals: the cursor on the totals line, then back
    cursor_on(terminal, f"{tally['totals']['interests']} possibilities")
    press(terminal, "Tab")
    cursor_on(terminal, f"1.  {titles[0][:20]}")  # the presentation list's highlighted row
    press(terminal, "Down")
    cursor_on(terminal, f"2.  {titles[1][:20]}")
    press(terminal, "Tab")
    cursor_on(terminal, *interested[1])  # the interest list's highlighted row
    press(terminal, "Up")  # the list opens on its newest interest: up to the one before
    second = cursor_on(terminal, *interested[1])
    press(terminal, "Tab")
    cursor_on(terminal, "Country or code")
    assert second

    # A dialog's option list: a name that could mean two countries.
    terminal.keys("-l", "Korea")
    terminal.keys("Enter")
    until(lambda: "North Korea" in terminal.screen(), 15, "the question about Korea")
    first_option = cursor_on(terminal, "Korea")
    press(terminal, "Down")
    assert cursor_on(terminal, "Korea") != first_option
    press(terminal, "Escape")
    until(lambda: "North Korea" not in terminal.screen(), 15, "the dialog closed")
    terminal.keys(*["BSpace"] * 5)  # the name stays in the input to be corrected: take it out
    until(lambda: "Country or code" in terminal.screen(), 15, "the input emptied")

    # The follow-up screen's list.
    press(terminal, "C-f")
    until(lambda: "Stage groups" in terminal.screen(), 15, "the follow-up screen")
    row = cursor_on(terminal, "1. ")
    press(terminal, "Down")
    assert cursor_on(terminal, ". ") != row
    press(terminal, "Escape")
    until(lambda: "Country or code" in terminal.screen(), 15, "back to capture")

    # The help screen: the cursor on its key table, not left on the input behind it.
    press(terminal, "F1")
    until(lambda: "matchdesk keys" in terminal.screen(), 15, "the help screen")
    lines, _x, y = settled(terminal)
    assert "Country or code" not in lines[y]
    press(terminal, "Escape")

    # The board docks the capture input: the cursor is on its caret.
    press(terminal, "C-l")
    until(lambda: "presented by" in terminal.screen(), 15, "the board")
    cursor_on(terminal, "Country or code", "Type a country")
    press(terminal, "Escape")


def test_the_cursor_follows_the_network_tables(tmp_path: Path, terminal: Terminal) -> None:
    path = create_demo(tmp_path / "astana.json")
    terminal.start([*matchdesk_command(), "network", str(tmp_path)], tmp_path / "rc")
    until(lambda: "Astana" in terminal.screen() or "2021" in terminal.screen(), 30, "network")
    lines, _x, y = settled(terminal)
    focused_line = lines[y]
    assert focused_line.strip(), f"the cursor is on an empty line {y}: {lines}"
    press(terminal, "Tab")
    lines2, _x2, y2 = settled(terminal)
    assert lines2[y2].strip()
    assert path.exists()

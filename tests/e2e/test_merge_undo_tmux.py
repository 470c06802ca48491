"""Undo of a merge in a real terminal: tmux runs ``matchdesk open room.json``; f7 merges the
chat laptop's file, ctrl+z undoes it. After each key the painted total is compared with what
``matchdesk tally --json`` reads from the file, and the undone file holds what it held before
(nothing written in the chat laptop's name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchdesk.store.merge.join import State, read_state
from tests.store.conftest import split_seed

from .test_tmux import Terminal, cli, matchdesk_command, tally, terminal, until

__all__ = ["terminal"]  # the fixture, imported for this module's tests
pytestmark = pytest.mark.e2e


def _records(path: Path) -> State:
    """The file's records but for the highlight the app saves for its board (and the chat's
    timeline of highlights, written as the highlight rests)."""
    state = read_state(path)
    state.pop("timeline", None)
    for meta in state["meta"].values():
        for field in ("current_presentation", "updated_at", "device"):
            meta.pop(field, None)
    return state


def test_f7_then_ctrl_z_paints_and_stores_the_file_as_before(
    tmp_path: Path, terminal: Terminal
) -> None:
    laptops = split_seed(tmp_path)
    before = _records(laptops.room)
    rc_file = tmp_path / "rc"
    terminal.start([*matchdesk_command(), "open", str(laptops.room)], rc_file)
    until(lambda: "26 possibilities" in terminal.screen(), 20, "the room's 26 interests painted")
    assert tally(laptops.room) == 26

    terminal.keys("F7")
    until(lambda: "Merge other laptops' files" in terminal.screen(), 10, "the merge dialog")
    until(lambda: "chat.json" in terminal.screen(), 10, "chat.json offered")

    # Space marks chat.json (the newest file beside room.json); the dialog says so in words.
    # Pressed again only while the painted line says nothing is marked, so a slow repaint
    # never unmarks it.
    for _ in range(10):
        if "Marked: chat.json." in terminal.screen():
            break
        if "No file marked." in terminal.screen():
            terminal.keys("Space")
        try:
            until(lambda: "Marked: chat.json." in terminal.screen(), 15, "chat.json marked")
        except AssertionError:
            continue
    assert "Marked: chat.json." in terminal.screen()
    terminal.keys("C-s")
    until(lambda: "Merged chat.json into room.json" in terminal.screen(), 20, "the report")
    terminal.keys("Escape")
    until(lambda: "Close (esc)" not in terminal.screen(), 20, "the report closed")
    until(lambda: "39 possibilities" in terminal.screen(), 10, "the merged total painted")
    assert tally(laptops.room) == 39

    terminal.keys("C-z")
    until(lambda: "26 possibilities" in terminal.screen(), 10, "the undone total painted")
    assert tally(laptops.room) == 26
    assert _records(laptops.room) == before

    terminal.keys("C-q")
    until(rc_file.exists, 15, "matchdesk exited")
    assert rc_file.read_text().strip() == "0"
    # The chat laptop merging the room's file afterwards loses none of its own captures.
    merged = cli("merge", str(laptops.chat), str(laptops.room), "--json")
    assert merged.returncode == 0, merged.stderr
    assert tally(laptops.chat) == 39

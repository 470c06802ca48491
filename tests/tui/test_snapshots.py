"""Snapshots of the screens whose look matters, on the demo workshop (Textual is pinned).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from matchdesk.tui.app import make_app


async def _steady(pilot: Pilot) -> None:
    """No blinking cursor, layout settled."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_capture_screen_on_the_demo(snap_compare, demo_file: Path) -> None:
    assert snap_compare(make_app(demo_file), terminal_size=(120, 40), run_before=_steady)


def test_capture_screen_in_a_small_terminal(snap_compare, demo_file: Path) -> None:
    assert snap_compare(make_app(demo_file), terminal_size=(60, 18), run_before=_steady)


def test_board_on_the_demo(snap_compare, demo_file: Path) -> None:
    async def open_board(pilot: Pilot) -> None:
        await pilot.press("ctrl+l")
        await pilot.pause()
        await _steady(pilot)

    assert snap_compare(make_app(demo_file), terminal_size=(120, 40), run_before=open_board)

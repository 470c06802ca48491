"""Snapshots of the follow-up screen, at 120x40 and in an 80x24 terminal (Textual is pinned).

Update after an intended change with
``pytest tests/tui/test_followup_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from matchdesk.store.followup import Followup, Outcome, Stage
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app

from .conftest import still


@pytest.fixture
def followed(demo_file: Path) -> Path:
    """The demo with some follow-up: nothing on screen depends on today's date."""
    with Workshop.open(demo_file) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:6], Stage.CONTACTED)
        desk.set_stage(keys[:2], Stage.FIELD_VISIT)
        desk.set_stage(keys[5:6], outcome=Outcome.NOT_PURSUED)
        desk.set_owner(keys[:3], "Dana")
        desk.set_next_action(keys[:1], "Visit the one-stop shop", "2000-03-31")  # overdue
        desk.add_note(keys[:1], "Visit agreed with the ministry")
    return demo_file


async def _followup(pilot: Pilot) -> None:
    await pilot.press("ctrl+f")
    await pilot.pause()
    await pilot.press("space")  # one marked, the highlight on the next
    await pilot.pause()


def test_followup_screen(snap_compare, followed: Path) -> None:
    assert snap_compare(still(make_app(followed)), terminal_size=(120, 40), run_before=_followup)


def test_followup_screen_in_80x24(snap_compare, followed: Path) -> None:
    assert snap_compare(still(make_app(followed)), terminal_size=(80, 24), run_before=_followup)


def test_stage_dialog_in_80x24(snap_compare, followed: Path) -> None:
    async def stage(pilot: Pilot) -> None:
        await _followup(pilot)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(still(make_app(followed)), terminal_size=(80, 24), run_before=stage)

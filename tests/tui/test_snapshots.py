"""Snapshots of the screens whose look matters, on the demo workshop (Textual is pinned).

Most are at 80x24, the size a terminal opens at (issue 16); the board also at the sizes of a
second screen and a projector window. Update after an intended change with
``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from matchdesk.store.merge.merging import merge_files
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app, make_board_app

from .conftest import colleague_of, still, text_of, wait_for

_STAMP = re.compile(r"\d{8}-\d{6}")


async def _steady(pilot: Pilot) -> None:
    """Layout (and the footer's trimming) settled; the carets are steady (``still``)."""
    fields = list(pilot.app.screen.query(Input))
    await wait_for(pilot, lambda: all(field.is_mounted for field in fields), timeout=30)
    await pilot.pause()
    await pilot.pause()


def _opened(*keys: str, folder: Path | None = None) -> Callable[[Pilot], Awaitable[None]]:
    """Press ``keys`` on the capture screen, then hide what differs run to run (the test's
    folders, the time in a suggested file name) so the picture compares."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        screen = pilot.app.screen
        if folder is not None:
            for field in screen.query(Input):
                if field.value.startswith("/"):  # a suggested file: its folder and time vary
                    field.value = "/data/" + _STAMP.sub("STAMP", Path(field.value).name)
            for static in screen.query(Static):
                text = text_of(static)
                if str(folder) in text:
                    static.update(text.replace(str(folder), "/data"))
        await _steady(pilot)

    return run_before


def test_capture_screen_on_the_demo(snap_compare, demo_file: Path) -> None:
    assert snap_compare(still(make_app(demo_file)), terminal_size=(120, 40), run_before=_steady)


def test_capture_screen_at_80x24(snap_compare, demo_file: Path) -> None:
    assert snap_compare(still(make_app(demo_file)), terminal_size=(80, 24), run_before=_steady)


def test_capture_screen_in_a_small_terminal(snap_compare, demo_file: Path) -> None:
    assert snap_compare(still(make_app(demo_file)), terminal_size=(60, 18), run_before=_steady)


def test_help_at_80x24(snap_compare, demo_file: Path) -> None:
    assert snap_compare(
        still(make_app(demo_file)), terminal_size=(80, 24), run_before=_opened("f1")
    )


@pytest.mark.parametrize(
    "keys",
    [
        ("ctrl+n",),  # new presentation
        ("f2",),  # edit presentation
        ("f3",),  # workshop details
        ("ctrl+g",),  # go to
        ("ctrl+s",),  # export
        ("ctrl+r",),  # confirm removal
        ("f6",),  # save to another file
        ("tab", "tab", "n"),  # note on an interest
        ("x", "y", "z", "z", "y", "enter"),  # unknown country
    ],
    ids=["new", "edit", "workshop", "goto", "export", "confirm", "save-as", "note", "unknown"],
)
def test_dialog_at_80x24(snap_compare, demo_file: Path, keys: tuple[str, ...]) -> None:
    app = still(make_app(demo_file))
    before = _opened(*keys, folder=demo_file.parent)
    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_board_on_the_demo(snap_compare, demo_file: Path) -> None:
    assert snap_compare(
        still(make_app(demo_file)), terminal_size=(80, 24), run_before=_opened("down", "ctrl+l")
    )


@pytest.mark.parametrize("size", [(80, 24), (160, 45), (240, 67)], ids=str)
def test_projector_board(snap_compare, demo_file: Path, size: tuple[int, int]) -> None:
    """``matchdesk board``: the discussed presentation (2, five countries) fills the window."""
    with Workshop.open(demo_file) as workshop:
        workshop.set_current_presentation(workshop.presentations()[1].uid)
    assert snap_compare(still(make_board_app(demo_file)), terminal_size=size, run_before=_steady)


@pytest.mark.parametrize("keys", [("f7",), ("f7", "space", "ctrl+s")], ids=["files", "report"])
def test_merge_dialog_at_80x24(snap_compare, demo_file: Path, keys: tuple[str, ...]) -> None:
    colleague_of(demo_file)
    before = _opened(*keys, folder=demo_file.parent)
    assert snap_compare(still(make_app(demo_file)), terminal_size=(80, 24), run_before=before)


def test_conflicts_view_at_80x24(snap_compare, demo_file: Path) -> None:
    chat = colleague_of(demo_file)
    with Workshop.open(demo_file, device="podium") as workshop:
        merge_files(workshop, [chat])
    assert snap_compare(
        still(make_app(demo_file)), terminal_size=(80, 24), run_before=_opened("f8")
    )

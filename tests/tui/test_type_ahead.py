"""Typing ahead of a slow disk: every Enter records what was typed before it, in order.

The keys come from another thread at 40 ms a key, as the terminal driver delivers them, while
each fsync takes 0.3 s, 50 ms or 20 ms (a slow USB stick, a checkpoint, a dying drive). Before
the fix, "kaz⏎tha⏎phl⏎syr⏎" recorded Kazakhstan and a merged "thaphl", and the "y" of "syr"
answered the "Create the custom country?" dialog.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual import events

from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import MatchdeskApp, make_app
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.screens.board import BoardScreen

from .conftest import SIZE, answerable, capture, wait_for

KEY_SECONDS = 0.04
BURST = ["kaz", "tha", "phl", "syr", "npl", "ind", "fra", "bgd", "geo", "nga"]


def slow_fsync(seconds: float) -> Callable[[int], None]:
    def fsync(fd: int) -> None:
        time.sleep(seconds)
        os.fsync(fd)

    return fsync


def keystrokes(entries: list[str]) -> Iterator[str]:
    """Each entry's letters, then Enter; "↓" stands for the down arrow, "^z" for undo."""
    for entry in entries:
        if entry in ("↓", "^z"):
            yield {"↓": "down", "^z": "ctrl+z"}[entry]
            continue
        yield from entry
        yield "enter"


class Typist(threading.Thread):
    """Posts keys to the app from its own thread, one every ``KEY_SECONDS``, whatever the app
    is doing (as Textual's input thread does); each key is stamped when it is typed."""

    def __init__(self, app: MatchdeskApp, keys: list[str], seconds: float = KEY_SECONDS) -> None:
        super().__init__(daemon=True)
        self.app = app
        self.keys = keys
        self.seconds = seconds

    def run(self) -> None:
        for key in self.keys:
            event = events.Key(key, key if len(key) == 1 else None)
            event.set_sender(self.app)
            self.app.post_message(event)
            time.sleep(self.seconds)


def workshop_with_agenda(path: Path) -> Path:
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Rapid Digitization", "bgd")
        workshop.add_presentation("Project Rangeet", "ind")
    return path


def stored(path: Path) -> list[list[str]]:
    """Each presentation's interested codes in capture order, as another reader sees them."""
    with Workshop.open(path, readonly=True) as workshop:
        return [
            [i.country.code for i in workshop.interests(p.uid)] for p in workshop.presentations()
        ]


@pytest.mark.parametrize("fsync_seconds", [0.3, 0.05, 0.02])
async def test_a_burst_typed_ahead_of_a_slow_disk_is_recorded_in_order(
    tmp_path: Path, fsync_seconds: float
) -> None:
    path = workshop_with_agenda(tmp_path / "w.json")
    app = make_app(path, fsync=slow_fsync(fsync_seconds))
    entries = [*BURST[:5], "↓", *BURST[5:]]  # the arrow moves on between two entries
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        typist = Typist(app, list(keystrokes(entries)))
        typist.start()
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 10, 30)
        typist.join()
        await pilot.pause()
        assert screen.country_input.value == ""
        assert app.session.workshop.custom_countries() == ()
    assert stored(path) == [
        ["KAZ", "THA", "PHL", "SYR", "NPL"],
        ["IND", "FRA", "BGD", "GEO", "NGA"],
    ]


async def test_undo_typed_ahead_undoes_the_entry_typed_before_it(tmp_path: Path) -> None:
    """ctrl+z is an app-wide key, yet it waits its turn: it undoes "phl", typed just before it,
    not an entry typed earlier, and "ind" after it is recorded."""
    path = workshop_with_agenda(tmp_path / "w.json")
    app = make_app(path, fsync=slow_fsync(0.1))
    async with app.run_test(size=SIZE) as pilot:
        typist = Typist(app, list(keystrokes(["kaz", "tha", "phl", "^z", "ind"])))
        typist.start()
        first = app.session.presentations[0].uid
        codes = lambda: [i.country.code for i in app.session.workshop.interests(first)]  # noqa: E731
        await wait_for(pilot, lambda: codes() == ["KAZ", "THA", "IND"], 10)
        typist.join()
    assert stored(path)[0] == ["KAZ", "THA", "IND"]


async def test_keys_typed_before_a_question_never_answer_it(tmp_path: Path) -> None:
    """An unknown name mid-burst asks; the keys typed on (the "y" of "syr" and "yem" too) go to
    the input, their entries wait behind the question and are written, in order, once it is
    answered. Nothing is created."""
    path = workshop_with_agenda(tmp_path / "w.json")
    app = make_app(path, fsync=slow_fsync(0.05))
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        typist = Typist(app, list(keystrokes(["kaz", "xyzzy", "syr", "yem", "tha"])))
        typist.start()
        dialog = await answerable(pilot, UnknownCountryDialog)
        typist.join()
        await wait_for(pilot, lambda: screen.bar.waiting == 4)  # xyzzy asks; 3 wait behind it
        assert app.screen is dialog  # the typing did not answer it
        assert app.session.workshop.totals().interests == 1  # Kazakhstan only, so far
        assert "waiting" in str(screen.interest_table.get_row_at(1))
        await pilot.press("escape")  # not now
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 4)
        assert app.session.workshop.custom_countries() == ()
    assert stored(path)[0] == ["KAZ", "SYR", "YEM", "THA"]


async def test_typing_ahead_into_the_board_dock(tmp_path: Path) -> None:
    """The same guarantees under the board: keys typed right after ctrl+l land in the docked
    input, after what was typed before it (the "h" of "tha" does not hide the numbers); the
    arrow moves the presentation between two entries; a question's typed-ahead keys go back
    to the dock and wait. The keys are all queued at once, as when the app is busy (a large
    workshop's board still mounting)."""
    path = workshop_with_agenda(tmp_path / "w.json")
    app = make_app(path, fsync=slow_fsync(0.05))
    async with app.run_test(size=SIZE) as pilot:
        keys = ["k", "a", "ctrl+l", "z", "enter"]  # "ka" typed on the capture screen
        keys += keystrokes(["tha", "↓", "phl", "xyzzy", "syr"])
        typist = Typist(app, keys, seconds=0)
        typist.start()
        dialog = await answerable(pilot, UnknownCountryDialog)
        typist.join()
        board = app.screen_stack[-2]
        assert isinstance(board, BoardScreen) and board.bar is not None
        await wait_for(pilot, lambda: board.bar is not None and board.bar.waiting == 2)
        assert app.screen is dialog and not board.has_class("-hidden")
        await pilot.press("escape")  # not now: "syr", behind it, is written
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 4)
        assert app.focused is board.bar.input
        assert app.session.workshop.custom_countries() == ()
        # tab takes the cursor out; the letters typed on find their way back into the input
        after = Typist(app, ["tab", *keystrokes(["ind"])], seconds=0)
        after.start()
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 5)
        after.join()
    assert stored(path) == [["KAZ", "THA"], ["PHL", "SYR", "IND"]]


async def test_tab_typed_ahead_in_a_dialog_moves_the_letters_behind_it(tmp_path: Path) -> None:
    """A fast typist fills the new-presentation dialog with Tab between fields: each field gets
    what was typed after its Tab (before the fix, "kaz" and "Aida" landed in the title)."""
    from matchdesk.tui.dialogs.presentation import PresentationDialog

    app = make_app(workshop_with_agenda(tmp_path / "w.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        dialog = await answerable(pilot, PresentationDialog)
        keys = [*"Digital services", "tab", *"kaz", "tab", *"Aida", "shift+tab", "shift+tab"]
        typist = Typist(app, keys, seconds=0)
        typist.start()
        typist.join()
        await wait_for(pilot, lambda: dialog.value_of("presenter") == "Aida")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "title")
        assert dialog.value_of("title") == "Digital services"
        assert dialog.value_of("country") == "kaz"

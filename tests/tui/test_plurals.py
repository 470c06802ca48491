"""Counts in words go through one helper (``tui.text.count``): "1 presentation", never
"1 presentations" or "interest(s)"."""

from __future__ import annotations

from pathlib import Path

from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.screens.board import BoardScreen
from matchdesk.tui.widgets.status_line import TotalsLine

from .conftest import SIZE, text_of, wait_for


async def test_one_of_each_is_said_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    with Workshop.open(path) as workshop:
        only = workshop.add_presentation("Rapid Digitization", "bgd")
        workshop.record_interests(only.uid, "fji")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        panel = text_of(app.screen.query_one("#tallies"))
        assert "1 possibility for partnership" in panel and "1 presentation ·" in panel, panel
        line = text_of(app.screen.query_one(TotalsLine))  # the line under the input
        assert line.startswith("1 possibility for partnership · 1 presentation · "), line
        assert line.endswith("· 2 countries involved"), line
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = " ".join(text_of(w) for w in app.screen.query("Static"))
        assert "Its 1 interest will stop counting." in question, question
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        labels = {w.id: text_of(w) for w in board.query("Label") if w.id}
        assert labels["label-presentations"] == "presentation"
        assert labels["label-interests"] == "possibility for partnership"
        assert labels["label-interested_countries"] == "interested country"
        assert labels["label-countries_involved"] == "countries involved"  # Bangladesh, Fiji

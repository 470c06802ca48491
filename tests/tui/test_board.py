"""The projector board: large totals, follows captures, hides and reveals the numbers."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits

from matchdesk.store.models import Channel
from matchdesk.tui.app import make_app
from matchdesk.tui.screens.board import BoardScreen

from .conftest import SIZE, capture, text_of, wait_for


async def test_board_follows_captures_and_hides_numbers(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        digits = board.query_one("#stat-interests", Digits)
        assert digits.value == "39"
        assert "Kazakhstan" in text_of(board.query_one("#countries"))
        first = app.session.presentations[0].uid
        app.session.record(first, "fiji", Channel.ONLINE)  # e.g. a capture in another place
        await wait_for(pilot, lambda: digits.value == "40")
        await pilot.press("ctrl+z")  # undo works on the board too
        await wait_for(pilot, lambda: digits.value == "39")
        await pilot.press("h")
        assert board.has_class("-hidden") and not digits.display
        await pilot.press("h")
        assert not board.has_class("-hidden") and digits.display
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)

"""A 60x18 terminal still works; 500 presentations stay smooth."""

from __future__ import annotations

import time
from pathlib import Path

from bulk import build_workshop

from matchdesk.tui.app import make_app

from .conftest import capture, stored_interests, type_text, wait_for


async def test_small_terminal_60x18(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=(60, 18)) as pilot:
        screen = capture(app)
        assert not screen.query_one("#tallies").display  # gives way to the capture column
        for widget_id in ("#presentations", "#interests", "#country", "#current"):
            region = screen.query_one(widget_id).region
            assert region.height >= 1 and region.right <= 60 and region.bottom <= 18, widget_id
        await pilot.press("down")
        await type_text(pilot, "fiji")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        assert stored_interests(demo_file) == 40
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("escape", "f1")
        await pilot.pause()


async def test_500_presentations_stay_smooth(tmp_path: Path) -> None:
    path = build_workshop(tmp_path / "large.json", 500, 20)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = capture(app)
        assert screen.table.row_count == 500
        await type_text(pilot, "500")
        await pilot.press("enter")
        last = app.session.presentations[-1].uid
        await wait_for(pilot, lambda: screen.current_uid == last)
        await type_text(pilot, "fiji, kaz")
        started = time.perf_counter()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests >= 10_001)
        assert time.perf_counter() - started < 1.0
        assert screen.table.get_cell(last, "count").plain == str(
            app.session.workshop.interest_count(last)
        )
        await pilot.press("pageup", "up")
        await wait_for(pilot, lambda: screen.current_uid != last)

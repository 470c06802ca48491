"""Workshop details and attendance, shown on the capture screen."""

from __future__ import annotations

from pathlib import Path

from matchdesk.store.models import Mode
from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.workshop import AttendanceInput, WorkshopDialog

from .conftest import SIZE, capture, said, text_of, type_text, wait_for


async def test_edit_details_and_bump_attendance(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkshopDialog))
        await pilot.press("ctrl+u")
        await type_text(pilot, "Astana matchmaking")
        dialog = app.screen
        dialog.query_one("#in_room", AttendanceInput).focus()
        await pilot.pause()
        await pilot.press("plus", "plus", "up", "minus")
        assert dialog.query_one("#in_room", AttendanceInput).value == "42"
        dialog.query_one("#online", AttendanceInput).focus()
        await pilot.pause()
        await pilot.press("down")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        info = app.session.info()
        assert (info.title, info.attendance_in_room, info.attendance_online) == (
            "Astana matchmaking",
            42,
            87,
        )
        assert info.mode is Mode.HYBRID
        header = text_of(screen.query_one("#header"))
        assert "Astana matchmaking" in header and "42 in the room + 87 online" in header
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: app.session.info().attendance_in_room == 40)
        assert "40 in the room" in text_of(screen.query_one("#header"))


async def test_bad_date_is_refused_in_plain_words(demo_file: Path) -> None:
    app = make_app(demo_file)
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkshopDialog))
        app.screen.query_one("#date").focus()
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "29/10/2021")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("2021-10-29" in m for m in notes))
        assert isinstance(app.screen, WorkshopDialog)
        assert app.session.info().date == "2021-10-29"

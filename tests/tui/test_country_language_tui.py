"""The app resolves names typed in any UN language and shows country names in the language
the workshop chooses in its details; the app's own words stay English (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select

from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.workshop import WorkshopDialog

from .conftest import SIZE, capture, text_of, type_text, wait_for


@pytest.mark.parametrize(("typed", "name"), [("Қазақстан", "Kazakhstan"), ("泰国", "Thailand")])
async def test_a_name_typed_in_another_language_is_recorded(
    empty_file: Path, typed: str, name: str
) -> None:
    app = make_app(empty_file)
    app.session.add_presentation("Rapid Digitization", app.session.resolve_typed("bgd"))
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await type_text(pilot, typed)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 1)
        assert [i.country.name for i in app.session.workshop.interests()] == [name]
        await wait_for(pilot, lambda: screen.interest_table.row_count == 1)
        assert f"Saved {name}" in text_of(screen.query_one("#hint"))


async def test_the_workshop_language_renames_countries_everywhere(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        first = app.session.presentations[0].uid
        assert screen.table.get_cell(first, "country").plain == "Kazakhstan"
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkshopDialog))
        language = app.screen.query_one("#language", Select)
        assert language.value == "en"
        language.focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # en, fr, es, ru
        await wait_for(pilot, lambda: language.value == "ru")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: screen.table.get_cell(first, "country").plain == "Казахстан")
        shown = [screen.interest_table.get_row_at(n)[0].plain for n in range(3)]
        assert set(shown) == {"Казахстан", "Филиппины", "Таиланд"}
        tallies = text_of(screen.query_one("#tallies"))
        assert "Таиланд" in tallies
        assert "possibilities" in tallies  # the interface itself stays in English
        # a name typed in French is recorded and shown in Russian
        await type_text(pilot, "Fidji")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        await wait_for(pilot, lambda: screen.interest_table.row_count == 4)
        assert "Saved Фиджи" in text_of(screen.query_one("#hint"))
        await pilot.press("ctrl+z")  # undo the capture
        await pilot.press("ctrl+z")  # undo the language
        await wait_for(pilot, lambda: screen.table.get_cell(first, "country").plain == "Kazakhstan")

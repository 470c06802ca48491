"""Registering, editing, removing and reordering presentations from the capture screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.dialogs.presentation import PresentationDialog
from matchdesk.tui.textual_compat import suggestion

from .conftest import SIZE, capture, said, text_of, type_text, wait_for


async def test_add_a_presentation_in_the_dialog(empty_file: Path) -> None:
    app = make_app(empty_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, PresentationDialog))
        await type_text(pilot, "Rapid Digitization")
        await pilot.press("tab")
        await type_text(pilot, "bgd")
        await pilot.press("tab")
        await type_text(pilot, "A. Rahman")
        await pilot.press("tab")
        await type_text(pilot, "digitalisation")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        [saved] = app.session.workshop.presentations()
        assert (saved.title, saved.country.name, saved.presenter, saved.theme) == (
            "Rapid Digitization",
            "Bangladesh",
            "A. Rahman",
            "digitalisation",
        )
        assert screen.table.row_count == 1
        assert screen.current_uid == saved.uid


async def test_unknown_presenting_country_is_refused_in_the_dialog(empty_file: Path) -> None:
    app = make_app(empty_file)
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, PresentationDialog))
        await type_text(pilot, "Something")
        await pilot.press("tab")
        await type_text(pilot, "Atlantis")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Atlantis" in m for m in notes))
        assert isinstance(app.screen, PresentationDialog)
        assert app.session.workshop.presentations() == ()
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, PresentationDialog))


async def test_edit_the_highlighted_presentation(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        first = app.session.presentations[0]
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, PresentationDialog))
        await pilot.press("ctrl+u")
        await type_text(pilot, "Access to Public Services")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.session.workshop.presentation(first.uid).title == "Access to Public Services"
        assert screen.table.get_cell(first.uid, "title").plain == "Access to Public Services"
        assert app.session.workshop.totals().interests == 39


async def test_remove_asks_first_and_undo_brings_it_back(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        assert len(app.session.presentations) == 10
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: len(app.session.presentations) == 9)
        assert screen.table.row_count == 9
        assert app.session.workshop.totals().interests == 36
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: len(app.session.presentations) == 10)
        assert app.session.workshop.totals().interests == 39


async def test_reorder_the_agenda(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        first = app.session.presentations[0]
        await pilot.press("alt+down", "alt+down")
        await wait_for(pilot, lambda: app.session.workshop.position(first.uid) == 2)
        assert [p.uid for p in app.session.workshop.presentations()].index(first.uid) == 2
        assert screen.current_uid == first.uid
        await pilot.press("alt+up")
        await wait_for(pilot, lambda: app.session.workshop.position(first.uid) == 1)


async def test_the_fields_say_and_take_what_they_complete(empty_file: Path) -> None:
    """The presenting-country field previews "→ Country" as the capture input does; Enter in
    a completing field takes the grey completion (the theme "digi" is saved whole)."""
    app = make_app(empty_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, PresentationDialog))
        dialog = app.screen
        preview = dialog.query_one("#country-preview")
        await type_text(pilot, "Service hubs")
        await pilot.press("tab")
        await type_text(pilot, "kaz")
        await wait_for(pilot, lambda: text_of(preview) == "→ Kazakhstan")
        await pilot.press("ctrl+u")
        await type_text(pilot, "atlantis")
        await wait_for(pilot, lambda: text_of(preview) == "→ atlantis?")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Bangla")
        theme = dialog.query_one("#theme", Input)
        country = dialog.query_one("#country", Input)
        await wait_for(pilot, lambda: bool(suggestion(country)))
        await pilot.press("enter")  # takes "Bangladesh", then the next field
        assert country.value == "Bangladesh" and text_of(preview) == "→ Bangladesh"
        await pilot.press("tab")  # past the presenter
        await type_text(pilot, "digi")
        await wait_for(pilot, lambda: theme.has_focus)
        await wait_for(pilot, lambda: suggestion(theme) == "digitalisation")
        await pilot.press("enter")  # the last field: takes the completion and saves
        await wait_for(pilot, lambda: app.screen is screen)
        [saved] = app.session.workshop.presentations()
        assert (saved.country.name, saved.theme) == ("Bangladesh", "digitalisation")

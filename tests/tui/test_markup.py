"""User text is never markup and control characters never reach the terminal, in every widget."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from matchdesk.store.models import Channel, Country, Interest, Presentation, WorkshopInfo
from matchdesk.store.validation import clean_text
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.screens.board import BoardScreen
from matchdesk.tui.text import visible
from matchdesk.tui.widgets.bigtext import BigText
from matchdesk.tui.widgets.country_grid import CountryGrid, Name, grid_content
from matchdesk.tui.widgets.header import WorkshopHeader
from matchdesk.tui.widgets.interest_table import InterestTable
from matchdesk.tui.widgets.presentation_table import PresentationTable
from matchdesk.tui.widgets.tallies_panel import TalliesPanel

from .conftest import SIZE, capture, text_of, wait_for

NASTY = ("[/b]", "[bold red]x", "[@click=app.quit]go[/]", "[link=x]y", "a\x1b[31mred\x07z\u202e!")
CONTROL_FREE = [visible(t) for t in NASTY]


def _country(name: str) -> Country:
    return Country("XQA", name, name, custom=True)


def _values() -> tuple[list[Presentation], list[Interest]]:
    """Hostile values as they could reach a widget, control characters included."""
    presentations = [
        Presentation(f"p{n}", title, _country(title), position=n) for n, title in enumerate(NASTY)
    ]
    interests = [
        Interest(f"i{n}", "p0", Country(f"XQ{n}", name, name, True), Channel.ONLINE, note=name)
        for n, name in enumerate(NASTY)
    ]
    return presentations, interests


def _hostile_workshop(path: Path) -> Workshop:
    """The same hostile names through the store (which strips control characters)."""
    workshop = Workshop.open(path)
    for title in NASTY:
        workshop.add_presentation(title, workshop.add_custom_country(title))
    first = workshop.presentations()[0]
    for title in NASTY:
        workshop.record_interest(first.uid, workshop.add_custom_country(title + " region"))
    return workshop


def test_visible_replaces_every_control_character() -> None:
    shown = visible("".join(chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))))
    assert not any(ch.isprintable() is False for ch in shown)
    assert visible("a\x1bb") == "a\u241bb"


class Harness(App[None]):
    """Mounts the widgets that show user text, fed with hostile strings."""

    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop
        self.presentations, self.interests = _values()

    def compose(self) -> ComposeResult:
        yield WorkshopHeader(id="header")
        yield PresentationTable(id="presentations")
        yield InterestTable(id="interests")
        yield TalliesPanel(id="tallies")
        yield Static(id="bars")

    def on_mount(self) -> None:
        info = WorkshopInfo(title=NASTY[2], venue=NASTY[4], organisers=(NASTY[1],))
        self.query_one(WorkshopHeader).show(info, Path(NASTY[0]))
        agenda = self.workshop.presentations()
        counts = {p.uid: self.workshop.interest_count(p.uid) for p in agenda}
        self.query_one(PresentationTable).load(agenda, counts)
        self.query_one(InterestTable).show(self.interests)
        self.query_one(TalliesPanel).show(self.workshop.standings())
        names = [Name(p.title, fresh=n == 0) for n, p in enumerate(self.presentations)]
        self.query_one("#bars", Static).update(grid_content(names, 60, len(names)))


async def test_widgets_show_hostile_text_literally(tmp_path: Path) -> None:
    workshop = _hostile_workshop(tmp_path / "hostile.json")
    app = Harness(workshop)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = text_of(app.query_one(WorkshopHeader))
        assert NASTY[2] in header and "a\u241b[31mred\u2407z" in header
        table = app.query_one(PresentationTable)
        titles = [table.get_cell(p.uid, "title").plain for p in workshop.presentations()]
        assert titles == [visible(clean_text(t)) for t in NASTY]
        interests = app.query_one(InterestTable)
        assert [interests.get_cell(i.uid, "note").plain for i in app.interests] == CONTROL_FREE
        tallies = text_of(app.query_one("#tallies"))
        assert "[bold red]x" in tallies  # top countries: the names as typed
        bars = text_of(app.query_one("#bars"))
        for text in CONTROL_FREE:
            assert text[:20] in bars
        screenshot = app.export_screenshot()
        assert "\x1b[31m" not in screenshot
    workshop.close()
    assert app.return_code in (None, 0)  # "[@click=app.quit]" did not become an action


@pytest.mark.parametrize("title", NASTY)
async def test_dialogs_show_hostile_text_literally(title: str) -> None:
    class DialogHarness(App[None]):
        pass

    app = DialogHarness()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConfirmDialog(f"Remove “{title}”?"))
        await pilot.pause()
        assert visible(title) in text_of(app.screen.query_one("#question"))
        app.pop_screen()
        app.push_screen(UnknownCountryDialog(title, [_country(title)]))
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(2)]
        assert all(visible(title) in prompt for prompt in prompts)


async def test_the_real_app_with_hostile_titles(empty_file: Path) -> None:
    """Through the store (which strips control characters) to every screen."""
    with Workshop.open(empty_file) as workshop:
        for title in NASTY:
            workshop.add_presentation(title, "kaz", presenter=title, theme=title)
        custom = workshop.add_custom_country("[red]Region[/red]")
        first = workshop.presentations()[0]
        workshop.record_interest(first.uid, custom, Channel.ONLINE, note="[@click=app.quit]n")
        workshop.set_info(title="[b]Workshop[/b]", venue="[/]")
    app = make_app(empty_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        assert "[b]Workshop[/b]" in text_of(screen.query_one("#header"))
        assert "[/b]" in text_of(screen.query_one("#current"))
        assert screen.interest_table.get_row_at(0)[0].plain == "[red]Region[/red]"
        await wait_for(pilot, lambda: "[red]Region[/red]" in text_of(screen.query_one("#tallies")))
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        assert board.query_one("#now-title", BigText).text == "1. [/b]"
        assert [n.text for n in board.query_one(CountryGrid).names] == ["[red]Region[/red]"]
        assert "\x1b[31m" not in app.export_screenshot()
        await pilot.press("escape", "f2")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "PresentationDialog")
        assert app.screen.query_one("#title").value == "[/b]"
        await pilot.press("escape")
    assert app.return_code in (None, 0)

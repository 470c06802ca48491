"""The capture input's preview: the grey completion and the "→" line name one country, in its
proper case, and Enter records exactly that country; the bar works on any screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList

from matchdesk.store.models import Presentation
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.capture.bar import CaptureBar
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.session import Session
from matchdesk.tui.textual_compat import suggestion

from .conftest import SIZE, answerable, capture, press_each, text_of, wait_for


async def test_one_letter_previews_the_workshops_country_and_enter_records_it(
    demo_file: Path,
) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        lagos = app.session.presentations[4]  # Kazakhstan and Russia so far
        await pilot.press("down", "down", "down", "down", "t")
        await wait_for(pilot, lambda: screen.current_uid == lagos.uid)
        hint = screen.query_one("#hint")
        await wait_for(pilot, lambda: text_of(hint) == "→ Thailand")
        assert suggestion(screen.country_input) == "thailand"  # "t" typed, "hailand" grey
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.interest_count(lagos.uid) == 3)
        assert app.session.workshop.interests(lagos.uid)[-1].country.name == "Thailand"


async def test_several_parts_preview_each_and_the_completion_follows_the_last(
    demo_file: Path,
) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await press_each(pilot, "fr,gb")
        hint = screen.query_one("#hint")
        await wait_for(pilot, lambda: text_of(hint) == "→ France · United Kingdom")
        assert suggestion(screen.country_input) == "fr,gb → United Kingdom"
        await pilot.press("right")  # accepts the country's name, not the arrow
        assert screen.country_input.value == "fr,United Kingdom"


def one_presentation(tmp_path: Path) -> Path:
    """A new workshop with Bangladesh's presentation only (no country interested yet)."""
    path = tmp_path / "w.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Rapid Digitization", "bgd")
    return path


async def test_ambiguous_text_previews_nothing_and_enter_asks(tmp_path: Path) -> None:
    app = make_app(one_presentation(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await press_each(pilot, "korea")
        await wait_for(pilot, lambda: text_of(screen.query_one("#hint")) == "→ korea?")
        assert suggestion(screen.country_input) == ""
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, UnknownCountryDialog))
        assert app.session.workshop.totals().interests == 0


class Host(Screen[None]):
    """Any screen hosting the capture bar (as the board will): it names the presentation."""

    def __init__(self, session: Session, presentation: Presentation) -> None:
        super().__init__()
        self.session = session
        self.presentation = presentation

    def compose(self) -> ComposeResult:
        yield CaptureBar(self.session, lambda: self.presentation, lambda _: None, id="bar")

    def on_mount(self) -> None:
        self.query_one(CaptureBar).input.focus()


async def test_the_capture_bar_captures_on_any_screen(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        fiji = app.session.presentations[9]
        host = Host(app.session, fiji)
        await app.push_screen(host)
        await press_each(pilot, "gb")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.interest_count(fiji.uid) == 6)
        assert "Saved United Kingdom" in text_of(host.query_one("#hint"))


async def test_the_question_says_what_happened(tmp_path: Path) -> None:
    """A name that means two countries names both and offers only them; a name close to
    nothing says so instead of "Did you mean:" over an empty list."""
    app = make_app(one_presentation(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await press_each(pilot, "korea")
        await pilot.press("enter")
        # a question that appears in the middle of typing takes no key until the typing has
        # stopped: wait until it would take the escape below (a loaded machine is slow here)
        dialog = await answerable(pilot, UnknownCountryDialog)
        title = text_of(dialog.query_one(".dialog-title"))
        assert title == "“korea” could mean South Korea or North Korea. Which one?"
        options = dialog.query_one("#choices", OptionList)
        offered = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert len(offered) == 2 and all("Korea" in o for o in offered), offered
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        screen.country_input.value = ""
        await press_each(pilot, "qqqqzzzz")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, UnknownCountryDialog))
        title = text_of(app.screen.query_one(".dialog-title"))
        assert "nor close to one" in title and "Did you mean" not in title

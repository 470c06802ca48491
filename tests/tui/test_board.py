"""The board: the discussed presentation, its countries (newest highlighted), the totals; it
follows captures and the writer's highlight, hides and reveals the numbers, and runs alone."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey  # Textual is pinned exactly

from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop
from matchdesk.tui import app as app_module
from matchdesk.tui.app import make_app, make_board_app
from matchdesk.tui.screens.board import BoardScreen
from matchdesk.tui.widgets.bigtext import BigText, fit_big
from matchdesk.tui.widgets.country_grid import CountryGrid
from matchdesk.tui.widgets.footer import KeyFooter

from .conftest import SIZE, capture, text_of, wait_for


def shown(board: BoardScreen, widget_id: str) -> str:
    return board.query_one(widget_id, BigText).text


def countries(board: BoardScreen) -> list[tuple[str, bool]]:
    return [(n.text, n.fresh) for n in board.query_one("#countries", CountryGrid).names]


async def test_board_follows_captures_the_highlight_and_hides_numbers(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await pilot.press("down")  # 2. Rapid Digitization, five countries
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert shown(board, "#stat-interests") == "39"
        assert shown(board, "#now-title") == "2. Rapid Digitization"
        assert shown(board, "#count") == "5"
        assert all(not fresh for _, fresh in countries(board))
        second = app.session.presentations[1].uid
        app.session.record(second, "fiji", Channel.ONLINE)  # e.g. typed in a docked input
        await wait_for(pilot, lambda: shown(board, "#stat-interests") == "40")
        assert shown(board, "#count") == "6"
        assert countries(board)[-1] == ("Fiji", True)  # the newest, highlighted
        assert sum(fresh for _, fresh in countries(board)) == 1
        await pilot.press("ctrl+z")  # undo works on the board too
        await wait_for(pilot, lambda: shown(board, "#stat-interests") == "39")
        await pilot.press("tab")  # the cursor out of the docked input: h is the board's again
        await pilot.press("h")
        assert board.has_class("-hidden")
        assert not board.query_one("#now-body").display  # the count and the countries
        assert not board.query_one("#stat-interests").display
        assert board.query_one("#curtain").display
        await pilot.press("h")
        assert not board.has_class("-hidden") and board.query_one("#now-body").display
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("down")  # the highlight moves: saved once it rests, for the board
        third = app.session.presentations[2]
        await wait_for(pilot, lambda: app.session.workshop.current_presentation() == third)


async def test_the_docked_input_captures_for_the_presentation_on_the_board(
    demo_file: Path,
) -> None:
    """One screen: the capture input moves under the board with its text and channel, records
    for the presentation shown, moves it with the arrows, and goes back with escape."""
    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        await pilot.press("f", "i", "ctrl+t", "ctrl+l")  # typed on the capture screen
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        assert isinstance(board, BoardScreen) and board.bar is not None
        dock = board.bar
        assert app.focused is dock.input and dock.input.value == "fi"
        assert board.query_one("#board-dock").region.bottom <= 23  # above the footer
        channel = dock.channel
        assert channel is screen.channel
        await pilot.press("j", "enter")  # "fij": Fiji, for presentation 1
        await wait_for(pilot, lambda: shown(board, "#count") == "4")
        first, second = app.session.presentations[:2]
        [fiji] = [i for i in app.session.workshop.interests(first.uid) if i.country.code == "FJI"]
        assert fiji.channel is channel
        assert "Saved Fiji" in text_of(dock.query_one("#hint"))
        await pilot.press("down")  # the board follows; the app saves it once it rests
        await wait_for(pilot, lambda: shown(board, "#now-title") == "2. Rapid Digitization")
        await wait_for(pilot, lambda: app.session.workshop.current_presentation() == second)
        await pilot.press("ctrl+t", "f", "r", "a", "enter")
        await wait_for(pilot, lambda: shown(board, "#count") == "6")
        assert app.session.workshop.interests(second.uid)[-1].country.code == "FRA"
        assert app.session.workshop.interests(second.uid)[-1].channel is not channel
        await pilot.press("h")  # typed: the numbers stay
        assert dock.input.value == "h" and not board.has_class("-hidden")
        await pilot.press("tab", "h")
        assert board.has_class("-hidden") and dock.input.value == "h"
        assert app.focused is None
        await pilot.press("k")  # any other letter is typing: back into the input
        assert app.focused is dock.input and dock.input.value == "hk"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.country_input.value == "hk" and screen.channel is dock.channel
        assert screen.target() == second


async def test_the_capture_screen_rests_under_the_board(demo_file: Path) -> None:
    """Its footer cannot be laid out while covered: it must not poll for that every frame
    (it did, thousands of times a second, once the dock took the focus)."""
    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        footer = screen.query_one(KeyFooter)
        fitted = footer.fit
        calls: list[None] = []
        footer.fit = lambda: (calls.append(None), fitted())[1]  # type: ignore[method-assign]
        keys = lambda: [k.key for k in footer.query(FooterKey) if k.display]  # noqa: E731
        # 80 columns: "New" is among the first to go (once the footer is fitted)
        await wait_for(pilot, lambda: keys() and "ctrl+n" not in keys())
        trimmed = keys()
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        calls.clear()
        await asyncio.sleep(0.3)
        assert len(calls) <= 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: keys() == trimmed)  # fitted again on the way back


async def test_highlight_is_saved_once_it_rests(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run of arrow keys costs one write of the discussed presentation, not one each."""
    # The rest before the write, long enough that a loaded machine's pauses between the
    # test's key presses never look like a facilitator resting on a presentation.
    monkeypatch.setattr(app_module, "DISCUSS_SECONDS", 2.0)
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        first = app.session.presentations[0]  # highlighted on opening, saved as it rests
        await wait_for(pilot, lambda: app.session.workshop.current_presentation() == first)
        writes: list[object] = []
        app.session.workshop.subscribe(
            lambda change: writes.append(change) if "current_presentation" in change.info else None
        )
        await pilot.press("down", "down", "down", "down")
        fifth = app.session.presentations[4]
        await wait_for(pilot, lambda: app.session.workshop.current_presentation() == fifth)
        assert len(writes) == 1


async def test_board_alone_follows_the_writer(demo_file: Path) -> None:
    """``matchdesk board``: read-only; another process's captures and highlight arrive."""
    app = make_board_app(demo_file, follow_every=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert shown(board, "#now-title").startswith("1. Measures Taken")  # none chosen yet
        with Workshop.open(demo_file) as writer:  # the facilitator's window
            third = writer.presentations()[2]
            writer.set_current_presentation(third.uid)
            await wait_for(pilot, lambda: shown(board, "#now-title").startswith("3. Fostering"))
            writer.record_interest(third.uid, "fiji")
            await wait_for(pilot, lambda: ("Fiji", True) in countries(board))
            assert shown(board, "#stat-interests") == "40"
        await pilot.press("escape")  # nothing to go back to: the board stays
        assert app.screen is board
        assert app.session.read_only
        assert board.bar is None and not board.query("#board-dock *")  # no input here
        await pilot.press("tab", "k")
        assert app.focused is None and app.session.workshop.totals().interests == 40


def test_board_command_refuses_a_missing_file(tmp_path: Path, cli) -> None:
    result = cli("board", tmp_path / "nope.json")
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("width", "rows", "height"), [(76, 3, 3), (156, 6, 5), (236, 10, 10)])
def test_digits_grow_with_the_terminal(width: int, rows: int, height: int) -> None:
    drawn = fit_big("39", width, rows)
    assert drawn is not None and len(drawn) == height


def test_text_no_font_can_draw_is_left_plain() -> None:
    assert fit_big("Қазақстан", 200, 10) is None  # shown as ordinary text, never half-drawn
    assert fit_big("Côte d’Ivoire", 200, 5) is not None  # accents set aside


async def test_board_text_is_never_markup(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("[bold red]x[/]", "India")
    app = make_board_app(path)
    async with app.run_test(size=(80, 24)):
        board = app.screen
        assert "[bold red]x[/]" in shown(board, "#now-title")
        assert "India" in text_of(board.query_one("#now-sub"))

"""Small terminals (80x24, the default; 60x18) show everything whole; 500 presentations stay
smooth."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from bulk import build_workshop
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Region
from textual.widgets import Button
from textual.widgets._footer import FooterKey  # Textual is pinned exactly
from textual.widgets._toast import Toast

from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.merge import MergeDialog
from matchdesk.tui.screens.capture import CaptureScreen
from matchdesk.tui.screens.conflicts import ConflictsScreen
from matchdesk.tui.widgets.footer import KeyFooter

from .conftest import capture, colleague_of, stored_interests, type_text, wait_for


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


SMALL = [(80, 24), (60, 18)]


async def test_the_first_frame_is_laid_out_for_its_terminal_and_drawn_once(
    demo_file: Path,
) -> None:
    """At 80x24 the screen has its short, narrow classes; a resize to the size it is laid out at
    (two come as the app starts) lays nothing out, and a real one does."""
    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        assert screen.has_class("-narrow", "-short")
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
        caused = []
        for _ in range(3):  # a frame of the app's own (footer, scrollbars) may land in between
            before: list[int] = []
            after: list[int] = []
            screen.call_later(lambda before=before: before.append(len(layouts)))
            for _ in range(2):
                screen.post_message(events.Resize(app.size, app.size))
            screen.call_later(lambda after=after: after.append(len(layouts)))
            await wait_for(pilot, lambda after=after: bool(after))
            caused.append(after[0] - before[0])
        assert 0 in caused, caused  # without the skip, every try lays it out ([1, 2, 1])
        await pilot.resize_terminal(100, 24)  # a real one is laid out
        await wait_for(pilot, lambda: bool(layouts) and not screen.has_class("-narrow"))


async def test_each_widget_is_styled_once_before_the_first_frame(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mounting styles every widget; the first resume that follows does not style them all
    again (twenty more applications of the stylesheet; the snapshots hold the look)."""
    styled: list[str | None] = []
    apply = Stylesheet.apply

    def counting(self: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        styled.append(node.id)
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    app = make_app(demo_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert styled.count("presentations") == 1 and styled.count("tallies") == 1
        assert styled.count("country") == 2  # and once more as it takes the focus


async def test_a_resized_terminal_is_laid_out_again_both_ways(demo_file: Path) -> None:
    """The capture screen skips a resize to the size it already has (two arrive as the app
    starts); a real one, smaller then larger again, still lays everything out anew."""
    app = make_app(demo_file)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = capture(app)
        tallies = screen.query_one("#tallies")
        assert tallies.display and screen.query_one("#country").region.right <= 120
        await pilot.resize_terminal(60, 18)
        await wait_for(pilot, lambda: not tallies.display)
        assert screen.query_one("#country").region.right <= 60
        assert screen.query_one("#totals").region.bottom <= 18
        await pilot.resize_terminal(120, 40)
        await wait_for(pilot, lambda: tallies.display and tallies.region.right == 120)
        assert screen.query_one("#totals").region.width == 120


@pytest.mark.parametrize("size", SMALL, ids=str)
async def test_totals_count_and_footer_stay_whole(demo_file: Path, size: tuple[int, int]) -> None:
    width, height = size
    app = make_app(demo_file)
    async with app.run_test(size=size) as pilot:
        screen = capture(app)
        totals = screen.query_one("#totals")
        assert totals.region.bottom <= height - 1 and totals.region.height == 1
        drawn = totals.render().plain  # what the line draws at this width
        for number in ("39 poss", "10 pres", "9 int", "13 "):
            assert number in drawn, drawn
        assert len(drawn) <= width
        assert screen.query_one("#current").render().plain.endswith("· 3 interested")
        await type_text(pilot, "fiji")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "40 poss" in totals.render().plain)
        assert screen.query_one("#current").render().plain.endswith("· 4 interested")
        footer = screen.query_one(KeyFooter)
        await wait_for(pilot, lambda: footer.virtual_size.width <= width + 1)
        shown = [key for key in footer.children if key.display]
        assert shown and all(key.region.right <= width for key in shown)


# What the facilitator works on while typing: no toast may cover it.
WORK = ("#entry", "#hint", "#current", "#interests", "#totals")


@pytest.mark.parametrize("size", SMALL, ids=str)
async def test_toasts_cover_nothing_being_worked_on(demo_file: Path, size: tuple[int, int]) -> None:
    notice = "Demo: a fresh copy of Astana 2021, saved at ~/.local/share/matchdesk/demo/x.json"
    app = make_app(demo_file, notice=notice)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = capture(app)
        app.notify("Withdrew Kazakhstan (ctrl+z brings it back).")
        await wait_for(pilot, lambda: len(screen.query(Toast)) == 2)
        await pilot.pause()
        drawn = []
        for toast in screen.query(Toast):
            geometry = screen.find_widget(toast)  # the part of it not clipped by the rack
            drawn.append(geometry.region.intersection(geometry.clip))
        assert any(drawn)
        for region in drawn:  # the title line and the column headings, nothing below
            assert region.bottom <= screen.table.region.y + 1 + (size[1] >= 30)
            for name in WORK:
                assert not region.overlaps(screen.query_one(name).region), name


@pytest.mark.parametrize("size", SMALL, ids=str)
@pytest.mark.parametrize("key", ["ctrl+n", "f2", "f3", "ctrl+s", "ctrl+r", "f7"])
async def test_dialog_buttons_are_in_view(demo_file: Path, size: tuple[int, int], key: str) -> None:
    width, height = size
    app = make_app(demo_file)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await wait_for(pilot, lambda: not isinstance(app.screen, CaptureScreen))
        await pilot.pause()
        buttons = list(app.screen.query(Button))
        assert buttons
        for button in buttons:
            region = button.region
            assert region.height >= 1 and region.right <= width and region.bottom <= height
            drawn = "".join(s.text for s in button.render_lines(Region(0, 0, *button.outer_size)))
            assert str(button.label) in drawn


@pytest.mark.parametrize("size", SMALL, ids=str)
async def test_merge_report_and_conflicts_fit(demo_file: Path, size: tuple[int, int]) -> None:
    """After a merge the report scrolls between its title and its Close button; the conflicts
    view fills the terminal with its own keys in the footer."""
    width, height = size
    colleague_of(demo_file)
    app = make_app(demo_file)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        await pilot.press("space", "ctrl+s")
        await wait_for(pilot, lambda: app.screen.query_one("#report").display)
        await pilot.pause()
        for selector in (".dialog-title", "#report", "#cancel"):
            region = app.screen.query_one(selector).region
            assert region.height >= 1 and region.right <= width and region.bottom <= height
        await pilot.press("escape", "f8")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await pilot.pause()
        table = app.screen.query_one("#conflicts")
        assert table.region.right <= width and table.region.bottom < height - 1
        footer = app.screen.query_one(KeyFooter)
        await wait_for(pilot, lambda: len(footer.query(FooterKey)) >= 2)
        await pilot.pause()
        shown = {k.description: k.region for k in footer.query(FooterKey) if k.display}
        assert {"Keep", "Back"} <= set(shown)
        assert all(r.right <= width and r.bottom == height for r in shown.values())


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


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=str)
async def test_the_interest_list_gets_the_room_a_short_agenda_leaves(
    demo_file: Path, size: tuple[int, int]
) -> None:
    """Ten presentations take eleven rows; the interest list gets the rest (at 80x24 it had 3
    rows under 8 empty agenda rows)."""
    app = make_app(demo_file)
    async with app.run_test(size=size) as pilot:
        screen = capture(app)
        await pilot.pause()
        agenda = screen.table
        assert agenda.region.height <= agenda.row_count + 2  # rows, headings, border
        assert screen.interest_table.region.height >= (7 if size == (80, 24) else 16)

"""Accessible without colour and with a screen reader: the cursor where the attention is, states
said in words, a high-contrast theme and NO_COLOR checked on the painted screen.

The painted checks run the app in a pseudo-terminal and read every cell back with pyte (its
character, foreground and background as the terminal got them), so they judge what a person
sees, not what a widget holds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from matchdesk.store.demo import create_demo
from matchdesk.tui.app import make_app
from matchdesk.tui.text import said_plainly
from matchdesk.tui.theme import HIGH_CONTRAST, THEME_VARIABLE
from matchdesk.tui.widgets.interest_table import InterestTable
from matchdesk.tui.widgets.presentation_table import PresentationTable

from .conftest import capture, wait_for
from .painted import PaintedApp

COLUMNS, LINES = 120, 40


# -- the cursor follows the focus (Pilot: what the app sends as the cursor position) -------------
def _row_y(table: PresentationTable | InterestTable) -> int:
    """The screen line of ``table``'s highlighted row."""
    region = table.content_region
    return region.y + table.header_height + table.cursor_row - round(table.scroll_offset.y)


async def test_the_cursor_follows_the_focus_on_the_capture_screen(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        screen = capture(app)
        country = screen.query_one("#country")
        await wait_for(pilot, lambda: app.focused is country)
        assert app.cursor_position.y == country.content_region.y

        presentations = screen.query_one("#presentations", PresentationTable)
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is presentations)
        assert app.cursor_position.y == _row_y(presentations)
        first = app.cursor_position.y
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: presentations.cursor_row == 2)
        assert app.cursor_position.y == first + 2 == _row_y(presentations)
        assert app.cursor_position.x == presentations.content_region.x

        interests = screen.query_one("#interests", InterestTable)
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is interests)
        assert app.cursor_position.y == _row_y(interests)
        newest = interests.cursor_row  # the list opens on its newest interest
        await pilot.press("up")
        await wait_for(pilot, lambda: interests.cursor_row == newest - 1)
        assert app.cursor_position.y == _row_y(interests)

        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is country)
        assert app.cursor_position.y == country.content_region.y


async def test_after_a_capture_the_cursor_rests_on_what_happened(demo_file: Path) -> None:
    """The line under the input is the first a screen reader reads after Enter; the next key
    puts the cursor back on the caret."""
    app = make_app(demo_file)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        screen = capture(app)
        hint = screen.query_one("#hint")
        country = screen.query_one("#country")
        await wait_for(pilot, lambda: app.focused is country)
        await pilot.press(*"fiji", "enter")
        await wait_for(pilot, lambda: "Saved Fiji" in str(hint.render()))
        assert app.cursor_position == hint.content_region.offset
        await pilot.press("t")
        await wait_for(pilot, lambda: app.cursor_position.y == country.content_region.y)


async def test_the_cursor_follows_the_follow_up_list(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: type(app.focused).__name__ == "PossibilityList")
        listing = app.focused
        assert listing is not None
        top = listing.content_region.y
        assert app.cursor_position.y == top
        await pilot.press("down", "down", "down")
        await wait_for(pilot, lambda: app.cursor_position.y == top + 3)


def test_a_toast_says_its_severity_in_words() -> None:
    assert said_plainly("Could not write x.json.", "error") == "Error: Could not write x.json."
    assert said_plainly("Nothing to redo.", "warning") == "Warning: Nothing to redo."
    assert said_plainly("Saved.", "information") == "Saved."
    assert said_plainly("x", "error", "Export") == "Error: Export: x"


# -- the painted screen, in a pseudo-terminal ---------------------------------------------------
class Painted(PaintedApp):
    """``matchdesk open FILE`` in a truecolor pty; its cells (character and colours) read
    back by pyte."""

    def __init__(self, path: Path, **env: str) -> None:
        colours: dict[str, str | None] = {"NO_COLOR": None, "COLORTERM": "truecolor", **env}
        super().__init__(["open", str(path)], (COLUMNS, LINES), env=colours)

    def until(self, condition: Callable[[str], object], timeout: float = 60.0) -> str:
        """Read until ``condition(screen text)`` holds and the app has stopped painting."""
        text = super().until(condition, timeout)
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 0.4:
            self._drain(0.1)
            if self.text() != text:
                text, quiet_since = self.text(), time.monotonic()
        return text

    def press(self, keys: bytes, then: str) -> None:
        self.send(keys)
        self.until(lambda text: then in text)

    def cells(self) -> Iterator[tuple[int, int, str, str, str]]:
        """Every drawn character (not box drawing or block elements): y, x, char, fg, bg."""
        self._drain(0)
        for y in range(LINES):
            line = self.screen.buffer[y]
            for x in range(COLUMNS):
                char = line[x]
                if not char.data.strip() or 0x2500 <= ord(char.data[0]) <= 0x259F:
                    continue
                fg, bg = (char.bg, char.fg) if char.reverse else (char.fg, char.bg)
                yield y, x, char.data, fg, bg


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an ``rrggbb`` colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_says() -> None:
    assert contrast("ffffff", "000000") == pytest.approx(21.0)
    assert contrast("777777", "ffffff") == pytest.approx(4.48, abs=0.01)


# Each screen a person reaches from the capture screen, the key that opens it, the words that
# say it is painted, and the key that leaves it.
SCREENS: list[tuple[str, bytes, str, bytes]] = [
    ("presentation list", b"\t", "possibilities for partnership", b""),
    ("follow-up", b"\x06", "Stage groups", b"\x1b"),
    ("board", b"\x0c", "presented by", b"\x1b"),
    ("help", b"\x1bOP", "matchdesk keys", b"\x1b"),
    ("export dialog", b"\x13", "Export", b"\x1b"),
]


def _visit(terminal: Painted, check: Callable[[str], None]) -> None:
    terminal.until(lambda text: "possibilities for partnership" in text and "Type a" in text)
    check("capture")
    for name, key, words, leave in SCREENS:
        terminal.press(key, words)
        check(name)
        if leave:
            terminal.send(leave)
            terminal.until(lambda text: "Type a country" in text or "Saved" in text)


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    return create_demo(tmp_path / "astana.json")


def _painted_failures(terminal: Painted, judge: Callable[[str, str], str | None]) -> list[str]:
    """Visit every screen in ``terminal`` and list each drawn character ``judge(fg, bg)``
    faults, with where it is and on which screen; the terminal is closed after."""
    failures: list[str] = []

    def check(screen: str) -> None:
        for y, x, char, fg, bg in terminal.cells():
            fault = judge(fg, bg)
            if fault:
                failures.append(f"{screen}: {char!r} at {x},{y} {fault}")

    try:
        _visit(terminal, check)
    finally:
        terminal.close()
    return failures


def test_the_high_contrast_theme_keeps_every_text_at_7_to_1(demo_copy: Path) -> None:
    def judge(fg: str, bg: str) -> str | None:
        if fg == "default" or bg == "default":
            return "in the terminal's own colours"
        ratio = contrast(fg, bg)
        return f"is {ratio:.1f}:1 ({fg} on {bg})" if ratio < 7 else None

    terminal = Painted(demo_copy, **{THEME_VARIABLE: HIGH_CONTRAST.name})
    failures = _painted_failures(terminal, judge)
    assert not failures, "\n".join(failures[:20])


def test_no_color_never_draws_a_text_in_its_background(demo_copy: Path) -> None:
    """Under NO_COLOR Textual draws greys only: no text may vanish into its background, and
    each stays readable (3:1, the least WCAG asks of any text)."""

    def judge(fg: str, bg: str) -> str | None:
        if fg == "default" or bg == "default":
            return None  # the terminal's own pair, which it draws apart
        if len({fg[0:2], fg[2:4], fg[4:6]}) != 1:
            return f"is drawn in {fg}, not a grey"
        ratio = contrast(fg, bg)
        return f"is {ratio:.1f}:1 ({fg} on {bg})" if ratio < 3 else None

    terminal = Painted(demo_copy, NO_COLOR="1")
    failures = _painted_failures(terminal, judge)
    assert not failures, "\n".join(failures[:20])


def test_every_coloured_state_is_also_said_in_words(demo_copy: Path) -> None:
    """The screens with colours stripped (NO_COLOR, read as text) still say the channel, the
    newest interest on the board, an overdue possibility and a warning."""
    subprocess.run(
        [sys.executable, "-m", "matchdesk", "followup", str(demo_copy), "--presentation", "1",
         "--interested", "kaz", "--set", "due=2020-01-01", "--set", "stage=contacted"],
        check=True, capture_output=True,
    )  # fmt: skip
    terminal = Painted(demo_copy, NO_COLOR="1")
    try:
        terminal.until(lambda text: "possibilities for partnership" in text)
        text = terminal.text()
        assert "● in the room" in text  # the channel beside its coloured dot
        assert "unspecified" in text  # each interest's channel in its row
        terminal.press(b"\x19", "Warning: Nothing to redo.")  # a toast's severity in words
        terminal.press(b"fiji\r", "Saved Fiji")
        terminal.press(b"\x0c", "latest: Fiji")  # the board's newest interest, in words
        terminal.send(b"\x1b")
        terminal.until(lambda text: "Type a country" in text or "Saved" in text)
        terminal.press(b"\x06", "Stage groups")
        terminal.send(b"\x1b[C\x1b[C")  # the stage group "Contacted"
        terminal.until(lambda text: "Contacted:" in text and "Kazakhstan" in text)
        row = next(line for line in terminal.text().splitlines() if "Kazakhstan" in line)
        assert "contacted" in row  # the stage in words
        flag = row[row.index("▕") + 1 : row.index("▕") + 3]
        assert flag.strip(), f"an overdue possibility carries a sign: {row!r}"
    finally:
        terminal.close()


def test_the_accessibility_page_says_what_the_app_does() -> None:
    """docs/accessibility.md names the theme, its variable and the key that reads the totals as
    the code has them."""
    from matchdesk.tui.keys import KEYS

    page = (Path(__file__).resolve().parents[2] / "docs" / "accessibility.md").read_text()
    assert f"{THEME_VARIABLE}={HIGH_CONTRAST.name}" in page
    totals_key = next(key for key in KEYS if key.action == "read_totals")
    assert f"`{totals_key.keys}` puts the cursor on the totals line" in page
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "docs/accessibility.md" in readme


async def test_f12_rests_the_cursor_on_the_totals(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        screen = capture(app)
        totals = screen.query_one("#totals")
        await wait_for(pilot, lambda: app.focused is screen.query_one("#country"))
        await pilot.press("f12")
        await wait_for(pilot, lambda: app.cursor_position == totals.content_region.offset)


async def test_an_unchecked_box_holds_no_mark_a_reader_would_read() -> None:
    """Textual's check box hides its "X" by colour only; a screen reader still reads it."""
    from textual.app import App, ComposeResult

    from matchdesk.tui.widgets.tick_box import TickBox

    class Boxes(App[None]):
        def compose(self) -> ComposeResult:
            yield TickBox("Overdue only", id="off")
            yield TickBox("Stale only", True, id="on")

    app = Boxes()
    async with app.run_test() as pilot:
        off, on = app.query_one("#off", TickBox), app.query_one("#on", TickBox)
        assert "X" not in off.render().plain and "X" in on.render().plain
        off.toggle()
        await pilot.pause()
        assert "X" in off.render().plain


@pytest.mark.parametrize("level", ["none", "full"])
async def test_without_animation_every_caret_stays_lit(tmp_path: Path, level: str) -> None:
    """TEXTUAL_ANIMATIONS=none (the app's animation level): no field blinks, in the capture
    screen or a dialog; with animation the caret blinks as Textual's does."""
    path = tmp_path / "demo.json"
    create_demo(path)
    app = make_app(path)
    app.animation_level = level  # what TEXTUAL_ANIMATIONS sets when the app is made
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fields = [capture(app).country_input]
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: len(app.screen.query("Input")) > 0)
        fields += list(app.screen.query("Input"))
        assert [field.cursor_blink for field in fields] == [level == "full"] * len(fields)

"""The follow-up screen's list of possibilities: drawn line by line, only what is visible.

A DataTable measures every cell of every row when rows are added (0.35 s for 10,000 rows
here); this list keeps the rows as values and draws the 20-odd lines on screen, so showing
10,000 possibilities costs what showing 20 does. Columns give way, least needed first, until
the title has room: the presenting country, the owner, the due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Unpack

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from matchdesk.store import Key, Outcome, Possibility, Stage
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import fit
from matchdesk.tui.widgets.moving_rows import MOVING_KEYS

# Short stage words for a narrow column (the detail line and the panel spell them out).
SHORT: dict[Stage | Outcome, str] = {
    Stage.INTERESTED: "interested",
    Stage.CONTACTED: "contacted",
    Stage.LEARNING: "learn & share",
    Stage.FIELD_VISIT: "field visit",
    Stage.ADAPTATION: "adaptation",
    Stage.IMPLEMENTED: "implemented",
    Outcome.ADOPTED: "✓ adopted",
    Outcome.ADAPTED: "✓ adapted",
    Outcome.KNOWLEDGE: "✓ knowledge",
    Outcome.NOT_PURSUED: "✗ not pursued",
}


def short_stage(possibility: Possibility) -> str:
    state = possibility.state
    return SHORT[state.outcome if state.outcome is not None else state.stage]


@dataclass(frozen=True)
class Column:
    name: str
    width: int  # 0: takes what is left
    drop: int  # 0: never dropped; higher numbers give way first


COLUMNS = (
    Column("", 3, 0),  # the mark, then one sign per meaning (OVERDUE, CHANGED_TWICE)
    Column("Best practice", 0, 0),
    Column("Sharing", 12, 4),
    Column("Interested", 14, 0),
    Column("Stage", 13, 0),
    Column("Owner", 10, 3),
    Column("Due", 10, 2),
)
MIN_TITLE = 14
# The signs in the first column, one meaning each (the detail line says it in words).
MARKED = "●"
OVERDUE = "!"  # past its due date
CHANGED_TWICE = "⚠"  # a field changed differently on two laptops (f8 on the capture screen)


def fit_columns(width: int) -> list[tuple[Column, int]]:
    """The columns that fit ``width`` cells and their widths (one space between two)."""
    shown = list(COLUMNS)
    while True:
        fixed = sum(c.width for c in shown) + len(shown) - 1
        if width - fixed >= MIN_TITLE or not any(c.drop for c in shown):
            break
        shown.remove(max(shown, key=lambda c: c.drop))
    title = max(width - fixed, 4)
    return [(c, c.width or title) for c in shown]


def _cell(text: str, width: int) -> str:
    """``text`` on one line (its runs of whitespace one space) in exactly ``width`` cells."""
    return fit(" ".join(text.split()), width)


class PossibilityList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of possibilities with a highlight (``cursor``) and marks (``marked``)."""

    BINDINGS = [*MOVING_KEYS]  # noqa: RUF012  (moving only: the screen's key table holds the actions)
    COMPONENT_CLASSES = {  # noqa: RUF012
        "possibility-list--cursor",
        "possibility-list--marked",
        "possibility-list--dim",
        "possibility-list--warn",
    }
    DEFAULT_CSS = """
    PossibilityList { height: 1fr; overflow-x: hidden; }
    PossibilityList > .possibility-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    PossibilityList:blur > .possibility-list--cursor {
        background: $block-cursor-blurred-background; }
    PossibilityList > .possibility-list--marked { color: $accent; text-style: bold; }
    PossibilityList > .possibility-list--dim { color: $text-muted; }
    PossibilityList > .possibility-list--warn { color: $error; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Highlighted(Message):
        """The highlight moved to ``possibility`` (None: nothing shown)."""

        widget: PossibilityList
        possibility: Possibility | None

        @property
        def control(self) -> PossibilityList:
            return self.widget

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self.rows: Sequence[Possibility] = ()
        self.marked: set[Key] = set()
        self.today = dt.date.today()

    # -- content ---------------------------------------------------------------------------------
    def show(self, rows: Sequence[Possibility], keep: Key | None = None) -> None:
        """Replace the rows, keeping the highlight on ``keep`` when it is still shown."""
        self.rows = rows
        self.today = dt.date.today()
        self.virtual_size = Size(self.size.width, len(rows))
        index = next((n for n, p in enumerate(rows) if p.key == keep), None) if keep else None
        self.cursor = self._clamp(self.cursor if index is None else index)
        self.refresh()
        self._announce()

    @property
    def current(self) -> Possibility | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def header(self, width: int) -> str:
        return " ".join(_cell(c.name, w) for c, w in fit_columns(width))

    # -- moving ----------------------------------------------------------------------------------
    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.rows) - 1))

    def validate_cursor(self, index: int) -> int:
        return self._clamp(index)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True, force=True)
        self._announce()

    def cursor_point(self) -> Offset | None:
        """The highlighted row's first cell, where a screen reader should be reading."""
        region = self.content_region
        if not region:
            return None
        y = region.y + self.cursor - round(self.scroll_offset.y)
        return Offset(region.x, min(max(y, region.y), region.bottom - 1))

    def refresh_line(self, index: int) -> None:
        y = index - round(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _announce(self) -> None:
        self.post_message(self.Highlighted(self, self.current))

    def on_click(self, event: events.Click) -> None:
        self.cursor = self._clamp(round(self.scroll_offset.y) + event.y)

    def action_move(self, delta: int) -> None:
        self.cursor = self._clamp(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.cursor = self._clamp(self.cursor + direction * max(self.size.height - 1, 1))

    # -- drawing ---------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = round(self.scroll_offset.y) + y
        base = self.rich_style
        if not 0 <= index < len(self.rows):
            if index == 0 and not self.rows:
                message = _cell("Nothing to show: change the stage group or the filters.", width)
                dim = self.get_component_rich_style("possibility-list--dim")
                return Strip([Segment(message, base + dim)], width)
            return Strip.blank(width, base)
        possibility = self.rows[index]
        style = base
        if possibility.key in self.marked:
            style += self.get_component_rich_style("possibility-list--marked")
        if index == self.cursor:
            style += self.get_component_rich_style("possibility-list--cursor")
        segments = []
        for n, (column, cell_width) in enumerate(fit_columns(width)):
            text, cell_style = self._value(possibility, column.name, style)
            if n:
                segments.append(Segment(" ", style))
            # the signs keep their places (a lone "!" must not slide into the mark's)
            shown = text.ljust(cell_width) if not column.name else _cell(text, cell_width)
            segments.append(Segment(shown, cell_style))
        return Strip(segments).crop_extend(0, width, base)

    def _value(self, possibility: Possibility, column: str, style: Style) -> tuple[str, Style]:
        state = possibility.state
        warn = style + self.get_component_rich_style("possibility-list--warn")
        if column == "":
            mark = MARKED if possibility.key in self.marked else " "
            late = OVERDUE if possibility.overdue(self.today) else " "
            twice = CHANGED_TWICE if state.conflicts else " "
            return mark + late + twice, warn if (late + twice).strip() else style
        if column == "Best practice":
            return f"{possibility.number}. {possibility.presentation.title}", style
        if column == "Sharing":
            return possibility.presentation.country.name, style
        if column == "Interested":
            return possibility.country.name, style
        if column == "Stage":
            return short_stage(possibility), style
        if column == "Owner":
            return state.owner, style
        overdue = possibility.overdue(self.today)
        return state.due, warn if overdue else style

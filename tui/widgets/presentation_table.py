"""The agenda: presentations in order with live interest counts.

Drawn line by line, only the lines on screen (as the interest list is), with the columns and
look of the DataTable it replaces. The DataTable measured and rendered every row on the first
paint (0.05 s at 500 presentations, twice that at 1,000: about a quarter of what matchdesk
added to a bare Textual app's first paint), then laid its columns out again once it knew its
width; here a row is drawn when it is shown, at the width it is shown at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Unpack

from msgspec import Struct
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from matchdesk.store import Presentation
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import cell, fit
from matchdesk.tui.widgets.titled_rows import TitledRows

_PADDING = 1  # cells each side of a column, as a DataTable pads them
_COUNT_WIDTH = 5
_COUNTRY_WIDTH = 16  # shown from a width of 70
_TITLES = {"number": "#", "title": "Presentation", "country": "Country", "count": "Int."}


@cache
def _style(name: str) -> Style:
    return Style.parse(name)


def _place(row: int, column: int, *, outside: bool = False) -> Style:
    """Where a cell is, as a DataTable marks it (``row`` -1: the titles)."""
    meta: dict[str, object] = {"row": row, "column": column}
    return Style.from_meta({**meta, "out_of_bounds": True} if outside else meta)


class _Cell(Struct, frozen=True):
    text: str
    style: str = ""
    right: bool = False

    def fit(self, width: int) -> str:
        """The text in exactly ``width`` cells (``text.fit``)."""
        return fit(self.text, width, right=self.right)


class PresentationTable(TitledRows):
    """One row per presentation, keyed by its uid, the highlighted one ``cursor_row``; a
    capture rewrites one count and repaints that line. It keeps the values it was given
    (never the workshop)."""

    cursor_row: reactive[int] = reactive(0)

    @dataclass
    class Highlighted(Message):
        """The highlight moved to the presentation ``uid``."""

        table: PresentationTable
        uid: str

        @property
        def control(self) -> PresentationTable:
            return self.table

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self._presentations: tuple[Presentation, ...] = ()
        self._counts: dict[str, int] = {}
        self._rows: dict[str, int] = {}  # uid -> row

    # -- content -------------------------------------------------------------------------------
    def load(
        self,
        presentations: Sequence[Presentation],
        counts: Mapping[str, int],
        keep: str | None = None,
    ) -> None:
        """Show ``presentations`` (the agenda) with their ``counts`` (uid -> interests); the
        highlight stays on ``keep`` (else on the presentation it was on) if it is there."""
        keep = keep or self.current_uid
        self._presentations, self._counts = tuple(presentations), dict(counts)
        self._rows = {p.uid: n for n, p in enumerate(self._presentations)}
        self.forget_drawn()
        self.virtual_size = Size(0, len(self._presentations) + self.header_height)
        index = self._rows.get(keep) if keep is not None else None
        self.cursor_row = self.validate_cursor_row(self.cursor_row if index is None else index)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._presentations)

    @property
    def current_uid(self) -> str | None:
        """The uid of the highlighted presentation."""
        if not 0 <= self.cursor_row < len(self._presentations):
            return None
        return self._presentations[self.cursor_row].uid

    def set_count(self, uid: str, count: int) -> None:
        """Rewrite one presentation's count and repaint its line only."""
        if (index := self._rows.get(uid)) is not None:
            self._counts[uid] = count
            self._refresh_row(index)

    def get_cell(self, uid: str, column: str) -> Text:
        """One cell of the row of presentation ``uid``, as it shows it (for a reader of the
        widget's data): ``number``, ``title``, ``country`` or ``count``."""
        index = self._rows[uid]
        shown = self._cells(index, with_country=True)[list(_TITLES).index(column)]
        return cell(shown.text, shown.style, justify="right" if shown.right else "left")

    def _cells(self, index: int, with_country: bool) -> tuple[_Cell, ...]:
        presentation = self._presentations[index]
        count = self._counts.get(presentation.uid, 0)
        number = _Cell(f"{index + 1}.", "dim", right=True)
        title = _Cell(presentation.title)
        tally = _Cell(str(count), "bold" if count else "dim", right=True)
        if with_country:
            return number, title, _Cell(presentation.country.name, "italic"), tally
        return number, title, tally

    # -- moving --------------------------------------------------------------------------------
    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._keep_in_view()
        if (uid := self.current_uid) is not None:
            self.post_message(self.Highlighted(self, uid))

    def _room(self) -> int:
        return max(self.scrollable_content_region.height - self.header_height, 1)

    def _keep_in_view(self, top: int | None = None) -> None:
        """Scroll (to ``top`` if given) as little as keeps the highlighted row in view."""
        if not self.scrollable_content_region.height:  # not laid out yet: on_resize does it
            return
        room, row = self._room(), self.cursor_row
        top = round(self.scroll_offset.y) if top is None else top
        top = max(0, min(top, len(self._presentations) - room))
        if row < top:
            top = row
        elif row >= top + room:
            top = row - room + 1
        self.scroll_to(y=top, animate=False, immediate=True, force=True)

    def action_page(self, direction: int) -> None:
        """A page up or down, the view scrolled by a page with it (as a DataTable pages)."""
        room = self._room()
        self.cursor_row = self.validate_cursor_row(self.cursor_row + direction * room)
        self._keep_in_view(round(self.scroll_offset.y) + direction * room)

    def on_click(self, event: events.Click) -> None:
        if (row := self.row_at(event)) is not None and row < len(self._presentations):
            self.cursor_row = row

    def on_resize(self, event: events.Resize) -> None:
        self._keep_in_view()

    # -- drawing -------------------------------------------------------------------------------
    def _widths(self) -> tuple[int, ...]:
        """number, title, [country,] count: the title takes what the others leave (room kept
        for the scrollbar, as before)."""
        width = self.size.width
        number = max(2, len(str(len(self._presentations))) + 1)
        country = _COUNTRY_WIDTH if width >= 70 else 0
        columns = 4 if country else 3
        title = max(8, width - number - _COUNT_WIDTH - country - 2 * columns - 2)
        if country:
            return number, title, country, _COUNT_WIDTH
        return number, title, _COUNT_WIDTH

    def _refresh_row(self, index: int) -> None:
        y = self.header_height + index - round(self.scroll_offset.y)
        if self.header_height <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _line(
        self,
        row: int,
        cells: Sequence[_Cell],
        base: Style,
        width: int,
        over: Style | None = None,
    ) -> Strip:
        """Line ``row`` (-1: the titles): each cell's own style on ``base``, then ``over`` (the
        highlight) on top. Each cell carries its place as the DataTable's did (style meta), so
        a cell's segments join within it, never across: the painted screen is the same."""
        line = base + over if over else base
        segments: list[Segment] = []
        for column, (shown, cell_width) in enumerate(zip(cells, self._widths(), strict=True)):
            place = _place(row, column)
            style = base + _style(shown.style) if shown.style else base
            pad = Segment(" " * _PADDING, line + place)
            text = Segment(shown.fit(cell_width), (style + over if over else style) + place)
            segments += Segment.simplify((pad, text, pad))
        return Strip(segments).crop_extend(0, width, line + _place(row, 0, outside=True))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        widths = self._widths()
        with_country = len(widths) == 4
        if y < self.header_height:
            titles = [
                _Cell(text, right=name == "count")
                for name, text in _TITLES.items()
                if with_country or name != "country"
            ]
            return self._line(-1, titles, self.header_style(), width)
        index = round(self.scroll_offset.y) + y - self.header_height
        if not 0 <= index < len(self._presentations):
            return Strip.blank(width, base)
        presentation = self._presentations[index]
        count = self._counts.get(presentation.uid, 0)
        return self.drawn(
            (index, presentation, count, widths, width, base),
            index == self.cursor_row,
            lambda over: self._line(index, self._cells(index, with_country), base, width, over),
        )

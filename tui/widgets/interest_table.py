"""The highlighted presentation's interested countries, with channel and note.

Drawn line by line, only the lines on screen (as the follow-up list is): a capture adds a row
value and repaints the list's own lines, nothing else. A DataTable re-rendered every visible row
and laid the whole screen out again on each added row (its virtual size is a layout reactive):
the largest part of Enter-to-painted at 10,000 interests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Unpack

from msgspec import Struct
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from matchdesk.store import Channel, Interest
from matchdesk.tui.keys import bindings
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import cell, fit
from matchdesk.tui.textual_compat import set_virtual_height
from matchdesk.tui.widgets.titled_rows import TitledRows

_COLUMNS = ("country", "channel", "note")
_WIDTHS = (26, 13)  # country, channel; the note takes the rest
_FROM_WIDTH = 20  # the laptops that captured an interest, when several are involved
_PADDING = 1  # cells each side of a column, as a DataTable pads them
CHANNEL_STYLE: dict[Channel, str] = {
    Channel.IN_ROOM: "#4ADE80",  # a green that keeps 7:1 on the dark and high-contrast themes
    Channel.ONLINE: "cyan",
    Channel.UNSPECIFIED: "dim",
}
_NOT_COUNTED = ("dim italic", "dim reverse")  # an entry not counted yet: its name, its status


@cache
def _style(name: str) -> Style:
    return Style.parse(name) if name else Style()


class Row(Struct, frozen=True):
    """One line of the list: a counted interest, or an entry not counted yet (``status``)."""

    key: str
    interest: Interest | None = None
    name: str = ""
    status: str = ""  # "not saved yet" or "waiting"

    def cells(self, origins: bool) -> tuple[tuple[str, str], ...]:
        """(text, style) per column."""
        if self.interest is not None:
            interest = self.interest
            cells = (
                (interest.country.name, ""),
                (interest.channel.label, CHANNEL_STYLE[interest.channel]),
                (interest.note, "italic"),
            )
            origin = " + ".join(interest.captured_on)
        else:
            cells = ((self.name, _NOT_COUNTED[0]), (self.status, _NOT_COUNTED[1]), ("", ""))
            origin = ""
        return (*cells, (origin, "dim")) if origins else cells


class InterestTable(TitledRows):
    """Rows keyed by interest uid under a line of column titles; withdraw, channel and note act
    on the highlighted row (``cursor_row``); a From column names the laptops that captured each
    one when the screen asks for it."""

    BINDINGS = bindings("interests")
    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Action(Message):
        """Something the user asked for on the selected ``interest`` (handle a subclass)."""

        table: InterestTable
        interest: Interest

        @property
        def control(self) -> InterestTable:
            return self.table

    @dataclass
    class Withdraw(Action):
        """The user asked to withdraw ``interest``."""

    @dataclass
    class CycleChannel(Action):
        """The user asked to switch the channel of ``interest``."""

    @dataclass
    class EditNote(Action):
        """The user asked to write a note on ``interest``."""

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self.interest_rows: list[Row] = []
        self.origins = False
        self.editable = True  # False in a read-only window: no withdraw, channel or note key

    # -- content -------------------------------------------------------------------------------
    def show(
        self,
        interests: Sequence[Interest],
        unsaved: Sequence[str] = (),
        waiting: Sequence[str] = (),
        *,
        origins: bool = False,
    ) -> None:
        """Show one presentation's interests, then the entries not counted yet, dimmed:
        ``unsaved`` (the disk refused them; kept in order) and ``waiting`` (behind a question).

        A capture adds its row and brings it into view (highlighted); another presentation's
        list opens on its newest row; a row gone leaves the highlight where it was. The entries
        not counted yet cannot be selected for withdraw, channel or note. ``origins`` adds the
        From column.
        """
        rows = [Row(i.uid, interest=i) for i in interests]
        rows += [
            Row(f"unsaved:{n}", name=name, status="not saved yet") for n, name in enumerate(unsaved)
        ]
        rows += [Row(f"waiting:{n}", name=name, status="waiting") for n, name in enumerate(waiting)]
        before = self.interest_rows
        if rows == before and origins == self.origins:
            return
        known = {row.key for row in before}
        same = len(before) <= len(rows) and all(
            row.key == rows[n].key for n, row in enumerate(before)
        )
        self.interest_rows, self.origins = rows, origins
        set_virtual_height(self, len(rows) + self.header_height)
        added = [n for n, row in enumerate(rows) if row.key not in known]
        if added:  # a capture, an undo, another presentation: its newest row in view
            self.cursor_row = added[-1]
        elif not same:  # a row went: the user's place in the list, where it still is
            self.cursor_row = self.cursor_row
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.interest_rows)

    def get_row_at(self, index: int) -> tuple[Text, ...]:
        """The cells of row ``index`` as it shows them (for a reader of the widget's data)."""
        return tuple(
            cell(text, style) for text, style in self.interest_rows[index].cells(self.origins)
        )

    def get_cell(self, key: str, column: str) -> Text:
        """One cell of the row keyed ``key`` (an interest's uid): ``country``, ``channel``,
        ``note`` or ``from``."""
        index = next(n for n, row in enumerate(self.interest_rows) if row.key == key)
        return self.get_row_at(index)[self._column_names().index(column)]

    @property
    def selected(self) -> Interest | None:
        """The highlighted interest (None on an entry not counted yet, or an empty list)."""
        if not 0 <= self.cursor_row < len(self.interest_rows):
            return None
        return self.interest_rows[self.cursor_row].interest

    # -- moving --------------------------------------------------------------------------------
    def watch_cursor_row(self, row: int) -> None:
        """Keep the highlighted row in view, under the column titles."""
        room = max(self.scrollable_content_region.height - self.header_height, 1)
        top = round(self.scroll_offset.y)
        if row < top:
            top = row
        elif row >= top + room:
            top = row - room + 1
        # force: the scrollbar that allows scrolling may appear only with the next layout
        self.scroll_to(y=top, animate=False, immediate=True, force=True)
        self.refresh()

    def action_page(self, direction: int) -> None:
        room = max(self.scrollable_content_region.height - self.header_height, 1)
        self.action_move(direction * room)

    def on_click(self, event: events.Click) -> None:
        if (row := self.row_at(event)) is not None:
            self.cursor_row = self.validate_cursor_row(row)

    # -- drawing -------------------------------------------------------------------------------
    def _widths(self, width: int) -> tuple[int, ...]:
        """Fixed widths (the note takes what is left): a new row never moves a column."""
        fixed = (*_WIDTHS, _FROM_WIDTH) if self.origins else _WIDTHS
        columns = len(fixed) + 1
        note = max(width - sum(fixed) - 2 * _PADDING * columns, 8)
        return (*_WIDTHS, note, _FROM_WIDTH) if self.origins else (*_WIDTHS, note)

    def _line(
        self, cells: Sequence[tuple[str, str]], base: Style, width: int, over: Style | None = None
    ) -> Strip:
        """One row: each cell's own style on ``base``, then ``over`` (the highlight) on top."""
        line = base + over if over else base
        segments = []
        pad = " " * _PADDING
        for (text, cell_style), cell_width in zip(cells, self._widths(width), strict=True):
            style = base + _style(cell_style) + over if over else base + _style(cell_style)
            segments += [
                Segment(pad, line),
                Segment(fit(text, cell_width), style),
                Segment(pad, line),
            ]
        return Strip(segments).crop_extend(0, width, line)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < self.header_height:
            titles = [(name.title(), "") for name in self._column_names()]
            return self._line(titles, self.header_style(), width)
        index = round(self.scroll_offset.y) + y - self.header_height
        if not 0 <= index < len(self.interest_rows):
            return Strip.blank(width, base)
        row = self.interest_rows[index]
        return self.drawn(
            (row, width, base, self.origins),
            index == self.cursor_row,
            lambda over: self._line(row.cells(self.origins), base, width, over),
        )

    def _column_names(self) -> tuple[str, ...]:
        return (*_COLUMNS, "from") if self.origins else _COLUMNS

    def on_resize(self, event: events.Resize) -> None:
        self.cursor_row = self.cursor_row  # the highlight stays in view at the new height

    # -- actions -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only window's list offers no key that writes (footer, palette)."""
        return self.editable or action not in ("withdraw", "cycle_channel", "edit_note")

    def action_withdraw(self) -> None:
        if (interest := self.selected) is not None:
            self.post_message(self.Withdraw(self, interest))

    def action_cycle_channel(self) -> None:
        if (interest := self.selected) is not None:
            self.post_message(self.CycleChannel(self, interest))

    def action_edit_note(self) -> None:
        if (interest := self.selected) is not None:
            self.post_message(self.EditNote(self, interest))

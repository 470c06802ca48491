"""The highlighted presentation's interested countries, with channel and note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from matchdesk.store import Channel, Interest
from matchdesk.tui.keys import bindings
from matchdesk.tui.text import cell

_COLUMNS = ("country", "channel", "note")
_WIDTHS = (26, 13)  # country, channel; the note takes the rest
_FROM_WIDTH = 20  # the laptops that captured an interest, when several are involved
CHANNEL_STYLE: dict[Channel, str] = {
    Channel.IN_ROOM: "#4ADE80",  # a green that keeps 7:1 on the dark and high-contrast themes
    Channel.ONLINE: "cyan",
    Channel.UNSPECIFIED: "dim",
}


class InterestTable(DataTable):
    """Rows keyed by interest uid; withdraw, channel and note act on the selected row; a From
    column names the laptops that captured each one when the screen asks for it."""

    BINDINGS = bindings("interests")
    DEFAULT_CSS = """
    InterestTable { height: 1fr; overflow-x: hidden; }
    """

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

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]
        self._interests: dict[str, Interest] = {}
        self._shown: list[tuple[str, object]] = []  # (row key, what its cells show)
        self._laid_out_width = 0
        self._origins = False
        self.editable = True  # False in a read-only window: no withdraw, channel or note key

    def on_mount(self) -> None:
        self._add_columns()

    @property
    def _columns(self) -> tuple[str, ...]:
        return (*_COLUMNS, "from") if self._origins else _COLUMNS

    def _add_columns(self) -> None:
        """Fixed widths (the note takes what is left): a new row never changes a column."""
        width = (self.size.width or self.app.size.width) - self.styles.scrollbar_size_vertical
        fixed = (*_WIDTHS, _FROM_WIDTH) if self._origins else _WIDTHS
        note = max(width - sum(fixed) - 2 * len(self._columns), 8)
        self._laid_out_width = self.size.width
        sizes = (*_WIDTHS, note, _FROM_WIDTH) if self._origins else (*_WIDTHS, note)
        for column, size in zip(self._columns, sizes, strict=True):
            self.add_column(column.title(), key=column, width=size)

    def _lay_out_again(self) -> None:
        rows, self._shown = self._shown, []
        self.clear(columns=True)
        self._add_columns()
        for key, value in rows:
            self.add_row(*self._cells(value), key=key)
        self._shown = rows

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._laid_out_width:
            self._lay_out_again()

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

        Only what changed is redrawn: a capture adds its row, a channel or note rewrites its
        cells; another presentation's list replaces the rows. The entries not counted yet
        cannot be selected for withdraw, channel or note. ``origins`` adds the From column.
        """
        if origins != self._origins:
            self._origins = origins
            self._lay_out_again()
        rows: list[tuple[str, object]] = [(i.uid, i) for i in interests]
        rows += [(f"unsaved:{n}", ("not saved yet", name)) for n, name in enumerate(unsaved)]
        rows += [(f"waiting:{n}", ("waiting", name)) for n, name in enumerate(waiting)]
        before = {key for key, _ in self._shown}
        shown = self._shown
        same = len(shown) <= len(rows) and all(
            key == rows[n][0] for n, (key, _) in enumerate(shown)
        )
        keep = self.cursor_row
        if not same:  # another presentation, or a row went: lay the rows out again
            self.clear()
            shown = self._shown = []
        self._interests = {i.uid: i for i in interests}
        for n, (key, value) in enumerate(rows):
            if n < len(shown):
                if shown[n][1] != value:
                    for column, content in zip(self._columns, self._cells(value), strict=True):
                        self.update_cell(key, column, content)
                    shown[n] = (key, value)
                continue
            self.add_row(*self._cells(value), key=key)
            shown.append((key, value))
        added = [n for n, (key, _) in enumerate(rows) if key not in before]
        if added:  # a capture, an undo, another presentation: its newest row in view
            self.move_cursor(row=added[-1], animate=False, scroll=True)
        elif rows and not same:  # a row went: the user's place in the list, where it still is
            self.move_cursor(row=min(keep, len(rows) - 1), animate=False, scroll=True)

    def _cells(self, value: object) -> tuple[Text, ...]:
        if isinstance(value, Interest):
            cells = (
                cell(value.country.name),
                cell(value.channel.label, CHANNEL_STYLE[value.channel]),
                cell(value.note, "italic"),
            )
            origin = " + ".join(value.captured_on)
        else:
            status, name = value  # type: ignore[misc]
            cells, origin = (cell(name, "dim italic"), cell(status, "dim reverse"), cell("")), ""
        return (*cells, cell(origin, "dim")) if self._origins else cells

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only window's list offers no key that writes (footer, palette)."""
        return self.editable or action not in ("withdraw", "cycle_channel", "edit_note")

    @property
    def selected(self) -> Interest | None:
        if not self.row_count:
            return None
        uid = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value
        return self._interests.get(uid or "")

    def action_withdraw(self) -> None:
        if (interest := self.selected) is not None:
            self.post_message(self.Withdraw(self, interest))

    def action_cycle_channel(self) -> None:
        if (interest := self.selected) is not None:
            self.post_message(self.CycleChannel(self, interest))

    def action_edit_note(self) -> None:
        if (interest := self.selected) is not None:
            self.post_message(self.EditNote(self, interest))

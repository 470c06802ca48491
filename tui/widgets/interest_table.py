"""The highlighted presentation's interested countries, with channel and note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import App
from textual.message import Message
from textual.widgets import DataTable

from matchdesk.store.merge.combined import CombinedWorkshop
from matchdesk.store.models import Channel, Country, Interest
from matchdesk.tui.keys import bindings
from matchdesk.tui.text import cell

CHANNEL_STYLE: dict[Channel, str] = {
    Channel.IN_ROOM: "green",
    Channel.ONLINE: "cyan",
    Channel.UNSPECIFIED: "dim",
}


def show_origins(app: App[object], interests: Sequence[Interest]) -> bool:
    """Say which laptops captured each interest when several laptops are involved: when
    following peers (``open --with``), or when the listed interests come from more than one."""
    if isinstance(getattr(getattr(app, "session", None), "workshop", None), CombinedWorkshop):
        return True
    return len({device for i in interests for device in i.captured_on}) > 1


class InterestTable(DataTable):
    """Rows keyed by interest uid; withdraw, channel and note act on the selected row; a From
    column names the laptops that captured each one when several are involved."""

    BINDINGS = bindings("interests")
    DEFAULT_CSS = """
    InterestTable { height: 1fr; }
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

    def on_mount(self) -> None:
        self.add_column("Country", key="country")
        self.add_column("Channel", key="channel")
        self.add_column("Note", key="note")

    def show(self, interests: Sequence[Interest], unsaved: Sequence[Country] = ()) -> None:
        """Replace the rows (one presentation's interests: a handful, rebuilt cheaply).

        ``unsaved`` countries (typed while the disk refused them) follow, dimmed and marked, so
        the facilitator sees they are kept but not yet counted; they cannot be selected for
        withdraw, channel or note until they are saved.
        """
        keep = self.cursor_row
        self.clear()
        origins = show_origins(self.app, interests)
        if origins and "from" not in self.columns:
            self.add_column("From", key="from")
        elif not origins and "from" in self.columns:
            self.remove_column("from")
        self._interests = {i.uid: i for i in interests}
        for interest in interests:
            self.add_row(
                cell(interest.country.name),
                cell(interest.channel.label, CHANNEL_STYLE[interest.channel]),
                cell(interest.note, "italic"),
                *([cell(" + ".join(interest.captured_on), "dim")] if origins else []),
                key=interest.uid,
            )
        for number, country in enumerate(unsaved):
            self.add_row(
                cell(country.name, "dim italic"),
                cell("not saved yet", "dim reverse"),
                *[cell("")] * (len(self.columns) - 2),
                key=f"unsaved:{number}",
            )
        rows = len(interests) + len(unsaved)
        if rows:
            self.move_cursor(row=min(keep, rows - 1), animate=False)

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

"""The conflicts view: fields two laptops changed differently, each value with its laptop.

The workshop shows the newest value meanwhile; Enter keeps the highlighted value instead (or
confirms the shown one), which is a write like any other: undoable, and merged to the other
laptops so the conflict ends there too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from matchdesk.store import Candidate, Change, Conflict, MatchdeskError, conflicts
from matchdesk.tui.host import host
from matchdesk.tui.keys import bindings
from matchdesk.tui.session import Session
from matchdesk.tui.text import cell, count, plain
from matchdesk.tui.widgets.footer import KeyFooter


class ConflictsScreen(Screen[None]):
    """One row per value of each conflicting field; Enter keeps the highlighted one. A screen
    of its own (as the board), so ctrl+z undoes a pick right here."""

    KEY_SCOPES = ("conflicts",)
    BINDINGS = bindings("conflicts")
    # The whole terminal, with a footer of its own (Keep, Back, undo) at 80x24 and 60x18.
    DEFAULT_CSS = """
    ConflictsScreen { align: center middle; }
    ConflictsScreen > Vertical {
        width: 110; max-width: 100%; height: 1fr; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    ConflictsScreen #conflicts-title { text-style: bold; height: auto; }
    ConflictsScreen DataTable { height: 1fr; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._rows: dict[str, tuple[Conflict, Candidate]] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="conflicts-title")
            yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#conflicts", DataTable)
        # Widths shared out of the screen's (titles are long; every column must stay in view).
        room = max(self.app.size.width, 60) - 18
        for label, key, share in (
            ("Record", "record", 0.36),
            ("Field", "field", 0.15),
            ("Value", "value", 0.27),
            ("Laptop", "device", 0.13),
            ("", "shown", 0.09),
        ):
            table.add_column(label, key=key, width=max(int(room * share), len(label), 5))
        host(self).workshop_changed.subscribe(self, self._changed)
        self.refresh_rows()
        table.focus()

    def _changed(self, _: Change) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        table = self.query_one("#conflicts", DataTable)
        keep = table.cursor_row
        table.clear()
        self._rows.clear()
        found = conflicts(self.session.workshop)
        for number, conflict in enumerate(found):
            for n, candidate in enumerate(conflict.candidates):
                key = f"{number}:{n}"
                self._rows[key] = (conflict, candidate)
                table.add_row(
                    cell(conflict.record if n == 0 else ""),
                    cell(conflict.field_name if n == 0 else ""),
                    cell(candidate.text, "bold" if candidate.shown else ""),
                    cell(candidate.device, "dim"),
                    cell("shown" if candidate.shown else "", "dim italic"),
                    key=key,
                )
        title = self.query_one("#conflicts-title", Static)
        if found:
            title.update(
                plain(
                    f"{count(len(found), 'field')} changed differently on two laptops. The "
                    "newest value is shown meanwhile. Enter keeps the highlighted value; Esc "
                    "goes back."
                )
            )
        else:
            title.update(plain("No conflicts: every field has one value. Esc goes back."))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)

    def action_pick(self) -> None:
        table = self.query_one("#conflicts", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value or ""
        conflict, candidate = self._rows[key]
        if self.session.read_only:
            self.notify(self.session.read_only_sentence(), severity="error")
            return
        try:
            self.session.pick(conflict, candidate)
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.notify(f"Kept {candidate.text} as {conflict.field_name} of {conflict.record}.")

    def action_close(self) -> None:
        self.dismiss()

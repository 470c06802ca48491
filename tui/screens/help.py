"""The key table, from the same list that makes the bindings (so it cannot drift)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from matchdesk.tui.keys import KEYS, SCOPES, bindings, pretty_keys
from matchdesk.tui.text import cell


class HelpScreen(ModalScreen[None]):
    """Every key, where it works and what it does; Escape or F1 closes."""

    KEY_SCOPES = ("help",)
    BINDINGS = bindings("help")
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 110; max-width: 100%; height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; height: auto; }
    HelpScreen DataTable { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "matchdesk keys — every action is also in the command palette (ctrl+p). "
                "Esc closes.",
                id="help-title",
            )
            yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_column("Where", key="where")
        table.add_column("Keys", key="keys")
        table.add_column("What it does", key="what")
        for key in KEYS:
            table.add_row(
                cell(SCOPES[key.scope], "dim"), cell(pretty_keys(key.keys), "bold"), cell(key.help)
            )
        table.focus()

    def action_close(self) -> None:
        self.dismiss()

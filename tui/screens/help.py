"""The key table, from the same list that makes the bindings (so it cannot drift)."""

from __future__ import annotations

from itertools import groupby

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from matchdesk.tui.keys import KEYS, SCOPES, Key, bindings, pretty_keys

# Every block's key column as wide as the widest, so the descriptions line up.
KEYS_WIDTH = max(len(pretty_keys(key.keys)) for key in KEYS)


def scope_table(keys: list[Key]) -> Table:
    """One scope's keys and what they do; descriptions wrap under themselves, never cut."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column("keys", no_wrap=True, style="bold", min_width=KEYS_WIDTH)
    table.add_column("what", ratio=1)
    for key in keys:
        table.add_row(Text(pretty_keys(key.keys)), Text(key.help))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key, where it works and what it does, one block per place; Escape or F1 closes.
    Arrow and page keys scroll."""

    KEY_SCOPES = ("help",)
    BINDINGS = bindings("help")
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 100; max-width: 100%; height: 100%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; height: auto; }
    HelpScreen #keys { height: 1fr; }
    HelpScreen .scope { height: auto; text-style: bold; color: $accent; margin-top: 1; }
    HelpScreen .scope-keys { height: auto; padding-left: 2; }
    """

    def __init__(self, *, read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only  # a read-only window's help leaves out the keys that write

    def compose(self) -> ComposeResult:
        shown = [key for key in KEYS if not (self.read_only and key.writes)]
        with Vertical():
            yield Static(
                "matchdesk keys — every action is also in the command palette (ctrl+p). "
                "Esc closes; arrows scroll.",
                id="help-title",
            )
            with VerticalScroll(id="keys", can_focus=True):
                for scope, keys in groupby(shown, key=lambda key: key.scope):
                    yield Static(SCOPES[scope], classes="scope")
                    yield Static(scope_table(list(keys)), classes="scope-keys")

    def on_mount(self) -> None:
        self.query_one("#keys").focus()

    def action_close(self) -> None:
        self.dismiss()

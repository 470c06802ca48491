"""The app ``matchdesk network FOLDER`` runs: the network screen on its own, no workshop open.

It only reads workshop files (they may be open in another matchdesk meanwhile); the keys that
change a workshop (undo, redo, save) have nothing to act on here and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from matchdesk.store import EVERY_WORKSHOP, Filters
from matchdesk.tui.accessibility import CursorFollowsFocus
from matchdesk.tui.commands import MatchdeskCommands, theme_only
from matchdesk.tui.keys import bindings
from matchdesk.tui.screens.network import NetworkScreen
from matchdesk.tui.text import PlainNotifications
from matchdesk.tui.theme import use_themes

# The app-wide keys that make sense without a workshop.
_KEPT = ("quit", "help", "command_palette")


class NetworkApp(CursorFollowsFocus, PlainNotifications, App[int]):
    """The network view of the workshop files under ``paths``."""

    TITLE = "matchdesk network"
    CSS_PATH = "high_contrast.tcss"
    KEY_SCOPES = ("app",)
    BINDINGS = [b for b in bindings("app") if isinstance(b, Binding) and b.action in _KEPT]  # noqa: RUF012
    COMMANDS = App.COMMANDS | {MatchdeskCommands}

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return theme_only(self)

    def __init__(self, paths: Sequence[Path], filters: Filters = EVERY_WORKSHOP) -> None:
        super().__init__()
        use_themes(self)
        self.paths = list(paths)
        self.filters = filters

    def get_default_screen(self) -> Screen:
        return NetworkScreen(self.paths, self.filters)

    def on_mount(self) -> None:
        self.sub_title = ", ".join(p.name or str(p) for p in self.paths)

    def action_help(self) -> None:
        from matchdesk.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

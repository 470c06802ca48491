"""The matchdesk Textual app and ``make_app``, the one factory the CLI and the tests share."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from matchdesk.store.workshop import Workshop
from matchdesk.tui.commands import MatchdeskCommands
from matchdesk.tui.keys import bindings
from matchdesk.tui.screens.capture import CaptureScreen
from matchdesk.tui.session import Change, Session


class MatchdeskApp(App[int]):
    """Holds one open workshop (and its write lock) for as long as it runs."""

    CSS_PATH = "app.tcss"
    TITLE = "matchdesk"
    KEY_SCOPES = ("app",)
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {MatchdeskCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    def __init__(self, session: Session, *, notice: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.notice = notice
        self.workshop_changed: Signal[Change] = Signal(self, "workshop_changed")
        session.listeners.append(self.workshop_changed.publish)

    def get_default_screen(self) -> Screen:
        return CaptureScreen(self.session)

    def on_mount(self) -> None:
        self.sub_title = self.session.workshop.path.name
        if self.notice:
            self.notify(self.notice, title="matchdesk", timeout=12)

    def on_unmount(self) -> None:
        self.session.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo, redo and help wait while a dialog is open (it may hold unsaved typing)."""
        return not (action in ("undo", "redo", "help") and isinstance(self.screen, ModalScreen))

    def action_undo(self) -> None:
        label, _ = self.session.undo()
        if label is None:
            self.notify("Nothing to undo in this session.", severity="warning")
        else:
            self.notify(f"Undone: {label}.")

    def action_redo(self) -> None:
        label, _ = self.session.redo()
        if label is None:
            self.notify("Nothing to redo.", severity="warning")
        else:
            self.notify(f"Redone: {label}.")

    def action_help(self) -> None:
        from matchdesk.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())


def make_app(path: str | os.PathLike[str], *, notice: str | None = None) -> MatchdeskApp:
    """Open ``path`` for writing (created if missing) and build the app around it.

    Raises the store's errors (e.g. ``WorkshopLocked``) before any screen is drawn, so the CLI
    can print one sentence and exit 1. The app closes the workshop when it exits.
    """
    workshop = Workshop.open(Path(path))
    try:
        session = Session(workshop)
    except BaseException:
        workshop.close()
        raise
    return MatchdeskApp(session, notice=notice)

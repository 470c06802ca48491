"""Save to another file: continue the workshop in a new file when this disk fails."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from matchdesk.store import MatchdeskError
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.session import Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.plain_input import PlainInput
from matchdesk.tui.widgets.save_banner import entries


def default_target(current: Path) -> Path:
    """A new file name in the user data folder (on the laptop, not the failing stick), or in
    the home folder when the workshop already lives in the data folder."""
    from platformdirs import user_data_path

    data = user_data_path("matchdesk", appauthor=False)
    with contextlib.suppress(OSError):
        data.mkdir(parents=True, exist_ok=True)
    folder = data
    if not data.is_dir() or current.absolute().is_relative_to(data.absolute()):
        folder = Path.home()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = current.suffix or ".json"
    target = folder / f"{current.stem}-{stamp}{suffix}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{current.stem}-{stamp}-{counter}{suffix}"
    return target


def refusal(path: Path) -> str:
    """Why ``path`` cannot take the workshop, in plain words ("" when it can)."""
    if path.is_dir():
        return f"{path} is a folder: add a file name, e.g. {path / 'workshop.json'}."
    if path.exists():
        return f"{path} already exists; matchdesk never overwrites a file. Choose a new name."
    if not path.parent.is_dir():
        return f"The folder {path.parent} does not exist."
    return ""


class SaveAsDialog(Dialog[Path]):
    """Asks for a new file, moves the workshop there (``Session.save_as``), returns the path.

    The save happens inside the dialog so a refusal (the name exists, that disk is full too) is
    shown where the path can be corrected.
    """

    def __init__(self, session: Session, default: Path | None = None) -> None:
        super().__init__()
        self._session = session
        self._default = default or default_target(session.workshop.path)

    def compose(self) -> ComposeResult:
        unsaved = self._session.unsaved
        waiting = f", then the {entries(unsaved)} not saved yet" if unsaved else ""
        with Vertical(classes="dialog-body"):
            yield Static("Save to another file", classes="dialog-title")
            yield Static(
                plain(
                    "matchdesk continues this workshop in a new file: everything saved so far "
                    f"is written there{waiting}. {self._session.workshop.path} is left as it "
                    "is. Enter saves, Esc cancels."
                )
            )
            yield PlainInput(
                str(self._default), placeholder="a new file, e.g. ~/rescue.json", id="path"
            )
            yield Static("", classes="dialog-error")

    @on(Input.Submitted)
    def action_save(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.show_error("Type the path of a new file.")
            return
        path = Path(text).expanduser().absolute()
        problem = refusal(path)
        if problem:
            self.show_error(problem)
            return
        try:
            self._session.save_as(path)
        except MatchdeskError as error:
            self.show_error(str(error))
            return
        self.dismiss(path)

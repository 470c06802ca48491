"""Small one-field dialogs: go to a presentation number, write a note."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.plain_input import PlainInput


class GotoDialog(Dialog[int]):
    """Asks for a presentation number (1-based); returns it."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self._count = count

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static(f"Go to presentation (1–{self._count})", classes="dialog-title")
            yield PlainInput(type="integer", placeholder="number, then Enter", id="number")
            yield Static("", classes="dialog-error")

    @on(Input.Submitted)
    def action_save(self) -> None:
        text = self.query_one("#number", Input).value.strip()
        number = int(text) if text.isdigit() else 0
        if not 1 <= number <= self._count:
            self.show_error(f"Type a number from 1 to {self._count}.")
            return
        self.dismiss(number)


class NoteDialog(Dialog[str]):
    """Edits the note of one interest; returns the new text ("" clears it)."""

    def __init__(self, country: str, note: str) -> None:
        super().__init__()
        self._country = country
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static(plain(f"Note on {self._country}"), classes="dialog-title")
            yield PlainInput(self._note, placeholder="e.g. wants a field visit", id="note")
            yield Static("", classes="dialog-error")

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.dismiss(self.query_one("#note", Input).value)

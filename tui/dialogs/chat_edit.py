"""Changing a chat proposal's presentation or country before accepting it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from matchdesk.store import Proposal
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.plain_input import PlainInput


class ProposalDialog(Dialog[tuple[int, str]]):
    """Asks for the presentation number and the country; returns both (as typed)."""

    LAST_FIELD = "country"

    def __init__(self, proposal: Proposal, count: int) -> None:
        super().__init__()
        self._proposal = proposal
        self._count = count

    def compose(self) -> ComposeResult:
        message = self._proposal.message
        with Vertical(classes="dialog-body"):
            yield Static("Change the proposal", classes="dialog-title")
            yield Static(plain(f"{message.clock} {message.sender}: {message.text}"))
            yield Label(f"Presentation (1–{self._count})")
            yield PlainInput(str(self._proposal.number), type="integer", id="number")
            yield Label("Country (as in the capture input: name or code)")
            yield PlainInput(self._proposal.country.name, id="country")
            yield Static("", classes="dialog-error")
            yield self.button_row("Change")

    def action_save(self) -> None:
        text = self.value_of("number").strip()
        number = int(text) if text.isdigit() else 0
        if not 1 <= number <= self._count:
            self.show_error(f"Type a presentation number from 1 to {self._count}.")
            return
        country = self.value_of("country").strip()
        if not country:
            self.show_error("Type a country.")
            return
        self.dismiss((number, country))

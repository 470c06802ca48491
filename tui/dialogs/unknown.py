"""An unknown country name: pick a suggestion or, after a confirmation, create a custom country.

Fuzzy matches only suggest; nothing is recorded under a name the facilitator did not choose.
The question appears in the middle of typing, so keys typed before it (or while typing goes
on) never answer it (``Dialog.typed_ahead``); creating a country takes two answers: the option,
then "y" on the confirmation.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from matchdesk.store import Country
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.text import plain

CUSTOM = "__custom__"


class UnknownCountryDialog(Dialog[Country | str]):
    """Returns the chosen ``Country``, or the name (``str``) to create as a custom country."""

    def __init__(self, name: str, suggestions: list[Country]) -> None:
        super().__init__(unbidden=True)  # it appears in the middle of typing
        self._name = name
        self._suggestions = {c.code: c for c in suggestions}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static(
                plain(f"“{self._name}” is not a country matchdesk knows. Did you mean:"),
                classes="dialog-title",
            )
            options = [
                Option(
                    plain(
                        f"{c.name}  ({c.code})"
                        if c.name == c.official_name
                        else f"{c.name}  ({c.official_name}, {c.code})"
                    ),
                    id=c.code,
                )
                for c in self._suggestions.values()
            ]
            options.append(
                Option(
                    plain(f"Add “{self._name}” as a custom country (not an ISO country)…"),
                    id=CUSTOM,
                )
            )
            yield OptionList(*options, id="choices")
            yield Static("Enter chooses · Escape leaves the name in the input", classes="hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id != CUSTOM:
            self.dismiss(self._suggestions[event.option_id or ""])
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(self._name)

        self.app.push_screen(
            ConfirmDialog(
                f"Create the custom country “{self._name}”? It will never be matched to an "
                "ISO country, and later entries can use it by name.",
                yes="Create",
                no="Back",
                unbidden=True,
            ),
            confirmed,
        )

"""An unknown country name: pick a suggestion or, after a confirmation, create a custom country.

Fuzzy matches only suggest; nothing is recorded under a name the facilitator did not choose.
The question appears in the middle of typing, so keys typed before it (or while typing goes
on) never answer it (``Dialog.typed_ahead``); creating a country takes two answers: the option,
then "y" on the confirmation.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def _either(names: Sequence[str]) -> str:
    """``A or B``; ``A, B or C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


class UnknownCountryDialog(Dialog[Country | str]):
    """Returns the chosen ``Country``, or the name (``str``) to create as a custom country.

    ``meanings``: the countries a name that means several stands for ("Korea"); then only
    those are offered (a custom country under that name would hide the one meant).
    """

    def __init__(
        self, name: str, suggestions: Sequence[Country], meanings: Sequence[Country] = ()
    ) -> None:
        super().__init__(unbidden=True)  # it appears in the middle of typing
        self.typed = name
        self.meanings = tuple(meanings)
        shown = self.meanings or suggestions
        self._suggestions = {c.code: c for c in shown}

    def question(self) -> str:
        """What happened, in one sentence, then what the list offers."""
        name = f"“{self.typed}”"
        if self.meanings:
            return f"{name} could mean {_either([c.name for c in self.meanings])}. Which one?"
        if self._suggestions:
            return (
                f"{name} is not a country matchdesk knows. Choose the one meant, "
                "or add it as a custom country."
            )
        return (
            f"{name} is not a country matchdesk knows, nor close to one. Add it as a custom "
            "country, or press Escape to correct it."
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static(plain(self.question()), classes="dialog-title")
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
            if not self.meanings:
                options.append(
                    Option(
                        plain(f"Add “{self.typed}” as a custom country (not an ISO country)…"),
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
                self.dismiss(self.typed)

        self.app.push_screen(
            ConfirmDialog(
                f"Create the custom country “{self.typed}”? It will never be matched to an "
                "ISO country, and later entries can use it by name.",
                yes="Create",
                no="Back",
                unbidden=True,
            ),
            confirmed,
        )

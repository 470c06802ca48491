"""A yes/no question, answered with y / n (or Escape) or the buttons."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.keys import bindings
from matchdesk.tui.text import plain


class ConfirmDialog(Dialog[bool], inherit_bindings=False):
    """Returns True only when the user says yes (its keys are y / n, not save / cancel).

    Enter presses the focused button, "No" at first; ``unbidden`` (see ``Dialog``) makes "y"
    count only once the typing that preceded the question has stopped.
    """

    BINDINGS = bindings("confirm")
    DEFAULT_CSS = """
    ConfirmDialog > .dialog-body { width: 64; border: thick $warning; }
    ConfirmDialog #question { margin: 1 0 0 0; }
    """

    ANSWER_KEYS = frozenset({"y", "n"})

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", *, unbidden: bool = False
    ) -> None:
        super().__init__(unbidden=unbidden)
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static(plain(self._question), id="question")
            yield Horizontal(
                Button(f"{self._yes} (y)", variant="warning", id="yes"),
                Button(f"{self._no} (n)", id="no"),
                classes="dialog-buttons",
            )

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed, "#yes, #no")
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

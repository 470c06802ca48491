"""A text field that never echoes a control character to the terminal.

Textual's ``Input`` draws its value as it is: a pasted ``ESC [31m`` or ``ESC ] 0;title BEL``
reaches the terminal as an escape sequence (colours, window title, clipboard). Here a pasted or
programmatic value loses its control characters (as the store would drop them anyway), and the
bidirectional overrides that survive are drawn as visible stand-ins.
"""

from __future__ import annotations

from typing import Any

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input

from matchdesk.tui.text import typed, visible


class VisibleControls(Highlighter):
    """Draws the value with ``visible()`` (same length, so the cursor stays where it is)."""

    def __call__(self, text: str | Text) -> Text:
        shown = text.copy() if isinstance(text, Text) else Text(text)
        shown.plain = visible(shown.plain)
        return shown

    def highlight(self, text: Text) -> None:
        pass


class PlainInput(Input):
    """An ``Input`` for user text: control characters are dropped, never drawn raw."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # all of Input's, handed on
        kwargs.setdefault("highlighter", VisibleControls())
        super().__init__(*args, **kwargs)

    def on_mount(self) -> None:
        # TEXTUAL_ANIMATIONS=none (or an app set to no animation) also stops the caret
        # blinking: a steady caret for people who find blinking hard, and a picture that is
        # the same in every run for the snapshot tests.
        if self.app.animation_level == "none":
            self.cursor_blink = False

    def validate_value(self, value: str) -> str:
        return typed(value)

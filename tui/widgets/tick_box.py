"""A check box that a screen reader reads right.

Textual's ``Checkbox`` always draws its "X" and hides it when unchecked by painting it in its
background's colour: a screen reader or braille display, which reads characters, not colours,
reads "X" on an unchecked box. This one draws the mark only when the box is checked.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """``Checkbox`` whose mark is there in the text only when it is checked."""

    def render(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super().render()

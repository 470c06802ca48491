"""A screen whose first frame is drawn once, laid out for the terminal it is drawn in.

As an app starts, Textual styles the first screen's widgets as they mount, then again as the
screen is resumed; it sets the breakpoint classes (``-narrow``, ``-short``) only on a resize,
and two resizes to the terminal's size reach the screen just after its first frame. For the
capture screen that was three whole frames where one was needed, the first of them without its
breakpoints (the wide layout at 80x24), and every widget styled twice before the first.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from matchdesk.tui.textual_compat import breakpoint_classes, laid_out_at


class FirstFrame(Screen[None]):
    """A screen whose subclass composes as any screen does; the handlers below do the rest."""

    _resumed = False

    def on_compose(self) -> None:
        """The breakpoint classes for the terminal's size, before ``compose`` makes any widget
        (Textual calls this handler before its own, which composes)."""
        self.update_classes(breakpoint_classes(self, self.app.size), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """A resize to the size laid out, its breakpoints set, has nothing to change."""
        if laid_out_at(self, event.size):
            event.prevent_default()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first resume follows the mount, which styled every widget: none is restyled.
        Later ones (back from a dialog or the board) are Textual's to decide."""
        if not self._resumed:
            event.refresh_styles = False
        self._resumed = True

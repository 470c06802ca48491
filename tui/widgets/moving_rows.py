"""The keys that move a line-drawn list's highlight, for every such list (interests,
possibilities); kept apart from the key table's rows (``tui/keys.py``), which each list binds."""

from __future__ import annotations

from textual.binding import Binding
from textual.scroll_view import ScrollView

# A list implements ``action_move(delta)`` and ``action_page(direction)``.
MOVING_KEYS = (
    Binding("up", "move(-1)", show=False),
    Binding("down", "move(1)", show=False),
    Binding("pageup", "page(-1)", show=False),
    Binding("pagedown", "page(1)", show=False),
    Binding("home", "move(-1_000_000)", show=False),
    Binding("end", "move(1_000_000)", show=False),
)


class MovingRows(ScrollView, can_focus=True):
    """A list whose highlight the moving keys move (the subclass says how)."""

    BINDINGS = [*MOVING_KEYS]  # noqa: RUF012

    def action_move(self, delta: int) -> None:
        """Move the highlight ``delta`` rows (the subclass says how)."""

    def action_page(self, direction: int) -> None:
        """Move the highlight a page up (-1) or down (1)."""

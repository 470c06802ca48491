"""The footer, trimmed to the keys that matter most when the terminal is narrow."""

from __future__ import annotations

from itertools import pairwise
from typing import Unpack

from textual.widget import Widget
from textual.widgets import Footer

from matchdesk.tui.keys import FOOTER_FIRST_TO_GO
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.textual_compat import FooterKey, FooterLabel


def _rank(action: str) -> int:
    """How early an action leaves a narrow footer: 0 never, higher sooner."""
    name = action.rpartition(".")[2]
    if name not in FOOTER_FIRST_TO_GO:
        return 0
    return len(FOOTER_FIRST_TO_GO) - FOOTER_FIRST_TO_GO.index(name)


class KeyFooter(Footer):
    """A compact footer that hides its least needed keys (``FOOTER_FIRST_TO_GO``) until the
    rest fits on one line: at 80 columns nothing is cut mid-word. Hidden keys stay in help and
    the command palette."""

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(compact=True, show_command_palette=False, **kwargs)
        self._widths: list[int] = []

    async def recompose(self) -> None:
        """The keys change with the focus: measure the new ones once laid out, then trim."""
        await super().recompose()
        self._widths = []
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.fit()

    def _items(self) -> list[tuple[list[Widget], int]]:
        """Each key (or key group with its label) and its rank."""
        items: list[tuple[list[Widget], int]] = []
        for child in self.children:
            if isinstance(child, FooterLabel) and items:
                items[-1][0].append(child)
                continue
            keys = [child] if isinstance(child, FooterKey) else list(child.query(FooterKey))
            items.append(([child], min((_rank(k.action) for k in keys), default=0)))
        return items

    def _covered(self) -> bool:
        """Whether an opaque screen (the board) hides this one; a dialog's backdrop does not."""
        stack = self.app.screen_stack
        above = stack[stack.index(self.screen) + 1 :] if self.screen in stack else []
        return any(screen.styles.background.a == 1 for screen in above)

    def fit(self) -> None:
        """Show every key, then hide the first to go until the line fits the width."""
        items = self._items()
        if not items or not self.size.width:
            return
        if len(self._widths) != len(items):
            widgets = [w for group, _ in items for w in group]
            if not all(w.display and w.outer_size.width for w in widgets):
                for widget in widgets:  # not laid out yet, or trimmed for another width
                    widget.display = True
                if not self._covered():  # a covered screen is not laid out: waiting for it
                    self.call_after_refresh(self.fit)  # would poll every frame meanwhile
                return
            starts = [widgets[0].virtual_region.x for widgets, _ in items]
            last = items[-1][0][-1]
            starts.append(last.virtual_region.right)
            self._widths = [b - a for a, b in pairwise(starts)]
        total = sum(self._widths)
        hidden: set[int] = set()
        for index in sorted(range(len(items)), key=lambda i: -items[i][1]):
            if total <= self.size.width or items[index][1] == 0:
                break
            hidden.add(index)
            total -= self._widths[index]
        for index, (widgets, _) in enumerate(items):
            for widget in widgets:
                widget.display = index not in hidden

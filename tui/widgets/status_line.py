"""Lines that must stay whole at any width: the running totals, the highlighted presentation."""

from __future__ import annotations

from typing import Unpack

from textual.content import Content
from textual.widgets import Static

from matchdesk.store import Totals
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import clip, visible, word_for

# The totals' words (one, many), longest first; the line uses the longest that fits its width.
_Word = tuple[str, str]
_POSSIBILITIES: _Word = ("possibility", "possibilities")
_PRESENTATIONS: _Word = ("presentation", "presentations")
_INTERESTED: _Word = ("interested", "interested")
_INVOLVED: _Word = ("involved", "involved")
_WORDINGS: tuple[tuple[_Word, _Word, _Word, _Word], ...] = (
    (
        ("possibility for partnership", "possibilities for partnership"),
        _PRESENTATIONS,
        ("interested country", "interested countries"),
        ("country involved", "countries involved"),
    ),
    (
        _POSSIBILITIES,
        _PRESENTATIONS,
        ("interested country", "interested countries"),
        ("country involved", "countries involved"),
    ),
    (_POSSIBILITIES, _PRESENTATIONS, _INTERESTED, ("country involved", "countries involved")),
    (_POSSIBILITIES, _PRESENTATIONS, _INTERESTED, _INVOLVED),
    (_POSSIBILITIES, ("pres.", "pres."), _INTERESTED, _INVOLVED),
    (("poss.", "poss."), ("pres.", "pres."), ("int.", "int."), ("inv.", "inv.")),
)


def totals_content(totals: Totals, width: int) -> Content:
    """The four headline numbers in the longest wording that fits ``width`` cells."""
    numbers = (
        totals.interests,
        totals.presentations,
        totals.interested_countries,
        totals.countries_involved,
    )
    for words in _WORDINGS:
        parts = [
            Content.assemble((f"{n:,}", "bold $accent"), f" {word_for(n, *w)}")
            for n, w in zip(numbers, words, strict=True)
        ]
        line = Content(" · ").join(parts)
        if line.cell_length <= width:
            break
    return line


class TotalsLine(Static):
    """The running totals in one line, in view at every size (the tallies panel gives way on a
    narrow terminal). Given the totals after each ``Change`` (values, never the workshop: a
    read-only window swaps its workshop as it follows the file)."""

    DEFAULT_CSS = """
    TotalsLine { height: 1; padding: 0 1; background: $boost; text-wrap: nowrap; }
    """

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self._totals: Totals | None = None  # kept to choose the wording again on resize

    def on_resize(self) -> None:
        if self._totals is not None:
            self.show(self._totals)

    def show(self, totals: Totals) -> None:
        # One line whatever it says: no layout pass for the screen on each capture.
        self._totals = totals
        self.update(totals_content(totals, self.content_size.width or 80), layout=False)


class CurrentLine(Static):
    """The highlighted presentation: its title gives way (ellipsis) so its count never does.
    ``content`` keeps the whole line; only what is drawn is clipped to the width."""

    DEFAULT_CSS = """
    CurrentLine { height: 1; text-wrap: nowrap; }
    """

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self._head = ""
        self._tail = Content("")

    def show(self, head: str, tail: str = "") -> None:
        """``head`` (user text, clipped to fit) then `` · tail`` (kept whole)."""
        self._head = head
        self._tail = Content(f" · {tail}") if tail else Content("")
        self.update(Content.assemble(visible(head), self._tail), layout=False)  # one line

    def render(self) -> Content:
        room = (self.content_size.width or 80) - self._tail.cell_length
        return Content.assemble(visible(clip(self._head, room)), self._tail)

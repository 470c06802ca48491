"""Large letters and digits for the board, in the largest size that fits the space given.

FIGlet fonts (pyfiglet) draw the letters: ``future`` (3 rows, box lines) and ``ansi_regular``
(5 rows of full blocks), the latter also doubled and tripled (10, 15 rows) since full blocks
scale without losing their shape. Text a font cannot draw (beyond Latin letters once accents
are set aside) is shown as ordinary bold text instead: never a wrong or missing letter.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Unpack

from pyfiglet import Figlet
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import visible

# (font, scale), smallest first; a scale of 2 doubles each cell across and down.
LADDER: tuple[tuple[str, int], ...] = (
    ("future", 1),
    ("ansi_regular", 1),
    ("ansi_regular", 2),
    ("ansi_regular", 3),
)


# Typographic punctuation the fonts lack, as the ASCII they draw.
_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def drawable(text: str) -> str | None:
    """``text`` as the fonts can draw it (accents set aside: "Côte" -> "Cote"), or None."""
    folded = "".join(
        c
        for c in unicodedata.normalize("NFKD", text.translate(_ASCII))
        if not unicodedata.combining(c)
    )
    return folded if folded.isascii() and folded.isprintable() else None


@cache
def _figlet(font: str) -> Figlet:
    return Figlet(font=font, width=100_000)


@cache
def render_big(text: str, font: str, scale: int = 1) -> tuple[str, ...]:
    """``text`` (drawable) in ``font``, blank rows and the common right margin trimmed."""
    lines = _figlet(font).renderText(text).split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    width = max((len(line.rstrip()) for line in lines), default=0)
    lines = [line[:width].ljust(width) for line in lines]
    if scale > 1:
        lines = ["".join(c * scale for c in line) for line in lines for _ in range(scale)]
    return tuple(lines)


def _wrapped(words: list[str], font: str, scale: int, width: int) -> list[str] | None:
    """``words`` in lines that each draw within ``width`` (greedy), or None."""
    lines: list[str] = []
    for word in words:
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and len(render_big(candidate, font, scale)[0]) <= width:
            lines[-1] = candidate
        elif len(render_big(word, font, scale)[0]) <= width:
            lines.append(word)
        else:
            return None
    return lines


def fit_big(text: str, width: int, rows: int, *, wrap: bool = False) -> tuple[str, ...] | None:
    """The largest rendering of ``text`` within ``width`` x ``rows`` cells (over several lines
    when ``wrap``, a blank row between them), or None when even the smallest does not fit."""
    folded = drawable(text)
    if folded is None or not folded.strip():
        return None
    best = None
    for font, scale in LADDER:
        height = len(render_big("0", font, scale))
        if height > rows:
            break
        if not wrap:
            lines = render_big(folded, font, scale)
            if len(lines[0]) <= width:
                best = lines
            continue
        parts = _wrapped(folded.split(), font, scale, width)
        if parts is not None and len(parts) * (height + 1) - 1 <= rows:
            drawn: list[str] = []
            for part in parts:
                drawn += [*([""] if drawn else []), *render_big(part, font, scale)]
            best = tuple(drawn)
    return best


class BigText(Widget):
    """Text as large as ``max_rows`` and the width allow (over several lines when ``wrap``);
    ordinary bold text, wrapped, when no font fits or can draw it. Never markup."""

    DEFAULT_CSS = """
    BigText { height: auto; width: 1fr; }
    """

    def __init__(
        self,
        text: str = "",
        *,
        max_rows: int = 3,
        wrap: bool = False,
        **kwargs: Unpack[WidgetOptions],
    ) -> None:
        super().__init__(**kwargs)
        self._text = text
        self.max_rows = max_rows
        self.wrap = wrap

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str, max_rows: int | None = None) -> None:
        """Draw ``text`` (at most ``max_rows`` high); lays out again only when it changed."""
        rows = self.max_rows if max_rows is None else max_rows
        if (text, rows) == (self._text, self.max_rows):
            return
        self._text, self.max_rows = text, rows
        self.refresh(layout=True)

    def big_lines(self, width: int) -> tuple[str, ...] | None:
        return fit_big(self._text, width, self.max_rows, wrap=self.wrap)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        lines = self.big_lines(container.width)
        return len(lines[0]) if lines else Content(visible(self._text)).cell_length

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = self.big_lines(width)
        if lines is not None:
            return len(lines)
        return max(len(Content(visible(self._text)).wrap(max(width, 1))), 1)

    def render(self) -> Content:
        lines = self.big_lines(self.content_size.width)
        if lines is None:
            return Content.styled(visible(self._text), "bold")
        return Content("\n".join(lines))

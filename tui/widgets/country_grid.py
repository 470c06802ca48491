"""The interested countries of one presentation, as large as the space allows (the board)."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Unpack

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import fit, visible
from matchdesk.tui.widgets.bigtext import LADDER, drawable, render_big

GAP = 3  # columns between names
FRESH = "bold reverse $success"


@dataclass(frozen=True)
class Name:
    """A country on the board; ``fresh`` while it has just been captured."""

    text: str
    fresh: bool = False


def _cell(name: Name, font: str, scale: int, height: int) -> list[str]:
    """A name drawn ``height`` rows high (plain bold on its middle row if no font draws it)."""
    folded = drawable(name.text)
    if folded is not None:
        return list(render_big(folded, font, scale))
    middle = height // 2
    return [visible(name.text) if row == middle else "" for row in range(height)]


def grid_content(names: list[Name], width: int, height: int) -> Content:
    """``names`` in reading order, in the largest font and fewest columns that fit."""
    if not names:
        return Content.styled("No interest yet.", "dim")
    count = len(names)
    for font, scale in reversed(LADDER):
        rows = len(render_big("0", font, scale))
        for columns in range(1, count + 1):
            lines = ceil(count / columns)
            if lines * (rows + 1) - 1 > height:
                continue
            column_width = (width - GAP * (columns - 1)) // columns
            cells = [_cell(n, font, scale, rows) for n in names]
            if all(cell_len(line) <= column_width for cell in cells for line in cell):
                return _assemble(names, cells, columns, column_width, rows)
            break  # more columns only narrows them: try a smaller font
    widest = max(cell_len(visible(n.text)) for n in names)  # terminal cells: 中国 takes 4
    columns = max(min(count, (width + GAP) // (widest + GAP)), 1)
    columns = max(columns, ceil(count / max(height, 1)))
    column_width = max((width - GAP * (columns - 1)) // columns, 1)
    cells = [[visible(n.text)] for n in names]  # cut to the column as assembled (text.fit)
    return _assemble(names, cells, columns, column_width, 1, gap_rows=0)


def _assemble(
    names: list[Name],
    cells: list[list[str]],
    columns: int,
    width: int,
    rows: int,
    *,
    gap_rows: int = 1,
) -> Content:
    out: list[Content] = []
    for start in range(0, len(names), columns):
        if out and gap_rows:
            out += [Content("")] * gap_rows
        group = range(start, min(start + columns, len(names)))
        for row in range(rows):
            parts: list[Content | str | tuple[str, str]] = []
            for index in group:
                text = cells[index][row] if row < len(cells[index]) else ""
                padded = fit(text, width)
                parts.append((padded, FRESH) if names[index].fresh else padded)
                parts.append(" " * GAP)
            out.append(Content.assemble(*parts[:-1]))
    return Content("\n").join(out)


class CountryGrid(Widget):
    """Fills its area: as few columns and as large letters as the names allow."""

    DEFAULT_CSS = """
    CountryGrid { height: 1fr; width: 1fr; color: $text; }
    """

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self._names: list[Name] = []

    def show(self, names: list[Name]) -> None:
        if names != self._names:
            self._names = names
            self.refresh()

    @property
    def names(self) -> list[Name]:
        return list(self._names)

    def render(self) -> Content:
        size = self.content_size
        return grid_content(self._names, size.width or 80, size.height or 10)

"""A line-drawn list under one line of column titles, with the look of Textual's DataTable: the
agenda and the interest list. Only the lines on screen are drawn, each kept by what it shows, so
a capture repaints a line or two and lays nothing out."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Unpack

from rich.style import Style
from textual import events
from textual.geometry import Offset
from textual.strip import Strip

from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.widgets.moving_rows import MovingRows


class TitledRows(MovingRows):
    """Rows under their titles; the highlighted one is ``cursor_row`` (a subclass's reactive)
    and ``row_count`` says how many there are."""

    COMPONENT_CLASSES = {"titled-rows--header", "titled-rows--cursor"}  # noqa: RUF012
    # The look of the DataTable these lists replaced (Textual's own DataTable CSS).
    DEFAULT_CSS = """
    TitledRows {
        height: 1fr; overflow-x: hidden; background: $surface; color: $foreground;
        & > .titled-rows--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .titled-rows--header { background: ansi_bright_blue; color: ansi_default; }
        & > .titled-rows--cursor { background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style; }
        &:focus { background-tint: $foreground 5%;
            & > .titled-rows--cursor { background: $block-cursor-background;
                color: $block-cursor-foreground; text-style: $block-cursor-text-style; }
            & > .titled-rows--header { background-tint: $foreground 5%; }
        }
    }
    """
    header_height = 1  # the column titles, always in view
    cursor_row: int

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self._drawn: dict[Hashable, Strip] = {}  # drawn lines, by what they show

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1))

    def action_move(self, delta: int) -> None:
        self.cursor_row = self.validate_cursor_row(self.cursor_row + delta)

    def row_at(self, event: events.Click) -> int | None:
        """The row a click landed on (None: the titles)."""
        if event.y < self.header_height:
            return None
        return round(self.scroll_offset.y) + event.y - self.header_height

    def cursor_point(self) -> Offset | None:
        """The highlighted row's first cell, where a screen reader should be reading."""
        region = self.content_region
        if not region:
            return None
        y = region.y + self.header_height + self.cursor_row - round(self.scroll_offset.y)
        return Offset(region.x, min(max(y, region.y), region.bottom - 1))

    def header_style(self) -> Style:
        return self.rich_style + self.get_component_rich_style("titled-rows--header")

    def drawn(self, key: Hashable, cursor: bool, draw: Callable[[Style | None], Strip]) -> Strip:
        """The line showing ``key``, drawn by ``draw(highlight style or None)`` once: a capture
        scrolls every row up one line, and the rows already drawn come from here."""
        if (strip := self._drawn.get((key, cursor))) is None:
            strip = draw(self.get_component_rich_style("titled-rows--cursor") if cursor else None)
            if len(self._drawn) > 1_000:
                self._drawn.clear()
            self._drawn[(key, cursor)] = strip
        return strip

    def forget_drawn(self) -> None:
        self._drawn.clear()

    def notify_style_update(self) -> None:
        """The theme or focus changed: rows are drawn again in the new colours."""
        super().notify_style_update()
        self._drawn.clear()

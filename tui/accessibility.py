"""The terminal's cursor follows the focus, so a screen reader or braille display reads what the
person is on.

Textual hides the terminal cursor and moves it only for an input's caret
(``App.cursor_position``, which the app sends with every frame). A braille display or a screen
reader in review mode follows that cursor; left on the input line, it keeps reading the input
while the person arrows through a list. Here the app computes the position at each frame from
what has the focus: the caret in an input, the start of the highlighted row of a table or list,
the active tab, else the focused widget's first cell. A widget of our own with a highlight says
where it is by ``cursor_point``.

One more place: right after a capture, the line under the input (what happened) is where the
cursor rests, so it is the first line read; the next key puts it back on the caret.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.geometry import Offset, Region
from textual.widget import Widget
from textual.widgets import Input

if TYPE_CHECKING:  # imported where they are needed (``_textual_point``)
    from textual.widgets import DataTable, ListView, OptionList


@runtime_checkable
class HasCursorPoint(Protocol):
    """A widget of ours that draws its own highlight."""

    def cursor_point(self) -> Offset | None:
        """Where the highlighted item starts on the screen, or None when nothing is."""
        ...


def _inside(region: Region, x: int, y: int) -> Offset:
    """Keep a point inside a widget's visible region (a row scrolled out stays at an edge)."""
    if not region:
        return Offset(x, y)
    return Offset(min(max(x, region.x), region.right - 1), min(max(y, region.y), region.bottom - 1))


def _table_point(table: DataTable[Any]) -> Offset:
    region = table.content_region
    header = table.header_height if table.show_header else 0
    row = table.cursor_coordinate.row if table.cursor_type != "none" else 0
    y = region.y + header + row - round(table.scroll_offset.y)
    x = region.x
    if table.cursor_type == "cell" and table.ordered_columns:
        column = table.cursor_coordinate.column
        x += sum(c.get_render_width(table) for c in table.ordered_columns[:column]) - round(
            table.scroll_offset.x
        )
    return _inside(region, x, y)


def _option_list_point(options: OptionList) -> Offset:
    region = options.content_region
    index = options.highlighted
    if index is None:
        return region.offset
    # Each option is drawn on as many lines as it wraps to; the ones above it push it down.
    width = max(region.width, 1)
    y = region.y - round(options.scroll_offset.y)
    for option in options.options[:index]:
        text = str(option.prompt)
        y += max(1, -(-len(text) // width)) if "\n" not in text else text.count("\n") + 1
    return _inside(region, region.x, y)


def _list_view_point(view: ListView) -> Offset:
    item = view.highlighted_child
    return (item.content_region if item is not None else view.content_region).offset


def focus_point(widget: Widget) -> Offset | None:
    """Where the terminal cursor belongs while ``widget`` has the focus."""
    if isinstance(widget, Input):
        return widget.cursor_screen_offset
    if isinstance(widget, HasCursorPoint):
        return widget.cursor_point()
    return _textual_point(widget)


def _textual_point(widget: Widget) -> Offset | None:
    """Textual's own widgets with a caret or a highlight. Imported here, on the first frame
    one of them has the focus: the capture screen's first paint has none (the input or the
    agenda has the focus), and importing them took 12 ms of its start (TextArea most)."""
    from textual.widgets import DataTable, ListView, OptionList, Tabs, TextArea

    if isinstance(widget, TextArea):
        return widget.cursor_screen_offset
    if isinstance(widget, DataTable):
        return _table_point(widget)
    if isinstance(widget, OptionList):
        return _option_list_point(widget)
    if isinstance(widget, ListView):
        return _list_view_point(widget)
    if isinstance(widget, Tabs):
        tab = widget.active_tab
        return (tab.content_region if tab is not None else widget.content_region).offset
    region = widget.content_region
    return region.offset if region else None


class CursorFollowsFocus:
    """Mixed into the apps: ``cursor_position`` is read from the focus at every frame.

    Textual's own widgets still set ``cursor_position`` (an input does, on every caret move):
    that value is kept as the fallback for a screen with nothing focused, and a caret move ends
    an announcement.
    """

    _cursor_fallback: Offset = Offset(0, 0)
    _announced: tuple[Offset, Widget | None] | None = None

    if TYPE_CHECKING:  # the App this is mixed into has it

        @property
        def focused(self) -> Widget | None: ...

    def _focus_now(self) -> Widget | None:
        try:
            focused = self.focused
        except Exception:  # no screen yet (starting) or none left (closing)
            return None
        return focused if isinstance(focused, Widget) and focused.is_mounted else None

    @property
    def cursor_position(self) -> Offset:
        focused = self._focus_now()
        if self._announced is not None:
            point, was_focused = self._announced
            if was_focused is focused:
                return point
            self._announced = None  # the focus moved on: so does the cursor
        if focused is not None:
            found = focus_point(focused)
            if found is not None:
                return found
        return self._cursor_fallback

    @cursor_position.setter
    def cursor_position(self, value: Offset) -> None:
        self._cursor_fallback = value
        self._announced = None

    def announce(self, widget: Widget) -> None:
        """Rest the cursor on ``widget``'s first line until the caret or the focus moves."""
        region = widget.content_region
        if region:
            self._announced = (region.offset, self._focus_now())

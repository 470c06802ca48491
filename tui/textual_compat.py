"""Every private Textual name matchdesk uses, in one place (Textual is pinned exactly).

Textual's public API comes first everywhere; what it cannot do yet lives here, one section per
need, each with a test in ``tests/tui/test_textual_compat.py`` that fails loudly when an upgrade
renames or changes it. No other module imports ``textual._*`` or touches a private attribute of
a Textual object (``tests/tui/test_textual_compat.py`` reads every module under ``tui/``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._time import get_time
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets._footer import FooterKey, FooterLabel

__all__ = [
    "FooterKey",
    "FooterLabel",
    "QuietInput",
    "bindings_for_key",
    "breakpoint_classes",
    "check_bindings",
    "laid_out_at",
    "message_clock",
    "restart_blink",
    "set_suggestion",
    "set_virtual_height",
    "suggestion",
]


# -- The clock of ``Message.time`` -------------------------------------------------------------
def message_clock() -> float:
    """Now, on the clock Textual stamps events with (monotonic on POSIX): a dialog compares a
    key's time with the moment it appeared."""
    return get_time()


# -- Bindings, run for a key the capture input routes itself -----------------------------------
async def check_bindings(app: App[Any], key: str, *, priority: bool = False) -> bool:
    """Run the binding ``key`` has in the focused chain (priority bindings only, or the others),
    as Textual does for a key it reads; True if one ran. Keys typed ahead are applied in typing
    order through this (``tui/capture/routing.py``)."""
    return await app._check_bindings(key, priority=priority)


def bindings_for_key(widget: Widget, key: str) -> Iterable[Binding]:
    """The bindings ``widget`` itself has for ``key`` (its own and inherited ones)."""
    return widget._bindings.key_to_bindings.get(key, ())


# -- Input: the grey completion, the cursor's blink, a value watcher without a layout pass -----
def suggestion(field: Input) -> str:
    """The grey completion ``field`` shows after its value ("" for none)."""
    return field._suggestion


def set_suggestion(field: Input, text: str) -> None:
    """Show ``text`` as the grey completion now (Textual's ``Suggester`` answers a frame later,
    through a worker: the preview must agree with Enter on every key)."""
    field._suggestion = text


def restart_blink(field: Input) -> None:
    """Show the cursor at once (typing restarts its blink, as Input does for its own keys)."""
    field._restart_blink()


class QuietInput(Input):
    """An ``Input`` whose value watcher skips the layout pass: Input's own watcher sets the
    virtual size as a reactive, which lays out the whole screen on every key (~8 ms at 10,000
    interests), though a one-line field's size never depends on its text. ``value_changed``
    is the public hook subclasses fill in (called after ``Changed`` is posted)."""

    def _watch_value(self, value: str) -> None:
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        self.refresh()
        validation = self.validate(value) if "changed" in self.validate_on else None
        self.post_message(self.Changed(self, value, validation))
        if self._initial_value:
            self.cursor_position = len(self.value)
            self._initial_value = False
        self.value_changed(value)

    def value_changed(self, value: str) -> None:
        """Called on every change of the value (what Input's watcher would follow with)."""


# -- ScrollView: a list that grows by a row without laying the screen out ----------------------
def set_virtual_height(view: ScrollView, height: int) -> None:
    """Give ``view`` ``height`` lines to scroll through. ``virtual_size`` is a layout reactive:
    setting it lays the whole screen out and repaints every widget whose geometry the layout
    touches (about half of Enter-to-painted at 10,000 interests). A ScrollView's virtual size
    is its own (the compositor gives it none), so while its vertical scrollbar neither appears
    nor goes, the size is set without the layout and the scrollbar told the new length; the
    layout runs only when the scrollbar must appear or go. Relies on ``ScrollView._size_updated``
    keeping ``self.virtual_size`` and on ``_refresh_scrollbars`` (overflow-y auto) comparing it
    with the container's height."""
    size = Size(view.virtual_size.width, height)  # the width is left as it is
    if size == view.virtual_size:
        return
    container = view.container_size.height - view.scrollbar_size_horizontal
    shows = view.styles.overflow_y == "scroll" or (
        view.styles.overflow_y == "auto" and height > container
    )
    if not view.is_mounted or not container or shows != view.show_vertical_scrollbar:
        view.virtual_size = size
        return
    view.set_reactive(ScrollView.virtual_size, size)
    if shows:
        view.vertical_scrollbar.window_virtual_size = height


# -- A screen's breakpoint classes -------------------------------------------------------------
def breakpoint_classes(screen: Screen[Any], size: Size) -> dict[str, bool]:
    """The breakpoint classes (``-narrow``, ``-short``...) on and off for ``screen`` at
    ``size``, as ``Screen._on_resize`` sets them (with ``_get_breakpoint_classes``). Textual
    sets them only on a resize, which may arrive after the first frame: given as the screen
    composes (``FirstFrame``), that frame is laid out for the terminal it is drawn in."""
    horizontal = screen.HORIZONTAL_BREAKPOINTS
    vertical = screen.VERTICAL_BREAKPOINTS
    horizontal = (screen.app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal) or []
    vertical = (screen.app.VERTICAL_BREAKPOINTS if vertical is None else vertical) or []
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for name in screen._get_breakpoint_classes(size.width, horizontal):
        classes[name] = True
    for name in screen._get_breakpoint_classes(size.height, vertical):
        classes[name] = True
    return classes


def laid_out_at(screen: Screen[Any], size: Size) -> bool:
    """Whether ``screen`` is laid out at ``size`` with its breakpoint classes set: then a resize
    to ``size`` has nothing to change, and its new layout and repaint can be skipped."""
    breakpoints = breakpoint_classes(screen, size).items()
    return screen.region.size == size and all(screen.has_class(c) == on for c, on in breakpoints)

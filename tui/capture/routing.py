"""Keys in the order they were typed, however long a capture takes.

Textual hands a key to the focused widget's queue and resolves its bindings only once the key
has bubbled back up to the app, hop by hop; meanwhile the widget goes on with the keys behind
it. With a slow disk that merged entries ("tha⏎phl⏎" became "thaphl") and let the "y" of "syr"
answer a dialog. So while a capture input has the focus, the app applies each key to the end
(bindings, typing, Enter's write) before it reads the next; and a key typed before a dialog that
appeared unbidden (``Dialog.unbidden``) never answers it: it goes back to the capture input it
was typed into. Where the input has given up the focus (the board, after tab), a letter that is
not one of the screen's keys takes the focus back into it and is typed there.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TypeGuard

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from matchdesk.tui.capture.bar import CaptureBar
from matchdesk.tui.textual_compat import check_bindings

if TYPE_CHECKING:
    from matchdesk.tui.dialogs.base import Dialog


def _bar_of(app: App[Any]) -> CaptureBar | None:
    """The capture bar holding the focused widget, if any."""
    node: DOMNode | None = app.focused
    while node is not None:
        if isinstance(node, CaptureBar):
            return node
        node = node.parent
    return None


def _idle_bar(app: App[Any]) -> CaptureBar | None:
    """The capture bar of a screen where nothing has the focus (the board after tab); None
    while the screen is still being built (its keys wait in its queue meanwhile)."""
    if app.focused is not None or isinstance(app.screen, ModalScreen):
        return None
    bar = next(iter(app.screen.query(CaptureBar)), None)
    return bar if bar is not None and bar.is_mounted and not bar.input.disabled else None


def _bar_below(app: App[Any]) -> CaptureBar | None:
    """The capture bar of the screen under the dialogs (where type-ahead was going)."""
    for screen in reversed(app.screen_stack):
        if not isinstance(screen, ModalScreen):
            return next(iter(screen.query(CaptureBar)), None)
    return None


def _is_dialog(screen: Screen[Any]) -> TypeGuard[Dialog[Any]]:
    """A matchdesk dialog; none is open before the dialogs' module is first loaded, so the
    first paint does not load it (nor Textual's buttons) to ask."""
    if "matchdesk.tui.dialogs.base" not in sys.modules:
        return False
    from matchdesk.tui.dialogs.base import Dialog

    return isinstance(screen, Dialog)


async def route(app: App[Any], event: events.Event) -> bool:
    """Apply a key or paste the app just read, when it concerns capturing; True if it did."""
    screen = app.screen
    if isinstance(event, events.Key) and _is_dialog(screen) and screen.typed_ahead(event):
        bar = _bar_below(app)
        if bar is not None:
            await bar.type_key(event, handed_back=True)
        return True
    bar = _bar_of(app)
    if bar is None:
        if not isinstance(event, events.Key):
            return False
        idle = _idle_bar(app)
        if idle is None or not (event.is_printable and event.character):
            return False
        # The screen's own letter keys (the board's h) still work; any other letter is
        # typing: it goes into the input, and the keys behind it follow, never lost.
        bound = await check_bindings(app, event.key, priority=True)
        if not (bound or await check_bindings(app, event.key)):
            app.screen.set_focus(idle.input)
            idle.input.type_text(event.character)
        return True
    if isinstance(event, events.Paste):
        if event.text:
            bar.input.type_text(event.text.splitlines()[0])
        return True
    if isinstance(event, events.Key):
        app.app_focus = True
        await bar.type_key(event)
        return True
    return False

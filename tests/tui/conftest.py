"""Fixtures for the TUI tests: real workshop files, the app factory, waiting on conditions."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from matchdesk.store.demo import create_demo
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import MatchdeskApp, make_app
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.screens.capture import CaptureScreen

SIZE = (120, 40)


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """The Astana 2021 demo workshop (10 presentations, 39 interests)."""
    return create_demo(tmp_path / "astana.json")


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    return tmp_path / "empty.json"


@pytest.fixture
def app_on() -> Callable[..., MatchdeskApp]:
    return make_app


AppT = TypeVar("AppT", bound=App[Any])


def still(app: AppT) -> AppT:
    """The app without animation, so its carets never blink: the same picture in every run
    (a caret's blink phase drawn in one run and not the next failed snapshots under load)."""
    app.animation_level = "none"
    return app


def said(app: App[object]) -> list[str]:
    """Start recording every message ``app`` notifies, in order (a toast leaves no public trace
    once it expires); call it before the app runs."""
    messages: list[str] = []
    real_notify = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        messages.append(message)
        real_notify(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return messages


async def wait_for(pilot: Pilot, condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until ``condition()`` is true (bounded; never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await pilot.pause(0.01)


async def answerable(pilot: Pilot, dialog_type: type[Dialog[Any]] = Dialog) -> Dialog[Any]:
    """Wait until a ``dialog_type`` is up and would take an answer: a dialog that appears in
    the middle of typing ignores keys until the typing has stopped (``Dialog.typed_ahead``)."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, dialog_type))
    dialog = pilot.app.screen
    assert isinstance(dialog, Dialog)
    await wait_for(pilot, lambda: dialog.answerable)
    return dialog


def capture(app: MatchdeskApp) -> CaptureScreen:
    screen = app.screen
    assert isinstance(screen, CaptureScreen), screen
    return screen


def text_of(widget: Widget) -> str:
    """What a Static-like widget currently shows, as plain text."""
    content = getattr(widget, "content", None)
    if content is None:
        content = widget.render()
    return getattr(content, "plain", str(content))


def stored_interests(path: Path) -> int:
    """Interests as another process would read them (read-only open of the file)."""
    with Workshop.open(path, readonly=True) as workshop:
        return workshop.tallies().totals.interests


async def type_text(pilot: Pilot, text: str) -> None:
    """Type into the focused input as a paste would (one Changed event, not one per key);
    Pilot's per-key idle waits would make the suite several times slower."""
    focused = pilot.app.focused
    if isinstance(focused, Input):
        focused.insert_text_at_cursor(text)
        await pilot.pause()
    else:
        await pilot.press(*[c if c != " " else "space" for c in text])


async def press_each(pilot: Pilot, text: str) -> None:
    """Type key by key, as a person does (slow under Pilot: keep for a few tests)."""
    await pilot.press(*[c if c != " " else "space" for c in text])


def colleague_of(demo_file: Path) -> Path:
    """A colleague's laptop: a copy of the demo where presentation 4's theme was changed
    differently on each laptop (the podium's change, later, is shown) and two more captures."""
    chat = demo_file.with_name("chat.json")
    shutil.copy(demo_file, chat)
    for path, device, theme in ((chat, "chat", "digital government"), (demo_file, "podium", "")):
        with Workshop.open(path, device=device) as workshop:
            uid = workshop.presentations()[3].uid
            workshop.update_presentation(uid, theme=theme or "public administration")
            if device == "chat":
                workshop.record_interests(workshop.presentations()[0].uid, "Fiji, Nepal")
    return chat

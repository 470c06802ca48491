"""The app's signals, typed: screens and widgets subscribe to them without importing the app
(which sits above them in the layers)."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.signal import Signal

from matchdesk.store import Change


@runtime_checkable
class SessionSignals(Protocol):
    """What the writing app publishes: every ``Change``, and each save-state change."""

    workshop_changed: Signal[Change]
    save_state_changed: Signal[None]


def signals(app: App[Any]) -> SessionSignals:
    """The signals of ``app`` (``MatchdeskApp`` defines them); a clear failure otherwise."""
    if not isinstance(app, SessionSignals):
        raise TypeError(f"{type(app).__name__} publishes no workshop changes")
    return app

"""Store calls from the UI: a refusal becomes a notification in the store's own words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.widget import Widget

from matchdesk.store import MatchdeskError, StorageWriteFailed
from matchdesk.tui.session import Session

T = TypeVar("T")


def attempt(node: Widget | App[Any], call: Callable[[], T]) -> T | None:
    """Run a store call; None (after saying why) when the store refuses it."""
    try:
        return call()
    except StorageWriteFailed as error:
        node.notify(
            f"{error} Nothing was changed; press F6 to save to another file.",
            severity="error",
            timeout=10,
        )
        return None
    except MatchdeskError as error:
        node.notify(str(error), severity="error", timeout=6)
        return None


def refuse_if_read_only(node: Widget | App[Any], session: Session) -> bool:
    """True (after saying why) when the session's workshop is open read-only."""
    if session.read_only:
        node.notify(session.read_only_sentence(), severity="error", timeout=6)
        return True
    return False

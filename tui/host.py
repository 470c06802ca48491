"""The app as its screens and widgets see it: what ``MatchdeskApp`` adds to Textual's ``App``.

A screen or widget may not import the app (import-linter's layers put the app above them), and
Textual types ``node.app`` as a plain ``App``; ``host`` gives them the app's own signals and
chat state under types mypy checks, instead of an ignore at every use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual.app import App
from textual.dom import DOMNode
from textual.signal import Signal

from matchdesk.store import Change

if TYPE_CHECKING:  # the chat room loads when the chat screen opens
    from matchdesk.store.chat import ChatDesk


class Host(Protocol):
    """``MatchdeskApp``'s part that screens and widgets use."""

    workshop_changed: Signal[Change]  # every write's Change, from the Session
    save_state_changed: Signal[None]  # unsaved entries came or went
    chat_path: Path | None  # ``open --chat``
    chat_desk: ChatDesk | None  # the chat screen's desk, kept while the screen is away


def host(node: DOMNode) -> Host:
    """The ``MatchdeskApp`` that ``node`` is or runs in (the screens using this run only there;
    ``tui/app.py`` has mypy check that the app is a ``Host``)."""
    return cast(Host, node if isinstance(node, App) else node.app)

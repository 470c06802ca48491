"""A chat message as every format reads to: time, sender, text, and what kind of message it is.

Private messages never become a ``Message``: the parsers drop them as they read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a message is: an ordinary message, a reaction to one, or a reply to one."""

    MESSAGE = "message"
    REACTION = "reaction"
    REPLY = "reply"


@dataclass(frozen=True)
class Message:
    """One message to everyone, as the chat file holds it.

    ``time`` is a UTC ISO date-time (the file's local clock time on the chat's date); ``quoted``
    is the text a reaction or reply refers to; ``occurrence`` tells apart the same sender saying
    the same text at the same second (pasted chats have no times at all).
    """

    time: str
    sender: str
    text: str
    line: int
    kind: Kind = Kind.MESSAGE
    quoted: str = ""
    reaction: str = ""
    occurrence: int = 0

    @property
    def key(self) -> str:
        """The message's identity across imports and laptops: its time, sender and text."""
        raw = "\x1f".join((self.time, self.sender, self.text, str(self.occurrence)))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    @property
    def clock(self) -> str:
        """The time of day as the chat showed it ("10:42")."""
        return self.time[11:16]

"""The online channel: a video call's saved chat read into proposed interests.

``formats`` reads the chat files (Zoom's, pasted lines) and drops private messages;
``countries`` and ``references`` find the countries and presentations a message names;
``proposals`` turns messages into (presentation, country) proposals with their reasons;
``desk`` keeps the facilitator's decisions as records of their own, written through
``Workshop.commit`` like every room of the store (docs/online-delegates.md).
"""

from matchdesk.store.chat.desk import ChatDesk, timeline
from matchdesk.store.chat.formats import Chat, read_chat
from matchdesk.store.chat.messages import Kind, Message
from matchdesk.store.chat.proposals import Proposal, Reading, Status

__all__ = [
    "Chat",
    "ChatDesk",
    "Kind",
    "Message",
    "Proposal",
    "Reading",
    "Status",
    "read_chat",
    "timeline",
]

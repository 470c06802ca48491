"""The chat review: a video call's chat read into proposed online interests, one key each.

Proposals in message order with their message beside them; Enter accepts (an online interest
at the message's time), ``n`` rejects (remembered), ``e`` changes the presentation or country,
``a`` accepts every new proposal the message itself names both halves of. Messages that
propose nothing are listed too, with why, so nothing is silently ignored. The chat file is
looked at every second and read again when the meeting client rewrote it; every decision is a
write like any other (ctrl+z takes it back), so the rows redraw from each ``Change``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from matchdesk.store import Change, Chat, ChatDesk, MatchdeskError, Proposal, Status, read_chat
from matchdesk.store import ChatReading as Reading
from matchdesk.tui.dialogs.chat_edit import ProposalDialog
from matchdesk.tui.host import host
from matchdesk.tui.keys import bindings
from matchdesk.tui.session import Session
from matchdesk.tui.text import cell, plain, typed
from matchdesk.tui.widgets.footer import KeyFooter
from matchdesk.tui.widgets.plain_input import PlainInput

POLL_SECONDS = 1.0
_STYLES = {
    Status.NEW: "bold",
    Status.COUNTED: "dim",
    Status.ACCEPTED: "green",
    Status.REJECTED: "red dim",
}


class ChatScreen(Screen[None]):
    """One row per proposal (or per message proposing nothing), in message order."""

    KEY_SCOPES = ("chat",)
    BINDINGS = bindings("chat")
    DEFAULT_CSS = """
    ChatScreen > Vertical { height: 1fr; padding: 0 1; }
    ChatScreen #chat-title { height: auto; text-style: bold; }
    ChatScreen #chat-path { height: 3; }
    ChatScreen #chat-path.-hidden { display: none; }
    ChatScreen DataTable { height: 1fr; }
    """

    def __init__(self, session: Session, desk: ChatDesk, path: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.desk = desk
        self.path = path
        self.chat: Chat | None = None
        self._stamp: tuple[int, int] | None = None
        self._readings: tuple[Reading, ...] = ()
        self._rows: dict[str, Proposal | None] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="chat-title")
            yield PlainInput(placeholder="the saved chat's file, then Enter", id="chat-path")
            yield DataTable(id="chat-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#chat-table", DataTable)
        room = max(self.app.size.width, 60) - 14
        for label, key, share in (
            ("Time", "time", 0.06),
            ("From", "sender", 0.17),
            ("Message", "text", 0.33),
            ("Proposal", "proposal", 0.26),
            ("Status", "status", 0.12),
        ):
            table.add_column(label, key=key, width=max(int(room * share), len(label), 5))
        host(self).workshop_changed.subscribe(self, self._changed)
        self.set_interval(POLL_SECONDS, self._poll, name="chat-follow")
        if self.path is None:
            self.query_one("#chat-path", Input).focus()
        else:
            self.query_one("#chat-path", Input).add_class("-hidden")
            self.load()
            table.focus()
        self._title()

    # -- reading the chat ----------------------------------------------------------------
    @on(Input.Submitted, "#chat-path")
    def _path_given(self, event: Input.Submitted) -> None:
        event.stop()
        text = typed(event.value).strip()
        if not text:
            return
        self.path = Path(text).expanduser()
        if self.load():
            event.input.add_class("-hidden")
            self.query_one("#chat-table", DataTable).focus()

    def _disk_stamp(self) -> tuple[int, int] | None:
        if self.path is None:
            return None
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def load(self) -> bool:
        """Read the chat file (again); a file that does not read keeps the last good view."""
        if self.path is None:
            return False
        self._stamp = self._disk_stamp()
        try:
            self.chat = read_chat(self.path, fallback_date=self.session.workshop.info().date)
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        self.refresh_rows()
        return True

    def _poll(self) -> None:
        """Follow the file as the meeting client rewrites it (``open --chat``)."""
        if self.path is not None and self.chat is not None and self._disk_stamp() != self._stamp:
            before = self._new_count()
            if self.load() and self._new_count() > before:
                self.notify(f"{self._new_count() - before} new proposal(s) from the chat.")

    def _new_count(self) -> int:
        return sum(1 for r in self._readings for p in r.proposals if p.status == Status.NEW)

    def _changed(self, _: Change) -> None:
        if self.chat is not None:
            self.refresh_rows()

    # -- the rows ------------------------------------------------------------------------
    def refresh_rows(self) -> None:
        if self.chat is None:
            return
        table = self.query_one("#chat-table", DataTable)
        keep = table.cursor_row
        self._readings = self.desk.read(self.chat)
        table.clear()
        self._rows.clear()
        for index, reading in enumerate(self._readings):
            message = reading.message
            first = True
            for proposal in reading.proposals or (None,):
                key = proposal.uid if proposal else f"m{index}"
                self._rows[key] = proposal
                table.add_row(
                    cell(message.clock if first else ""),
                    cell(message.sender if first else "", "bold"),
                    cell(message.text.replace("\n", " / ") if first else ""),
                    cell(self._proposal_text(proposal, reading)),
                    cell(
                        proposal.status.value if proposal else "no proposal",
                        _STYLES[proposal.status] if proposal else "dim italic",
                    ),
                    key=key,
                )
                first = False
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        self._title()

    @staticmethod
    def _proposal_text(proposal: Proposal | None, reading: Reading) -> str:
        if proposal is None:
            return reading.note
        sure = " (sure)" if proposal.sure else ""
        return f"{proposal.number}. {proposal.country.name}{sure}: {proposal.reason}"

    def _title(self) -> None:
        title = self.query_one("#chat-title", Static)
        if self.chat is None:
            title.update(
                plain(
                    "Chat review: type the path of the saved chat (Zoom's "
                    "meeting_saved_chat.txt, or Name: message lines)."
                )
            )
            return
        counts = {status: 0 for status in Status}
        for reading in self._readings:
            for proposal in reading.proposals:
                counts[proposal.status] += 1
        parts = " · ".join(f"{status.value} {n}" for status, n in counts.items())
        name = self.path.name if self.path else ""
        title.update(
            plain(
                f"{name}: {len(self._readings)} messages, {self.chat.private_dropped} private "
                f"skipped · {parts}"
            )
        )

    def _current(self) -> Proposal | None:
        table = self.query_one("#chat-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value or ""
        proposal = self._rows.get(key)
        if proposal is None:
            self.notify("This message proposes nothing.", severity="warning")
        return proposal

    def _writable(self) -> bool:
        if self.session.read_only:
            self.notify(self.session.read_only_sentence(), severity="error")
            return False
        return True

    def _next_new(self) -> None:
        """Move to the next proposal still to decide, so Enter, Enter, n... walks the list."""
        table = self.query_one("#chat-table", DataTable)
        keys = list(self._rows)
        for row in range(table.cursor_row + 1, len(keys)):
            proposal = self._rows[keys[row]]
            if proposal is not None and proposal.status == Status.NEW:
                table.move_cursor(row=row, animate=False)
                return

    # -- actions -------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#chat-table")
    def _row_entered(self, event: DataTable.RowSelected) -> None:
        """Enter on the table (the table's own binding) accepts, as Enter anywhere here."""
        event.stop()
        self.action_accept()

    def action_accept(self) -> None:
        proposal = self._current()
        if proposal is None or not self._writable():
            return
        if proposal.status != Status.NEW:
            self.notify(f"{proposal.country.name}: {proposal.status.value}.", severity="warning")
            return
        try:
            change = self.session.run(lambda: self.desk.accept(proposal))
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        if change is None:
            self.notify(f"{proposal.country.name} is already counted.", severity="warning")
            return
        self.notify(f"Recorded {proposal.country.name} for presentation {proposal.number}.")
        self._next_new()

    def action_reject(self) -> None:
        proposal = self._current()
        if proposal is None or not self._writable():
            return
        if proposal.status == Status.ACCEPTED:
            self.notify("Accepted already: ctrl+z takes an acceptance back.", severity="warning")
            return
        try:
            self.session.run(lambda: self.desk.reject(proposal))
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self._next_new()

    def action_edit(self) -> None:
        proposal = self._current()
        if proposal is None or not self._writable():
            return
        if proposal.status in (Status.ACCEPTED, Status.REJECTED):
            self.notify(f"Already {proposal.status.value}: ctrl+z first.", severity="warning")
            return

        def edited(answer: tuple[int, str] | None) -> None:
            if answer is None:
                return
            try:
                self.session.run(lambda: self.desk.edit(proposal, *answer))
            except MatchdeskError as error:
                self.notify(str(error), severity="error", timeout=8)
                return
            self.refresh_rows()

        count = len(self.session.workshop.presentations())
        self.app.push_screen(ProposalDialog(proposal, count), edited)

    def action_accept_sure(self) -> None:
        if not self._writable():
            return
        sure = [p for r in self._readings for p in r.proposals if p.sure and p.status == Status.NEW]
        try:
            change = self.session.run(lambda: self.desk.accept_sure(self._readings))
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        if change is None:
            self.notify("No sure proposal left to accept.", severity="warning")
            return
        self.notify(f"Recorded the {len(sure)} sure proposal(s); ctrl+z takes them all back.")

    def action_toggle_reactions(self) -> None:
        self.desk.reactions = not self.desk.reactions
        self.refresh_rows()
        state = "counted as a +1" if self.desk.reactions else "not counted"
        self.notify(f"Reactions are {state}.")

    def action_close(self) -> None:
        self.dismiss()


def open_chat(app: App[Any], session: Session) -> ChatScreen:
    """The chat screen on the app's chat file (``open --chat``), with the app's one desk, so
    edits made before a decision survive leaving the screen."""
    holder = host(app)
    desk = holder.chat_desk
    if desk is None or desk.workshop is not session.workshop:
        desk = ChatDesk(session.workshop)
        holder.chat_desk = desk
    return ChatScreen(session, desk, holder.chat_path)


class ChatWatch:
    """``open --chat`` away from the chat screen: looks at the chat file every second and,
    when the meeting client saved new proposals, says how many (f9 reviews them)."""

    def __init__(self, app: App[Any], session: Session, path: Path) -> None:
        self.app = app
        self.session = session
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._known: set[str] | None = None  # the proposals already announced (or seen)

    def look(self) -> None:
        if isinstance(self.app.screen, ChatScreen):
            self._stamp = self._known = None  # the screen shows them: count afresh after it
            return
        try:
            stat = self.path.stat()
        except OSError:
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        try:
            chat = read_chat(self.path, fallback_date=self.session.workshop.info().date)
        except MatchdeskError:
            return  # caught mid-write: the next save reads whole
        desk = open_chat(self.app, self.session).desk
        new = {p.uid for r in desk.read(chat) for p in r.proposals if p.status == Status.NEW}
        if self._known is not None and new - self._known:
            self.app.notify(f"{len(new - self._known)} new proposal(s) in the chat: f9 reviews.")
        self._known = new


def watch_chat(app: App[Any], session: Session, path: Path | None) -> None:
    """Follow ``path`` from the app's start (nothing when no chat file was given)."""
    if path is not None and not session.read_only:
        app.set_interval(POLL_SECONDS, ChatWatch(app, session, path).look, name="chat-watch")

"""The start screen: pick a presentation, type countries, watch the tallies move."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive

from matchdesk.store import Change, Channel, Presentation, Workshop
from matchdesk.tui.capture.agenda import AgendaKeys
from matchdesk.tui.capture.bar import CaptureBar, next_channel
from matchdesk.tui.capture.guard import attempt, refuse_if_read_only
from matchdesk.tui.host import host
from matchdesk.tui.keys import bindings, writes
from matchdesk.tui.peer_follower import show_origins
from matchdesk.tui.screens.first_frame import FirstFrame
from matchdesk.tui.session import Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.country_input import CountryInput
from matchdesk.tui.widgets.footer import KeyFooter
from matchdesk.tui.widgets.header import WorkshopHeader, header_text
from matchdesk.tui.widgets.interest_table import InterestTable
from matchdesk.tui.widgets.presentation_table import PresentationTable
from matchdesk.tui.widgets.save_banner import SaveBanner
from matchdesk.tui.widgets.status_line import CurrentLine, TotalsLine
from matchdesk.tui.widgets.tallies_panel import TalliesPanel


class CaptureScreen(FirstFrame):
    """Presentations, the highlighted one's interests, the country input and the tallies."""

    KEY_SCOPES = ("capture", "input", "interests")
    BINDINGS = bindings("capture")
    # The input has the focus from the start, given as the screen is composed: no other widget
    # is focused first, then blurred (each styled again). A read-only window's agenda takes it
    # on mount.
    AUTO_FOCUS = "#country"

    current_uid: reactive[str | None] = reactive(None)
    read_only: reactive[bool] = reactive(False)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.agenda = AgendaKeys(self)
        self._standings_due = False  # the tallies panel's bars wait for the next frame

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield WorkshopHeader(id="header")
        yield SaveBanner(id="banner")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield PresentationTable(id="presentations")
                yield CurrentLine(id="current")
                yield InterestTable(id="interests")
                yield CaptureBar(self.session, self.target, self.goto, id="capture")
            yield TalliesPanel(id="tallies")
        yield TotalsLine(id="totals")
        yield KeyFooter()

    @property
    def workshop(self) -> Workshop:
        """The facade this screen reads (a read-only window gets a fresh one as it follows)."""
        return self.session.workshop

    @property
    def table(self) -> PresentationTable:
        return self.query_one("#presentations", PresentationTable)

    @property
    def interest_table(self) -> InterestTable:
        return self.query_one("#interests", InterestTable)

    @property
    def bar(self) -> CaptureBar:
        return self.query_one("#capture", CaptureBar)

    @property
    def country_input(self) -> CountryInput:
        return self.bar.input

    @property
    def channel(self) -> Channel:
        """The channel new entries get (the capture bar's)."""
        return self.bar.channel

    def target(self) -> Presentation | None:
        """The highlighted presentation, read from the table's cursor as Enter is read."""
        uid = self.table.current_uid
        index = None if uid is None else self.workshop.position(uid)
        return None if index is None else self.workshop.presentations()[index]

    def on_mount(self) -> None:
        self.read_only = self.session.read_only
        self._show_header()
        discussed = self.workshop.current_presentation()  # where the last session stopped
        self._load_agenda(keep=discussed.uid if discussed else None)
        self.current_uid = self.table.current_uid
        self._show_interests()
        self._show_standings()
        if self.read_only:  # ↑↓ move through the agenda; nothing takes typing
            self.table.focus()
        host(self).workshop_changed.subscribe(self, self.on_workshop_change, immediate=True)
        host(self).save_state_changed.subscribe(self, self.on_save_state, immediate=True)

    # -- reacting to changes -----------------------------------------------------------------
    def on_workshop_change(self, change: Change) -> None:
        """Redraw only what the change touched (one count cell on a capture)."""
        workshop = self.workshop
        if change.agenda or change.countries:
            self._load_agenda(keep=self.current_uid)
            self.current_uid = self.table.current_uid
            self._show_current()
            self._show_interests()
        else:
            for uid in change.presentations:
                self.table.set_count(uid, workshop.interest_count(uid))
            if self.current_uid in change.presentations:
                self._show_interests()
                self._show_current()
        if change.info:
            self._show_header()
        if change.agenda or change.countries:
            self._show_standings()
        else:  # a capture: its totals in the frame that shows it, the bars in the next
            totals = workshop.totals()
            self.query_one("#totals", TotalsLine).show(totals)
            self.query_one("#tallies", TalliesPanel).show_totals(totals)
            if not self._standings_due:
                self._standings_due = True
                self.call_after_refresh(self._show_standings)

    def _show_standings(self) -> None:
        """The totals line and every line of the tallies panel, from one ``Standings``."""
        self._standings_due = False
        if self.is_attached:
            standings = self.workshop.standings()
            self.query_one("#totals", TotalsLine).show(standings.totals)
            self.query_one("#tallies", TalliesPanel).show(standings)

    def _load_agenda(self, keep: str | None) -> None:
        """The agenda table, given the presentations and their counts (values, not the
        workshop: a read-only window swaps its workshop as it follows the file)."""
        rows = self.workshop.standings().presentations
        self.table.load([p for _, p, _ in rows], {p.uid: n for _, p, n in rows}, keep=keep)

    def on_save_state(self, _: None = None) -> None:
        """Entries were kept unsaved, or written at last: banner, marked rows, header."""
        session = self.session
        self.query_one("#banner", SaveBanner).show_unsaved(
            session.unsaved, session.write_error, session.workshop.path
        )
        self._show_interests()
        self._show_current()
        self._show_header()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only window offers no key that writes (footer, palette, help)."""
        return not (self.read_only and writes(action))

    def watch_read_only(self, read_only: bool) -> None:
        """Read-only means no input and no key that writes; the banner says, once, that this
        window follows the file."""
        self.set_class(read_only, "-read-only")
        self.bar.read_only = read_only
        self.interest_table.editable = not read_only
        self.refresh_bindings()
        if read_only:
            self.query_one("#banner", SaveBanner).show_read_only(self.session.read_only_sentence())

    def _show_header(self) -> None:
        text = header_text(self.session.info(), self.session.workshop.path)
        if self.read_only:  # first, so a long title's ellipsis cannot hide it
            text = "read-only · " + text
        self.query_one("#header", WorkshopHeader).update(plain(text))

    def _show_interests(self) -> None:
        uid = self.current_uid or ""
        unsaved = [c.name for c in self.session.pending_for(uid)] if self.session.unsaved else []
        waiting = self.bar.waiting_for(uid) if self.bar.waiting else []
        interests = self.workshop.interests(uid)
        origins = show_origins(self.session.peers_view is not None, interests)
        self.interest_table.show(interests, unsaved, waiting, origins=origins)

    @on(CaptureBar.QueueChanged, "#capture")
    def _queue_changed(self) -> None:
        self._show_interests()
        self._show_current()

    @on(PresentationTable.Highlighted, "#presentations")
    def _highlighted(self, event: PresentationTable.Highlighted) -> None:
        self.current_uid = event.uid

    def watch_current_uid(self) -> None:
        self._show_current()
        if self.is_mounted:
            self._show_interests()

    def _show_current(self) -> None:
        current = self.current()
        label = self.query_one("#current", CurrentLine)
        if current is None:
            label.show("No presentation yet: press ctrl+n to register one.")
            return
        number = (self.workshop.position(current.uid) or 0) + 1
        tail = f"{self.workshop.interest_count(current.uid)} interested"
        if self.session.unsaved and (unsaved := len(self.session.pending_for(current.uid))):
            tail += f" · {unsaved} not saved yet"
        if waiting := len(self.bar.waiting_for(current.uid)):
            tail += f" · {waiting} waiting for an answer"
        label.show(f"{number}. {current.title} — {current.country.name}", tail)

    def current(self) -> Presentation | None:
        index = self.workshop.position(self.current_uid or "")
        return None if index is None else self.workshop.presentations()[index]

    # -- interests ---------------------------------------------------------------------------
    @on(InterestTable.Withdraw, "#interests")
    def _withdraw(self, event: InterestTable.Withdraw) -> None:
        if refuse_if_read_only(self, self.session):
            return
        attempt(self, lambda: self.session.withdraw(event.interest))  # said under the input

    @on(InterestTable.CycleChannel, "#interests")
    def _interest_channel(self, event: InterestTable.CycleChannel) -> None:
        channel = next_channel(event.interest.channel)
        if attempt(self, lambda: self.session.update_interest(event.interest, channel=channel)):
            self.bar.say(f"{event.interest.country.name}: {channel.label} now.")

    @on(InterestTable.EditNote, "#interests")
    def _interest_note(self, event: InterestTable.EditNote) -> None:
        if refuse_if_read_only(self, self.session):
            return
        interest = event.interest

        def save(note: str | None) -> None:
            if (
                note is not None
                and attempt(self, lambda: self.session.update_interest(interest, note=note))
                is not None
            ):
                self.bar.say(f"Note on {interest.country.name} saved.")

        from matchdesk.tui.dialogs.simple import NoteDialog

        self.app.push_screen(NoteDialog(interest.country.name, interest.note), save)

    # -- actions -----------------------------------------------------------------------------
    def action_previous_presentation(self) -> None:
        self.table.action_move(-1)

    def action_next_presentation(self) -> None:
        self.table.action_move(1)

    def action_page_presentations(self, direction: int) -> None:
        self.table.action_page(direction)

    def action_channel(self, channel: str) -> None:
        self.bar.set_channel(Channel(channel))

    def action_focus_input(self) -> None:
        self.country_input.focus()

    def goto(self, number: int) -> None:
        self.agenda.goto(number)

    def action_goto(self) -> None:
        self.agenda.ask_goto()

    def action_new_presentation(self) -> None:
        self.agenda.new()

    def action_edit_presentation(self) -> None:
        self.agenda.edit()

    def action_remove_presentation(self) -> None:
        self.agenda.remove()

    def action_move_presentation(self, delta: int) -> None:
        self.agenda.move(delta)

    def action_workshop_details(self) -> None:
        if refuse_if_read_only(self, self.session):
            return
        from matchdesk.tui.dialogs.workshop import WorkshopDialog

        self.app.push_screen(WorkshopDialog(self.session))

    async def action_board(self) -> None:
        """The board, with this screen's input docked under it (keys typed after ctrl+l wait
        for the board's mount, then land in the dock)."""
        from matchdesk.tui.screens.board import BoardScreen

        board = BoardScreen(self.session, host=self)
        await self.app.push_screen(board)
        board.dock()

    def action_network(self) -> None:
        from matchdesk.tui.screens.network import NetworkScreen

        self.app.push_screen(NetworkScreen([self.session.workshop.path.parent]))

    def action_followup(self) -> None:
        from matchdesk.tui.screens.followup import FollowupScreen

        self.app.push_screen(FollowupScreen(self.session))

    def action_chat(self) -> None:
        from matchdesk.tui.screens.chat import open_chat

        self.app.push_screen(open_chat(self.app, self.session))

    def action_import_file(self) -> None:
        from matchdesk.tui.dialogs.import_review import open_import_dialog

        open_import_dialog(self.app, self.session)

    def action_export(self) -> None:
        from matchdesk.tui.dialogs.export import ExportDialog

        self.app.push_screen(ExportDialog(self.session))

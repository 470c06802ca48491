"""The start screen: pick a presentation, type countries, watch the tallies move."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from matchdesk.store.errors import MatchdeskError, StorageWriteFailed
from matchdesk.store.models import Change, Channel, Country, Mode, Presentation, RecordResult
from matchdesk.store.workshop import Workshop
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.dialogs.presentation import PresentationDialog
from matchdesk.tui.dialogs.simple import GotoDialog, NoteDialog
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.dialogs.workshop import WorkshopDialog
from matchdesk.tui.keys import bindings
from matchdesk.tui.session import Captured, Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.country_input import CountryInput
from matchdesk.tui.widgets.footer import KeyFooter
from matchdesk.tui.widgets.header import WorkshopHeader, header_text
from matchdesk.tui.widgets.interest_table import CHANNEL_STYLE, InterestTable
from matchdesk.tui.widgets.presentation_table import PresentationTable
from matchdesk.tui.widgets.save_banner import SaveBanner, entries
from matchdesk.tui.widgets.status_line import CurrentLine, TotalsLine
from matchdesk.tui.widgets.tallies_panel import TalliesPanel

T = TypeVar("T")

CHANNEL_ORDER = (Channel.IN_ROOM, Channel.ONLINE, Channel.UNSPECIFIED)


def next_channel(channel: Channel) -> Channel:
    return CHANNEL_ORDER[(CHANNEL_ORDER.index(channel) + 1) % len(CHANNEL_ORDER)]


def default_channel(mode: Mode | None) -> Channel:
    """New entries default to where most hands are: the room, unless the workshop is online."""
    return {Mode.ONLINE: Channel.ONLINE, None: Channel.UNSPECIFIED}.get(mode, Channel.IN_ROOM)


class CaptureScreen(Screen[None]):
    """Presentations, the highlighted one's interests, the country input and the tallies."""

    KEY_SCOPES = ("capture", "input", "interests")
    BINDINGS = bindings("capture")

    current_uid: reactive[str | None] = reactive(None)
    channel: reactive[Channel] = reactive(Channel.UNSPECIFIED)
    read_only: reactive[bool] = reactive(False)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._hint_says_kept = False

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield WorkshopHeader(id="header")
        yield SaveBanner(id="banner")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield PresentationTable(id="presentations")
                yield CurrentLine(id="current")
                yield InterestTable(id="interests")
                with Horizontal(id="entry"):
                    yield Static(id="channel")
                    yield CountryInput(self.session.suggest, id="country")
                yield Static(id="hint")
            yield TalliesPanel(id="tallies")
        yield TotalsLine(lambda: self.workshop.totals(), id="totals")
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
    def country_input(self) -> CountryInput:
        return self.query_one("#country", CountryInput)

    def on_mount(self) -> None:
        info = self.session.info()
        self.channel = default_channel(info.mode)
        self.read_only = self.session.read_only
        self._show_header()
        self.table.load(self.workshop)
        self.current_uid = self.table.current_uid
        self._show_interests()
        self.query_one("#tallies", TalliesPanel).show(self.workshop)
        self.country_input.focus()
        self._hint("Type a country (or several: kaz, tha, phl) and press Enter.")
        self.app.workshop_changed.subscribe(self, self.on_workshop_change, immediate=True)
        self.app.save_state_changed.subscribe(self, self.on_save_state, immediate=True)

    # -- reacting to changes -----------------------------------------------------------------
    def on_workshop_change(self, change: Change) -> None:
        """Redraw only what the change touched (one count cell on a capture)."""
        workshop = self.workshop
        if change.agenda or change.countries:
            self.table.load(workshop, keep=self.current_uid)
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
        self.query_one("#tallies", TalliesPanel).show(workshop)

    def on_save_state(self, _: None = None) -> None:
        """Entries were kept unsaved, or written at last: banner, marked rows, header."""
        session = self.session
        self.query_one("#banner", SaveBanner).show_unsaved(
            session.unsaved, session.write_error, session.workshop.path
        )
        self._show_interests()
        self._show_current()
        self._show_header()
        if self._hint_says_kept and not session.unsaved:
            total = self.workshop.totals().interests
            self._hint(f"Every entry is saved now. {total} in total.", "bold")

    def watch_read_only(self, read_only: bool) -> None:
        self.set_class(read_only, "-read-only")
        if read_only:
            self.query_one("#banner", SaveBanner).show_read_only(self.session.read_only_sentence())

    def _show_header(self) -> None:
        text = header_text(self.session.info(), self.session.workshop.path)
        if self.read_only:  # first, so a long title's ellipsis cannot hide it
            text = "read-only · " + text
        self.query_one("#header", WorkshopHeader).update(plain(text))

    def _show_interests(self) -> None:
        uid = self.current_uid or ""
        unsaved = self.session.pending_for(uid) if self.session.unsaved else []
        self.interest_table.show(self.workshop.interests(uid), unsaved)

    @on(DataTable.RowHighlighted, "#presentations")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.current_uid = event.row_key.value

    def watch_current_uid(self) -> None:
        self._show_current()
        if self.is_mounted:
            self._show_interests()

    def _show_current(self) -> None:
        current = self._current()
        label = self.query_one("#current", CurrentLine)
        if current is None:
            label.show("No presentation yet: press ctrl+n to register one.")
            return
        number = (self.workshop.position(current.uid) or 0) + 1
        count = f"{self.workshop.interest_count(current.uid)} interested"
        if self.session.unsaved and (waiting := len(self.session.pending_for(current.uid))):
            count += f" · {waiting} not saved yet"
        label.show(f"{number}. {current.title} — {current.country.name}", count)

    def watch_channel(self, channel: Channel) -> None:
        indicator = self.query_one("#channel", Static)
        indicator.update(plain(f"● {channel.label}", CHANNEL_STYLE[channel]))
        for value in Channel:
            indicator.set_class(value is channel, f"-{value.value.replace('_', '-')}")
            self.country_input.set_class(value is channel, f"-{value.value.replace('_', '-')}")

    def _current(self) -> Presentation | None:
        index = self.workshop.position(self.current_uid or "")
        return None if index is None else self.workshop.presentations()[index]

    def _hint(self, text: str, style: str = "", *, kept: bool = False) -> None:
        self._hint_says_kept = kept
        self.query_one("#hint", Static).update(plain(text, style))

    def _attempt(self, call: Callable[[], T]) -> T | None:
        """Run a store call; a refusal becomes a notification in the store's own words."""
        try:
            return call()
        except StorageWriteFailed as error:
            self.notify(
                f"{error} Nothing was changed; press F6 to save to another file.",
                severity="error",
                timeout=10,
            )
            return None
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=6)
            return None

    def _refuse_if_read_only(self) -> bool:
        """True (after saying why) when this workshop is open read-only."""
        if self.session.read_only:
            self.notify(self.session.read_only_sentence(), severity="error", timeout=6)
            return True
        return False

    # -- capturing -------------------------------------------------------------------------
    @on(Input.Changed, "#country")
    def _preview(self, event: Input.Changed) -> None:
        """Show what each typed part resolves to, before Enter."""
        parts = [p.strip() for p in event.value.replace(";", ",").split(",")]
        parts = [p for p in parts if p]
        if not parts:
            return
        if len(parts) == 1 and parts[0].lstrip("#").isdigit():
            self._hint(f"Enter: go to presentation {parts[0].lstrip('#')}")
            return
        shown = []
        for part in parts:
            found = self.session.resolve_typed(part)
            shown.append(found.name if found else f"{part}?")
        self._hint("→ " + " · ".join(shown))

    @on(Input.Submitted, "#country")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        if text.lstrip("#").isdigit():
            self.goto(int(text.lstrip("#")))
            self.country_input.value = ""
            return
        current = self._current()
        if current is None:
            self.notify("Register a presentation first (ctrl+n).", severity="error")
            return
        if self._refuse_if_read_only():
            return
        outcome = self._attempt(lambda: self.session.capture(current.uid, text, self.channel))
        if outcome is None:
            return
        self._captured(outcome, current)

    def _captured(self, outcome: Captured, presentation: Presentation) -> None:
        unknown = outcome.result.unknown if outcome.result else outcome.unknown
        self.country_input.value = ", ".join(unknown)
        if outcome.result is not None:
            self._report(outcome.result, presentation)
        else:
            self._report_kept(outcome)
        if unknown:
            self._ask_unknown(presentation, unknown[0])

    def _report_kept(self, outcome: Captured) -> None:
        """The entry is kept but not saved: say so, never "Saved"."""
        parts = []
        if outcome.queued:
            names = ", ".join(c.name for c in outcome.queued)
            waiting = self.session.unsaved
            parts.append(
                f"NOT saved yet: {names} ({self.channel.label}); "
                f"{entries(waiting)} wait{'s' if waiting == 1 else ''} for the disk."
            )
        parts += self._not_counted(
            outcome.duplicates, outcome.unknown, "Already counted or waiting"
        )
        self._hint(" ".join(parts), "bold $error" if outcome.queued else "", kept=True)

    def _not_counted(
        self, duplicates: Sequence[Country], unknown: Sequence[str], why: str
    ) -> list[str]:
        """The hint's words for names left out (said under the input, never as a toast)."""
        parts = []
        if duplicates:
            parts.append(f"{why}, not counted again: {', '.join(c.name for c in duplicates)}.")
        if unknown:
            parts.append("Not recognised: " + ", ".join(unknown) + ".")
        return parts

    def _report(self, result: RecordResult, presentation: Presentation) -> None:
        parts = []
        if result.recorded:
            names = ", ".join(i.country.name for i in result.recorded)
            parts.append(f"Saved {names} ({self.channel.label}).")
        parts += self._not_counted(
            result.duplicates, result.unknown, "Already counted for this presentation"
        )
        total = self.workshop.totals().interests
        parts.append(f"{total} in total.")
        self._hint(" ".join(parts), "bold" if result.recorded else "")

    def _ask_unknown(self, presentation: Presentation, name: str) -> None:
        def chosen(choice: Country | str | None) -> None:
            if choice is None:
                return
            if isinstance(choice, str):
                made = self._attempt(lambda: self.session.add_custom_country(choice))
                if made is None:
                    return
                country: Country = made
                self.notify(f"Created the custom country {country.name}.")
            else:
                country = choice
            outcome = self._attempt(
                lambda: self.session.capture(presentation.uid, [country], self.channel)
            )
            if outcome is None:
                return
            remaining = [
                p.strip() for p in self.country_input.value.split(",") if p.strip() != name
            ]
            self.country_input.value = ", ".join(p for p in remaining if p)
            if outcome.result is not None:
                self._report(outcome.result, presentation)
            else:
                self._report_kept(outcome)

        self.app.push_screen(UnknownCountryDialog(name, self.session.suggest(name, 6)), chosen)

    # -- interests ---------------------------------------------------------------------------
    @on(InterestTable.Withdraw, "#interests")
    def _withdraw(self, event: InterestTable.Withdraw) -> None:
        if self._refuse_if_read_only():
            return
        if self._attempt(lambda: self.session.withdraw(event.interest)) is not None:
            self.notify(f"Withdrew {event.interest.country.name} (ctrl+z brings it back).")

    @on(InterestTable.CycleChannel, "#interests")
    def _interest_channel(self, event: InterestTable.CycleChannel) -> None:
        channel = next_channel(event.interest.channel)
        self._attempt(lambda: self.session.update_interest(event.interest, channel=channel))

    @on(InterestTable.EditNote, "#interests")
    def _interest_note(self, event: InterestTable.EditNote) -> None:
        if self._refuse_if_read_only():
            return
        interest = event.interest

        def save(note: str | None) -> None:
            if note is not None:
                self._attempt(lambda: self.session.update_interest(interest, note=note))

        self.app.push_screen(NoteDialog(interest.country.name, interest.note), save)

    # -- actions -----------------------------------------------------------------------------
    def action_previous_presentation(self) -> None:
        self.table.action_cursor_up()

    def action_next_presentation(self) -> None:
        self.table.action_cursor_down()

    def action_page_presentations(self, direction: int) -> None:
        if direction < 0:
            self.table.action_page_up()
        else:
            self.table.action_page_down()

    def action_cycle_channel(self) -> None:
        self.channel = next_channel(self.channel)

    def action_focus_input(self) -> None:
        self.country_input.focus()

    def goto(self, number: int) -> None:
        """Highlight presentation ``number`` (1-based)."""
        count = len(self.session.presentations)
        if not 1 <= number <= count:
            self.notify(
                f"There is no presentation {number}; the agenda has {count}.", severity="error"
            )
            return
        self.table.move_cursor(row=number - 1, animate=False, scroll=True)

    def action_goto(self) -> None:
        def chosen(number: int | None) -> None:
            if number is not None:
                self.goto(number)

        self.app.push_screen(GotoDialog(len(self.session.presentations)), chosen)

    def _select(self, presentation: Presentation | None) -> None:
        if presentation is None:
            return
        index = self.workshop.position(presentation.uid)
        if index is not None:
            self.table.move_cursor(row=index, animate=False, scroll=True)
        self.country_input.focus()

    def action_new_presentation(self) -> None:
        if self._refuse_if_read_only():
            return
        self.app.push_screen(PresentationDialog(self.session), self._select)

    def action_edit_presentation(self) -> None:
        if self._refuse_if_read_only():
            return
        current = self._current()
        if current is None:
            self.notify("There is no presentation to edit yet.", severity="error")
            return
        self.app.push_screen(PresentationDialog(self.session, current), self._select)

    def action_remove_presentation(self) -> None:
        if self._refuse_if_read_only():
            return
        current = self._current()
        if current is None:
            self.notify("There is no presentation to remove.", severity="error")
            return
        count = self.workshop.interest_count(current.uid)

        def confirmed(yes: bool | None) -> None:
            if yes and self._attempt(lambda: self.session.remove_presentation(current.uid)):
                self.notify(f"Removed “{current.title}” (ctrl+z brings it back).")

        self.app.push_screen(
            ConfirmDialog(
                f"Remove “{current.title}” ({current.country.name})? "
                f"Its {count} interest(s) will stop counting.",
                yes="Remove",
                no="Keep",
            ),
            confirmed,
        )

    def action_move_presentation(self, delta: int) -> None:
        current = self._current()
        index = self.workshop.position(current.uid) if current else None
        if current is None or index is None:
            return
        target = index + delta
        if not 0 <= target < len(self.session.presentations) or self._refuse_if_read_only():
            return
        self._attempt(lambda: self.session.move_presentation(current.uid, target))
        self._select(current)

    def action_workshop_details(self) -> None:
        if self._refuse_if_read_only():
            return
        self.app.push_screen(WorkshopDialog(self.session))

    def action_board(self) -> None:
        from matchdesk.tui.screens.board import BoardScreen

        self.app.push_screen(BoardScreen(self.session))

    def action_network(self) -> None:
        from matchdesk.tui.screens.network import NetworkScreen

        self.app.push_screen(NetworkScreen([self.session.workshop.path.parent]))

    def action_export(self) -> None:
        from matchdesk.tui.dialogs.export import ExportDialog

        self.app.push_screen(ExportDialog(self.session))

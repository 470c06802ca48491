"""``CaptureBar``: channel, country input and feedback line, and the one path every capture takes.

Each Enter becomes an ``Entry`` at once (what was typed, what it previewed, the highlighted
presentation, the channel), in key order, and joins a first-in-first-out queue. The queue is
written in order; an entry naming something unknown asks (a dialog) before the entries behind
it are written, and those wait, shown as "waiting", so the file keeps the typing order. Every
write goes through ``Session.capture``: fsynced before anything counts it, or kept unsaved in
order when the disk refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from matchdesk.store import Change, Channel, Country, Mode, Presentation, PreviewPart
from matchdesk.tui.capture.guard import attempt, refuse_if_read_only
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.session import Captured, Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.country_input import CountryInput
from matchdesk.tui.widgets.interest_table import CHANNEL_STYLE
from matchdesk.tui.widgets.save_banner import entries

CHANNEL_ORDER = (Channel.IN_ROOM, Channel.ONLINE, Channel.UNSPECIFIED)
# Keys the input applies itself when they were typed before a dialog appeared (handed back).
_TYPING_KEYS = frozenset({"enter", "backspace", "up", "down", "pageup", "pagedown"})


def next_channel(channel: Channel) -> Channel:
    return CHANNEL_ORDER[(CHANNEL_ORDER.index(channel) + 1) % len(CHANNEL_ORDER)]


def default_channel(mode: Mode | None) -> Channel:
    """New entries default to where most hands are: the room, unless the workshop is online."""
    return {Mode.ONLINE: Channel.ONLINE, None: Channel.UNSPECIFIED}.get(mode, Channel.IN_ROOM)


@dataclass(frozen=True)
class Entry:
    """One Enter: what was typed and previewed, for which presentation, on which channel."""

    presentation: Presentation
    typed: str
    parts: tuple[PreviewPart, ...]
    channel: Channel

    @property
    def countries(self) -> list[Country]:
        return [p.completion.country for p in self.parts if p.completion is not None]

    @property
    def unknown(self) -> list[str]:
        return [p.typed for p in self.parts if p.completion is None]


class CaptureBar(Vertical):
    """The capture input a screen hosts (the capture screen, and the board in the app's dock).

    The host gives ``target`` (the presentation Enter records for, read as Enter is read),
    ``goto`` (a number typed then Enter) and the first ``channel`` if not the workshop's
    default, focuses ``input``, binds its channel key to ``cycle_channel``, answers the
    input's arrow keys (``screen.previous_presentation`` ...), and may show
    ``waiting_for(uid)`` on ``QueueChanged``. Keys reach it in typing order through
    ``tui/capture/routing.py`` wherever it is hosted.
    """

    # Its own look wherever it is hosted (app.tcss sizes it on the capture screen).
    DEFAULT_CSS = """
    CaptureBar { height: auto; }
    CaptureBar #entry { height: 3; }
    CaptureBar #channel { width: 17; height: 3; content-align: center middle;
                          text-style: bold; border: tall $panel; }
    CaptureBar #country.-in-room { border: tall $success; }
    CaptureBar #country.-online { border: tall $accent; }
    CaptureBar #hint { height: 1; padding: 0 1; color: $text-muted;
                       text-wrap: nowrap; text-overflow: ellipsis; }
    """

    channel: reactive[Channel] = reactive(Channel.UNSPECIFIED)

    @dataclass
    class QueueChanged(Message):
        """Entries started or stopped waiting (behind a question): the host shows them."""

        bar: CaptureBar

        @property
        def control(self) -> CaptureBar:
            return self.bar

    def __init__(
        self,
        session: Session,
        target: Callable[[], Presentation | None],
        goto: Callable[[int], None],
        *,
        channel: Channel | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.session = session
        self._first_channel = channel  # None: the workshop's mode decides
        self._target = target
        self._goto = goto
        self._queue: list[Entry] = []
        self._asking: Entry | None = None  # the entry whose unknown names are being asked
        self._unanswered: list[str] = []  # its names not answered yet
        self._hint_says_kept = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="entry"):
            yield Static(id="channel")
            yield CountryInput(self.session.preview, self.submit, id="country")
        yield Static(id="hint")

    @property
    def input(self) -> CountryInput:
        return self.query_one("#country", CountryInput)

    def on_mount(self) -> None:
        self.channel = self._first_channel or default_channel(self.session.info().mode)
        self.hint("Type a country (or several: kaz, tha, phl) and press Enter.")
        app = self.app
        for name, callback in (
            ("workshop_changed", self._workshop_changed),
            ("save_state_changed", self._save_state_changed),
        ):
            signal = getattr(app, name, None)
            if signal is not None:
                signal.subscribe(self, callback, immediate=True)

    # -- what the bar shows -----------------------------------------------------------------
    def hint(self, text: str, style: str = "", *, kept: bool = False) -> None:
        self._hint_says_kept = kept
        self.query_one("#hint", Static).update(plain(text, style), layout=False)  # one line

    def watch_channel(self, channel: Channel) -> None:
        indicator = self.query_one("#channel", Static)
        indicator.update(plain(f"● {channel.label}", CHANNEL_STYLE[channel]), layout=False)
        for value in Channel:
            name = f"-{value.value.replace('_', '-')}"
            indicator.set_class(value is channel, name)
            self.input.set_class(value is channel, name)

    def cycle_channel(self) -> None:
        self.channel = next_channel(self.channel)

    @on(Input.Changed, "#country")
    def _preview(self, event: Input.Changed) -> None:
        """Show what each typed part previews: exactly what Enter records."""
        event.stop()
        value = self.input.value.strip()
        if not value:
            return
        if value.lstrip("#").isdigit():
            self.hint(f"Enter: go to presentation {value.lstrip('#')}")
            return
        shown = [
            p.completion.country.name if p.completion else f"{p.typed}?" for p in self.input.parts
        ]
        self.hint("→ " + " · ".join(shown))

    def _workshop_changed(self, change: Change) -> None:
        if self.input.value:  # the ranking follows the counts
            self.input.refresh_preview()

    def _save_state_changed(self, _: None = None) -> None:
        if self._hint_says_kept and not self.session.unsaved:
            total = self.session.workshop.totals().interests
            self.hint(f"Every entry is saved now. {total} in total.", "bold")

    def waiting_for(self, presentation_uid: str) -> list[str]:
        """Names of the entries for a presentation that wait behind a question, in order."""
        names: list[str] = []
        for entry in self._queue:
            if entry.presentation.uid != presentation_uid:
                continue
            if entry is self._asking:
                names += self._unanswered
            else:
                names += [
                    p.completion.country.name if p.completion else p.typed for p in entry.parts
                ]
        return names

    @property
    def waiting(self) -> int:
        return len(self._queue)

    # -- keys, in the order they were typed --------------------------------------------------
    async def type_key(self, event: events.Key, *, handed_back: bool = False) -> None:
        """Apply one key now, before the next is read (``tui/capture/routing.py``).

        ``handed_back``: typed before a dialog appeared; only typing keys apply (a command
        key typed then is dropped, never run against the dialog).
        """
        app = self.app
        if handed_back:
            if event.is_printable and event.character:
                self.input.type_text(event.character)
            elif event.key in _TYPING_KEYS:
                for binding in self.input._bindings.key_to_bindings.get(event.key, ()):
                    await app.run_action(binding.action, self.input)
            return
        if await app._check_bindings(event.key, priority=True):
            return
        if event.is_printable and event.character:
            self.input.type_text(event.character)
            return
        await app._check_bindings(event.key)

    # -- capturing -------------------------------------------------------------------------
    def submit(self) -> None:
        """Enter: take what was typed (and previewed) as one entry, now; then write in order."""
        typed, parts = self.input.take()
        text = typed.strip()
        if not text:
            return
        if text.lstrip("#").isdigit():
            self._goto(int(text.lstrip("#")))
            return
        presentation = self._target()
        if presentation is None:
            self.input.value = typed
            self.notify("Register a presentation first (ctrl+n).", severity="error")
            return
        if refuse_if_read_only(self, self.session):
            self.input.value = typed
            return
        self._queue.append(Entry(presentation, text, parts, self.channel))
        self._drain()

    def _drain(self) -> None:
        """Write waiting entries in order until one needs an answer."""
        shown_waiting = len(self._queue) > 1  # the host showed entries as waiting
        while self._queue and self._asking is None:
            entry = self._queue[0]
            if entry.unknown:
                self._asking, self._unanswered = entry, entry.unknown  # only these wait now
            else:
                self._queue.pop(0)
            if entry.countries:
                self._record(entry, entry.countries)
            if entry.unknown:
                self._ask(entry, entry.unknown)
        if shown_waiting or self._asking is not None:
            self.post_message(self.QueueChanged(self))

    def _record(self, entry: Entry, countries: list[Country]) -> None:
        outcome = attempt(
            self,
            lambda: self.session.capture(entry.presentation.uid, countries, entry.channel),
        )
        if outcome is not None:
            self._report(outcome, entry.channel)

    def _report(self, outcome: Captured, channel: Channel) -> None:
        result = outcome.result
        parts = []
        if result is None:  # kept, not saved: say so, never "Saved"
            if outcome.queued:
                names = ", ".join(c.name for c in outcome.queued)
                waiting = self.session.unsaved
                parts.append(
                    f"NOT saved yet: {names} ({channel.label}); "
                    f"{entries(waiting)} wait{'s' if waiting == 1 else ''} for the disk."
                )
            parts += self._not_counted(outcome.duplicates, "Already counted or waiting")
            self.hint(" ".join(parts), "bold $error" if outcome.queued else "", kept=True)
            return
        if result.recorded:
            names = ", ".join(i.country.name for i in result.recorded)
            parts.append(f"Saved {names} ({channel.label}).")
        parts += self._not_counted(result.duplicates, "Already counted for this presentation")
        parts.append(f"{self.session.workshop.totals().interests} in total.")
        self.hint(" ".join(parts), "bold" if result.recorded else "")

    def _not_counted(self, duplicates: Sequence[Country], why: str) -> list[str]:
        """The hint's words for repeats (said under the input, never as a toast)."""
        if not duplicates:
            return []
        return [f"{why}, not counted again: {', '.join(c.name for c in duplicates)}."]

    def _ask(self, entry: Entry, names: list[str]) -> None:
        """Ask what ``names[0]`` is; then the rest; then the entries behind it are written."""
        name = names[0]

        def chosen(choice: Country | str | None) -> None:
            self._unanswered = names[1:]
            if isinstance(choice, str):
                made = attempt(self, lambda: self.session.add_custom_country(choice))
                if made is not None:
                    self.notify(f"Created the custom country {made.name}.")
                    self._record(entry, [made])
            elif choice is not None:
                self._record(entry, [choice])
            else:
                self._left_out(", ".join(names))  # Escape: not now, for the rest too
                names[1:] = []
            if names[1:]:
                self._ask(entry, names[1:])
                return
            self._queue.remove(entry)
            self._asking = None
            self._drain()
            self.post_message(self.QueueChanged(self))

        if not self.input.value:  # the line under the input no longer previews it
            self.hint(f"Not recognised: {name}.")
        dialog = UnknownCountryDialog(name, self.session.suggest(name, 6))
        self.app.push_screen(dialog, chosen)

    def _left_out(self, name: str) -> None:
        """Escape on the question: the names are not recorded; they go back to the input when
        nothing else was typed since, else the hint says so."""
        if not self.input.value and len(self._queue) == 1:
            self.input.value = name
            self.hint(f"Not recorded: {name}. Correct it and press Enter.")
        else:
            self.hint(f"Not recorded: {name}.", "bold")
            self.notify(f"“{name}” was not recorded.", severity="warning")

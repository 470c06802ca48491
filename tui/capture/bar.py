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
from typing import TYPE_CHECKING, Unpack

from msgspec import Struct
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from matchdesk.store import Change, Channel, Country, Mode, Presentation
from matchdesk.tui.capture.guard import attempt, refuse_if_read_only
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.session import Captured, Session
from matchdesk.tui.text import count, plain
from matchdesk.tui.textual_compat import bindings_for_key, check_bindings
from matchdesk.tui.widgets.country_input import CountryInput
from matchdesk.tui.widgets.interest_table import CHANNEL_STYLE
from matchdesk.tui.widgets.save_banner import entries

if TYPE_CHECKING:
    from matchdesk.store import PreviewPart
    from matchdesk.tui.dialogs.base import Dialog

# The first line under the input, longest first: the longest that fits its width is shown (at
# 100 columns the tallies panel leaves the capture column about 50 cells).
GREETINGS = (
    "Type a country (or several: kaz, tha, phl) and press Enter.",
    "Type a country (or several: kaz, tha) and press Enter.",
    "Type a country (or several: kaz, tha), then Enter.",
    "Type a country (or several), then Enter.",
    "Type a country, then Enter.",
)


def greeting(room: int) -> str:
    """The longest wording of the first line under the input that fits ``room`` cells."""
    return next((g for g in GREETINGS if len(g) <= room), GREETINGS[-1])


# Keys the input applies itself when they were typed before a dialog appeared (handed back).
_TYPING_KEYS = frozenset({"enter", "backspace", "up", "down", "pageup", "pagedown"})


def names_of(countries: Sequence[Country], room: int = 10_000) -> str:
    """``Fiji, Nepal`` or, when they would not fit ``room`` cells, ``Fiji, Nepal +3 more``."""
    names = [c.name for c in countries]
    for shown in range(len(names), 0, -1):
        text = ", ".join(names[:shown]) + (
            f" +{len(names) - shown} more" if shown < len(names) else ""
        )
        if len(text) <= room:
            return text
    return f"{names[0]} +{len(names) - 1} more" if len(names) > 1 else names[0] if names else ""


def report_line(
    recorded: Sequence[Country],
    repeated: Sequence[Country],
    channel: str,
    own: str,
    room: int,
) -> str:
    """What Enter did, in ``room`` cells: the names first, giving way to "+N more", the repeats
    named before "already counted here"; at worst the counts alone."""
    for share in (1.0, 0.5, 0.34, 0.0):
        parts = []
        if repeated:
            parts.append(f"{names_of(repeated, int(room * share))}: already counted here.")
        if recorded:
            left = room - sum(len(p) + 1 for p in parts) - len(f"Saved  ({channel}){own}.")
            parts.insert(0, f"Saved {names_of(recorded, left)} ({channel}){own}.")
        line = " ".join(parts)
        if len(line) <= room:
            return line
    saved = f"Saved {len(recorded)} ({channel}){own}; " if recorded else ""
    return f"{saved}{count(len(repeated), 'country')} already counted here."


def said_of(label: str, step: str = "") -> str:
    """A store ``Change`` label ("withdraw Nepal") as the line under the input says it."""
    if step:
        return f"{step}: {label}."
    verb, _, rest = label.partition(" ")
    words = {"withdraw": "Withdrew", "record": "Saved", "import": "Imported", "merge": "Merged"}
    if verb in words:
        tail = " (ctrl+z brings it back)" if verb == "withdraw" else ""
        return f"{words[verb]} {rest}{tail}."
    return f"{label[:1].upper()}{label[1:]}."


def next_channel(channel: Channel) -> Channel:
    """The other channel: a person switches an interest between the room and online only
    ("unspecified", from an import, becomes in the room)."""
    return Channel.ONLINE if channel is Channel.IN_ROOM else Channel.IN_ROOM


def default_channel(mode: Mode | None) -> Channel:
    """New entries default to where most hands are: the room (in-room and hybrid workshops,
    and a workshop whose mode is not said yet), online for an online workshop."""
    return Channel.ONLINE if mode is Mode.ONLINE else Channel.IN_ROOM


class Entry(Struct, frozen=True):
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

    @property
    def names(self) -> list[str]:
        """Each part as the list shows it while it waits: the country, else what was typed."""
        return [p.completion.country.name if p.completion else p.typed for p in self.parts]


def outcome_line(
    outcome: Captured, channel: Channel, presenter: Country, unsaved: int, room: int
) -> tuple[str, str, bool]:
    """What Enter did, in ``room`` cells: (the line, its style, whether the entries were kept
    unsaved, never "Saved", rather than written)."""
    result = outcome.result
    if result is None:  # kept, not saved: say so, never "Saved"
        parts = []
        if outcome.queued:
            parts.append(
                f"NOT saved yet: {names_of(outcome.queued)} ({channel.label}); "
                f"{entries(unsaved)} wait{'s' if unsaved == 1 else ''} for the disk."
            )
        if outcome.duplicates:  # the country first ("Thailand: already counted or waiting")
            parts.append(f"{names_of(outcome.duplicates, room // 2)}: already counted or waiting.")
        return " ".join(parts), "bold $error" if outcome.queued else "", True
    recorded = [i.country for i in result.recorded]
    own = " (its own practice)" if presenter in recorded else ""
    line = report_line(recorded, result.duplicates, channel.label, own, room - 14)
    return line, "bold" if recorded else "", False


def preview_line(value: str, parts: Sequence[PreviewPart]) -> str:
    """The line under the input while typing: what each typed part previews (what Enter
    records), or the presentation a number goes to."""
    if value.lstrip("#").isdigit():
        return f"Enter: go to presentation {value.lstrip('#')}"
    shown = [p.completion.country.name if p.completion else f"{p.typed}?" for p in parts]
    return "→ " + " · ".join(shown)


class CaptureBar(Vertical):
    """The capture input a screen hosts (the capture screen, and the board in the app's dock).

    The host gives ``target`` (the presentation Enter records for, read as Enter is read),
    ``goto`` (a number typed then Enter) and the first ``channel`` if not the workshop's
    default, focuses ``input``, binds its channel keys to ``set_channel``, answers the
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
    read_only: reactive[bool] = reactive(False)

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
        **kwargs: Unpack[WidgetOptions],
    ) -> None:
        super().__init__(**kwargs)
        self.session = session
        self._mode: Mode | None = session.info().mode  # the mode the channel was defaulted from
        # Known before the bar is composed, so the input and the indicator are made with their
        # look: a class changed after mount styles them again (a stylesheet pass each).
        self.set_reactive(CaptureBar.channel, channel or default_channel(self._mode))
        self._target = target
        self._goto = goto
        self._queue: list[Entry] = []
        self._asking: Entry | None = None  # the entry whose unknown names are being asked
        self._unanswered: list[str] = []  # its names not answered yet
        self._hint_says_kept = False
        self._said: tuple[str, str, bool] = ("", "", False)  # sentence, style, with the total
        self.counts_hidden = False  # the board hides the numbers: the line must not say one

    def compose(self) -> ComposeResult:
        look = _channel_class(self.channel)
        with Horizontal(id="entry"):
            yield Static(_indicator(self.channel), id="channel", classes=look)
            yield CountryInput(self.session.preview, self.submit, id="country", classes=look)
        yield Static(id="hint")

    @property
    def input(self) -> CountryInput:
        return self.query_one("#country", CountryInput)

    def on_mount(self) -> None:
        self.say(GREETINGS[0], total=False)
        for name, callback in (
            ("workshop_changed", self._workshop_changed),
            ("save_state_changed", self._save_state_changed),
        ):
            signal = getattr(self.app, name, None)
            if signal is not None:
                signal.subscribe(self, callback, immediate=True)

    # -- what the bar shows -----------------------------------------------------------------
    def hint(self, text: str, style: str = "", *, kept: bool = False) -> None:
        """Show ``text`` on the line under the input now (a preview, or what was said)."""
        self._hint_says_kept = kept
        self.query_one("#hint", Static).update(plain(text, style), layout=False)  # one line

    def say(
        self, sentence: str, style: str = "", *, total: bool = True, kept: bool = False
    ) -> None:
        """The line under the input, about the last action: ``sentence`` then the running total
        (left out while the board hides the numbers). While something is typed the line
        previews it; what was said comes back when the input is empty again."""
        self._said = (sentence, style, total)
        self._hint_says_kept = kept
        if not self.input.value.strip():
            self.show_said()

    def show_said(self) -> None:
        sentence, style, total = self._said
        if sentence == GREETINGS[0]:  # its longest form that fits the line
            sentence = greeting(self.room)
        if total and not self.counts_hidden:
            sentence = f"{sentence} {self.session.workshop.totals().interests:,} in total.".lstrip()
        self.hint(sentence, style, kept=self._hint_says_kept)

    def on_resize(self) -> None:
        """The greeting's wording follows the width (the first layout gives the real one)."""
        if self._said[0] == GREETINGS[0] and not self.input.value.strip():
            self.show_said()

    @property
    def room(self) -> int:
        """The cells the line under the input has (80 columns leave about 76)."""
        return (self.query_one("#hint", Static).content_size.width or self.app.size.width) - 1

    def watch_read_only(self, read_only: bool) -> None:
        """A read-only window takes no typing: no input, no channel; the line under it stays
        (what changed, as the window follows the file)."""
        self.input.disabled = read_only
        self.query_one("#entry").display = not read_only
        if read_only:
            self.say("", total=True)

    def watch_channel(self, channel: Channel) -> None:
        indicator = self.query_one("#channel", Static)
        indicator.update(_indicator(channel), layout=False)
        for widget in (indicator, self.input):
            for value in Channel:
                widget.set_class(value is channel, _channel_class(value))

    def set_channel(self, channel: Channel) -> None:
        """One key per channel (ctrl+t in the room, ctrl+o online): no cycling past the one
        wanted."""
        self.channel = channel

    @on(Input.Changed, "#country")
    def _preview(self, event: Input.Changed) -> None:
        """Show what each typed part previews: exactly what Enter records."""
        event.stop()
        value = self.input.value.strip()
        if not value:
            self.show_said()
            return
        self.hint(preview_line(value, self.input.parts))

    def _workshop_changed(self, change: Change) -> None:
        if change.info and (mode := self.session.info().mode) != self._mode:
            self._mode = mode  # hybrid chosen in the details: new entries in the room
            self.channel = default_channel(mode)
        # Every change to what is counted is said, whoever made it (an undo, a withdrawal, a
        # merge, a capture under the board); this bar's own captures say more right after
        # (``_report``). Naming the presentation being discussed is not an action to report.
        step = self.session.history_step
        if change.label and (change.presentations or change.agenda or step):
            self.say(said_of(change.label, step), kept=self._hint_says_kept)
        elif self._said[2]:
            # the total moved (a peer's capture): say it again
            self.say(*self._said[:2], kept=self._hint_says_kept)
        if self.input.value:  # the ranking follows the counts
            self.input.refresh_preview()

    def _save_state_changed(self, _: None = None) -> None:
        if self._hint_says_kept and not self.session.unsaved:
            self.say("Every entry is saved now.", "bold")

    def waiting_for(self, presentation_uid: str) -> list[str]:
        """Names of the entries for a presentation that wait behind a question, in order."""
        names: list[str] = []
        for entry in self._queue:
            if entry.presentation.uid != presentation_uid:
                continue
            names += self._unanswered if entry is self._asking else entry.names
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
                for binding in bindings_for_key(self.input, event.key):
                    await app.run_action(binding.action, self.input)
            return
        if await check_bindings(app, event.key, priority=True):
            return
        if event.is_printable and event.character:
            self.input.type_text(event.character)
            return
        await check_bindings(app, event.key)

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
            self._report(outcome, entry.channel, entry.presentation.country)
            announce = getattr(self.app, "announce", None)  # the cursor rests on what happened
            if announce is not None:
                announce(self.query_one("#hint", Static))

    def _report(self, outcome: Captured, channel: Channel, presenter: Country) -> None:
        """Say what Enter did, the names first, short enough for 80 columns."""
        line, style, kept = outcome_line(
            outcome, channel, presenter, self.session.unsaved, self.room
        )
        self.say(line, style, total=not kept, kept=kept)

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

        # What Enter saved of the same entry stays said; the name asked about comes after it.
        question = f"{name}: which country? Asked above."
        saved = self._said[0] if entry.countries and self._said[2] else ""
        if len(saved) + len(question) + 14 > self.room:  # the line must fit: the question wins
            saved = ""
        self.say(f"{saved} {question}".strip(), total=bool(saved))
        self.app.push_screen(_question(name, self.session), chosen)

    def _left_out(self, name: str) -> None:
        """Escape on the question: the names are not recorded; they go back to the input when
        nothing else was typed since, else the hint says so."""
        if not self.input.value and len(self._queue) == 1:
            self.input.value = name
            self.hint(f"Not recorded: {name}. Correct it and press Enter.")
            self._said = (f"Not recorded: {name}.", "bold", False)
        else:
            self.say(f"Not recorded: {name}.", "bold", total=False)
            self.notify(f"“{name}” was not recorded.", severity="warning")


def _channel_class(channel: Channel) -> str:
    """The class that gives the input and the indicator a channel's look (``-in-room``)."""
    return f"-{channel.value.replace('_', '-')}"


def _indicator(channel: Channel) -> Content:
    """The indicator left of the input: which channel new entries get."""
    return plain(f"● {channel.label}", CHANNEL_STYLE[channel])


def _question(name: str, session: Session) -> Dialog[Country | str]:
    """The unknown-name question (its module loads on the first question, not at start)."""
    from matchdesk.tui.dialogs.unknown import UnknownCountryDialog

    return UnknownCountryDialog(name, session.suggest(name, 6), session.meanings(name))

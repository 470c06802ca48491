"""The board for the room: the presentation being discussed, who wants it, the running totals.

Shown large, and larger on a larger terminal (80x24 up to a 240x67 projector window). In the
app (ctrl+l) it covers the capture screen and docks a ``CaptureBar`` under it, so a facilitator
with one screen captures while the room watches: the presentation shown and captured for is the
capture screen's highlighted one, which the dock's arrows move. ``matchdesk board FILE`` runs it
alone, read-only, following the window that captures into FILE: it shows the presentation the
writer has highlighted (``Workshop.current_presentation``). Either way it draws from the store.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Label, Static

from matchdesk.store import Change, Channel, Presentation
from matchdesk.tui.capture.bar import CaptureBar
from matchdesk.tui.host import host
from matchdesk.tui.keys import bindings
from matchdesk.tui.session import Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.bigtext import BigText
from matchdesk.tui.widgets.country_grid import CountryGrid, Name
from matchdesk.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from matchdesk.tui.screens.capture import CaptureScreen

STATS = (  # field, what one is called, what several are called
    ("interests", "possibility for partnership", "possibilities for partnership"),
    ("presentations", "presentation", "presentations"),
    ("interested_countries", "interested country", "interested countries"),
    ("countries_involved", "country involved", "countries involved"),
)
# How long a country just captured stays highlighted.
FRESH_SECONDS = 8.0


class BoardScreen(Screen[None]):
    """Follows every change live; ``h`` hides the numbers (the totals, the count, the newest
    name), a second ``h`` the names as well, a third reveals everything.

    With a ``host`` (the capture screen under it, writable) ``#board-dock`` holds a
    ``CaptureBar`` whose target, number jumps and arrows are the host's; tab takes the cursor
    out of it (then ``h`` hides) and back. Alone, or read-only, the dock stays empty.
    """

    KEY_SCOPES = ("board",)
    BINDINGS = bindings("board")
    DEFAULT_CSS = """
    BoardScreen { layout: vertical; }
    BoardScreen #board-title {
        height: 1; padding: 0 1; background: $primary; color: $text; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    BoardScreen #totals { height: auto; padding: 1 1 0 1; }
    BoardScreen .stat { width: 1fr; height: auto; }
    BoardScreen .stat BigText { width: 100%; text-align: center; color: $accent; }
    BoardScreen .stat Label { width: 100%; content-align: center middle; color: $text-muted; }
    BoardScreen #now { height: 1fr; padding: 0 2; border-top: hkey $primary-muted; }
    BoardScreen #now-title { color: $text; text-style: bold; }
    BoardScreen #now-sub { height: auto; color: $text-muted; margin-bottom: 1; }
    BoardScreen #now-body { height: 1fr; }
    BoardScreen #now-count { width: auto; height: auto; padding-right: 3; }
    BoardScreen #now-count BigText { width: auto; color: $success; text-style: bold; }
    BoardScreen #now-count Label { color: $text-muted; }
    BoardScreen #curtain {
        display: none; height: auto; text-style: bold; color: $text-muted; margin-bottom: 1;
    }
    BoardScreen #board-dock { height: auto; }
    BoardScreen.-hidden #curtain { display: block; }
    BoardScreen.-hidden #totals BigText, BoardScreen.-hidden #now-count { display: none; }
    BoardScreen.-names-hidden #now-body { display: none; }
    BoardScreen.-names-hidden #curtain { height: 1fr; content-align: center middle; }
    """

    # 0: everything shown; 1: the numbers hidden (names stay); 2: the names hidden too.
    hidden: reactive[int] = reactive(0, init=False)

    def __init__(
        self, session: Session, *, standalone: bool = False, host: CaptureScreen | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.standalone = standalone
        self.host = None if standalone or session.read_only else host
        self.bar = (
            None
            if self.host is None
            else CaptureBar(
                session, self.host.target, self.host.goto, channel=self.host.channel, id="dock"
            )
        )
        self._shown: str | None = None  # the presentation on the board
        self._known: set[str] = set()  # its interests already seen
        self._fresh: dict[str, float] = {}  # interest uid -> highlighted until (monotonic)

    def compose(self) -> ComposeResult:
        yield Static(id="board-title")
        with Horizontal(id="totals"):
            for field, _, several in STATS:
                with Vertical(classes="stat"):
                    yield BigText("0", id=f"stat-{field}")
                    yield Label(several, id=f"label-{field}")
        with Vertical(id="now"):
            yield BigText(id="now-title", wrap=True)
            yield Static(id="now-sub")
            yield Static(id="curtain")
            with Horizontal(id="now-body"):
                with Vertical(id="now-count"):
                    yield BigText("0", id="count")
                    yield Label("interested")
                yield CountryGrid(id="countries")
        with Vertical(id="board-dock"):
            if self.bar is not None:
                yield self.bar
        yield KeyFooter()

    def on_mount(self) -> None:
        save_discussed = getattr(self.app, "save_discussed", None)
        if callable(save_discussed):  # in the app: show the highlighted one, not the last saved
            save_discussed()
        host(self).workshop_changed.subscribe(self, self.on_workshop_change, immediate=True)
        if self.host is not None:  # the dock's arrows move the host's highlight: follow it
            self.watch(self.host, "current_uid", self.redraw, init=False)
        self.redraw()

    def dock(self) -> None:
        """Put the cursor in the dock, with what the capture input held unsent. Synchronous,
        so the keys typed after ctrl+l (read once the board is mounted) land in it."""
        if self.host is None or self.bar is None:
            return
        typed, _ = self.host.country_input.take()
        _move_text(typed, self.bar)
        self.set_focus(self.bar.input)

    def on_workshop_change(self, change: Change) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Alone (``matchdesk board``) there is no screen to go back to, and no dock."""
        if action == "close":
            return not self.standalone
        if action in ("toggle_input", "channel"):
            return self.bar is not None
        return True

    # -- drawing -----------------------------------------------------------------------------
    def _presentation(self) -> Presentation | None:
        """The one being discussed; the first of the agenda until the writer highlights one."""
        workshop = self.session.workshop
        current = self.host.target() if self.host else workshop.current_presentation()
        if current is None:
            agenda = workshop.presentations()
            current = agenda[0] if agenda else None
        return current

    def _names(self, presentation: Presentation | None) -> list[Name]:
        """Its interested countries in capture order; those captured while shown are fresh."""
        if presentation is None:
            self._shown, self._known = None, set()
            return []
        interests = self.session.workshop.interests(presentation.uid)
        uids = {i.uid for i in interests}
        now = time.monotonic()
        if presentation.uid == self._shown:
            for uid in uids - self._known:
                self._fresh[uid] = now + FRESH_SECONDS
                self.set_timer(FRESH_SECONDS + 0.05, self.redraw)
        self._shown, self._known = presentation.uid, uids
        self._fresh = {uid: until for uid, until in self._fresh.items() if until > now}
        return [Name(i.country.name, i.uid in self._fresh) for i in interests]

    def redraw(self) -> None:
        workshop = self.session.workshop
        height = self.size.height or 24
        digit_rows = max(int(height * 0.15), 3)
        totals = workshop.totals()
        title = self.session.info().title or "matchdesk"
        self.query_one("#board-title", Static).update(plain(title))
        for field, one, several in STATS:
            number = getattr(totals, field)
            self.query_one(f"#stat-{field}", BigText).show(f"{number:,}", digit_rows)
            self.query_one(f"#label-{field}", Label).update(one if number == 1 else several)
        current = self._presentation()
        names = self._names(current)
        heading = self.query_one("#now-title", BigText)
        sub = self.query_one("#now-sub", Static)
        if current is None:
            heading.show("No presentation yet", digit_rows)
            sub.update("")
        else:
            number = (workshop.position(current.uid) or 0) + 1
            heading.show(f"{number}. {current.title}", max(int(height * 0.2), 3))
            who = " · ".join(p for p in (current.country.name, current.presenter) if p)
            latest = f" — latest: {names[-1].text}" if names and not self.hidden else ""
            sub.update(plain(f"presented by {who}{latest}"))
        count = self.query_one("#count", BigText)
        count.show(str(len(names)), max(int(height * 0.25), 3))
        drawn = count.big_lines(max(self.size.width // 5, 3))  # a fifth of the width at most
        count.styles.width = len(drawn[0]) if drawn else "auto"
        self.query_one("#countries", CountryGrid).show(names)

    def watch_hidden(self, hidden: int) -> None:
        self.set_class(hidden > 0, "-hidden")
        self.set_class(hidden > 1, "-names-hidden")
        curtain = self.query_one("#curtain", Static)
        if hidden == 1:
            curtain.update("Numbers hidden — h again hides the names too.")
        elif hidden == 2:
            curtain.update("Numbers and names hidden — h again reveals them.")
        if self.bar is not None:  # the line under the board must not say the total either
            self.bar.counts_hidden = hidden > 0
            if not self.bar.input.value.strip():  # else it previews what is typed
                self.bar.show_said()
        self.redraw()

    def action_toggle_numbers(self) -> None:
        self.hidden = (self.hidden + 1) % 3

    def action_close(self) -> None:
        """Back to the capture screen, with the dock's unsent text and channel."""
        if self.standalone:
            return
        if self.host is not None and self.bar is not None:
            typed, _ = self.bar.input.take()
            _move_text(typed, self.host.bar)
            self.host.bar.channel = self.bar.channel
        self.dismiss()

    # -- the dock ----------------------------------------------------------------------------
    def action_toggle_input(self) -> None:
        if self.bar is not None:
            self.set_focus(None if self.bar.input.has_focus else self.bar.input)

    def action_channel(self, channel: str) -> None:
        if self.bar is not None:
            self.bar.set_channel(Channel(channel))

    def action_previous_presentation(self) -> None:
        if self.host is not None:
            self.host.action_previous_presentation()

    def action_next_presentation(self) -> None:
        if self.host is not None:
            self.host.action_next_presentation()

    def action_page_presentations(self, direction: int) -> None:
        if self.host is not None:
            self.host.action_page_presentations(direction)


def _move_text(typed: str, bar: CaptureBar) -> None:
    """Continue unsent text in ``bar``'s input, the cursor at its end."""
    if typed:
        bar.input.value = typed
        bar.input.cursor_position = len(typed)

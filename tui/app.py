"""The matchdesk Textual app and ``make_app``, the one factory the CLI and the tests share."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.timer import Timer

from matchdesk.store import Change, MatchdeskError, NotFound, StorageWriteFailed
from matchdesk.tui.accessibility import CursorFollowsFocus
from matchdesk.tui.capture.routing import route
from matchdesk.tui.commands import MatchdeskCommands, theme_only
from matchdesk.tui.keys import bindings, writes
from matchdesk.tui.peer_follower import follow_peers, open_workshop
from matchdesk.tui.screens.capture import CaptureScreen
from matchdesk.tui.session import Flushed, Session
from matchdesk.tui.text import said_plainly
from matchdesk.tui.theme import use_themes
from matchdesk.tui.widgets.save_banner import entries

if TYPE_CHECKING:
    from matchdesk.store.chat import ChatDesk
    from matchdesk.tui.host import Host

RETRY_SECONDS = 2.0
FOLLOW_SECONDS = 1.0
# The highlighted presentation is saved (for the board) once the highlight rests this long, so
# a run of arrow keys costs one write, not one fsync each.
DISCUSS_SECONDS = 0.3


class MatchdeskApp(CursorFollowsFocus, App[int]):
    """Holds one open workshop (and its write lock) for as long as it runs.

    A writing app retries unsaved captures every ``retry_every`` seconds; a read-only one
    re-reads the file every ``follow_every`` seconds when its writer changed it.
    """

    CSS_PATH = ["app.tcss", "high_contrast.tcss"]  # noqa: RUF012
    TITLE = "matchdesk"
    KEY_SCOPES = ("app",)
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {MatchdeskCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]  # noqa: RUF012
    chat_path: Path | None = None  # ``open --chat``: the chat file the chat screen follows
    chat_desk: ChatDesk | None = None  # the chat screen's desk, kept while it is away
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return theme_only(self)

    def __init__(
        self,
        session: Session,
        *,
        notice: str | None = None,
        retry_every: float = RETRY_SECONDS,
        follow_every: float = FOLLOW_SECONDS,
    ) -> None:
        super().__init__()
        self.session = session
        self.notice = notice
        self.retry_every = retry_every
        self.follow_every = follow_every
        self._asking_to_quit = False
        # Called once the first screen is painted (and the names prepared after it).
        self.started: list[Callable[[], None]] = []
        # Keys typed while the first screen is being built (a facilitator typing as the app
        # opens): nothing has the focus yet, so Textual would drop them; they wait here, with
        # the keys behind them, and are applied in order once it is painted
        # (``_apply_early_keys``).
        self._early_keys: list[events.Key | events.Paste] | None = []
        self._discussed: str | None = None
        self._discuss_timer: Timer | None = None
        use_themes(self)
        self.workshop_changed: Signal[Change] = Signal(self, "workshop_changed")
        self.save_state_changed: Signal[None] = Signal(self, "save_state_changed")
        session.listeners.append(self.workshop_changed.publish)
        session.save_listeners.append(lambda: self.save_state_changed.publish(None))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every matchdesk notification is plain text: they quote names, titles and paths
        people typed, which must never be parsed as markup (screens' ``notify`` comes here).

        A title joins the message's line, so a toast takes as few rows as it can (toasts sit
        over the title line and column headings, never over the input: app.tcss)."""
        text = said_plainly(message, severity, title)
        super().notify(text, severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        """Keys for a capture input are applied one by one, in typing order (``route``)."""
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if self._early_keys is not None:  # the first screen is not painted yet
                if self.focused is None or self._early_keys:  # (the keys behind them wait)
                    self._early_keys.append(event)
                    return
                self._early_keys = None  # the input was there in time: nothing to hold
            if await route(self, event):
                return
        await super().on_event(event)

    async def _apply_early_keys(self) -> None:
        """The keys typed before the first paint, in typing order, as if typed now (an Enter
        among them too)."""
        early, self._early_keys = self._early_keys or [], None
        for event in early:
            if isinstance(event, events.Key) and event.key == "ctrl+j":
                # Typed before Textual had the terminal: the terminal, still cooked, turned
                # the Enter into a line feed (ICRNL).
                enter = events.Key("enter", "\r")
                enter.time = event.time  # when it was typed (a dialog since never takes it)
                event = enter
            await self.on_event(event)  # routed as any key now (``_early_keys`` is None)

    def get_default_screen(self) -> Screen:
        return CaptureScreen(self.session)

    def on_mount(self) -> None:
        self._show_path()
        if self.notice:
            self.notify(self.notice, timeout=12)
        if self.session.read_only:
            self.set_interval(self.follow_every, self._follow, name="follow")
        else:
            self.set_interval(self.retry_every, self._auto_retry, name="retry")
            if isinstance(self.screen, CaptureScreen):
                self.watch(self.screen, "current_uid", self._discussing, init=False)
        follow_peers(self, self.session)  # open --with: other laptops' files
        if self.chat_path is not None:  # open --chat: new proposals are announced
            from matchdesk.tui.screens.chat import watch_chat

            watch_chat(self, self.session, self.chat_path)
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the first paint need not wait for: the indexes a capture uses and the names
        typing looks up (0.1 s each at 100,000 interests), then ``started``."""
        if not self.session.read_only:
            self.session.workshop.ready_to_write()
        self.session.workshop.prepare_names()
        for call in self.started:
            call()
        self.call_later(self._apply_early_keys)

    def on_unmount(self) -> None:
        self.save_discussed()
        self.session.close()

    # -- the presentation being discussed (what a board shows) -------------------------------
    def _discussing(self, uid: str | None) -> None:
        self._discussed = uid
        if self._discuss_timer is not None:
            self._discuss_timer.stop()
        self._discuss_timer = self.set_timer(DISCUSS_SECONDS, self.save_discussed)

    def save_discussed(self) -> None:
        """Save the highlighted presentation now (a board opening must not wait for it). Not
        data: when the disk refuses, the next highlight tries again."""
        if self._discuss_timer is not None:
            self._discuss_timer.stop()
            self._discuss_timer = None
        if self.session.read_only or self._discussed is None:
            return
        with contextlib.suppress(MatchdeskError):
            self.session.discuss(self._discussed)

    def _show_path(self) -> None:
        name = self.session.workshop.path.name
        self.sub_title = f"{name} (read-only)" if self.session.read_only else name

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo, redo, help, save-as, merge and conflicts wait while a dialog is open (it may
        hold typing); a read-only window has no key that writes (footer, palette, help)."""
        if self.session.read_only and writes(action):
            return False
        return not (
            action in ("undo", "redo", "help", "save_as", "merge_files", "conflicts")
            and isinstance(self.screen, ModalScreen)
        )

    def _history(self, step: Callable[[], Change | None], done: str, nothing: str) -> None:
        """Undo or redo (the store's one history), saying what it did in its own words."""
        try:
            change = step()
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        if change is None:
            self.notify(nothing, severity="warning")
        else:
            self.notify(f"{done}: {change.label}.")

    def action_undo(self) -> None:
        self._history(self.session.undo, "Undone", "Nothing to undo in this session.")

    def action_redo(self) -> None:
        self._history(self.session.redo, "Redone", "Nothing to redo.")

    def action_read_totals(self) -> None:
        """A screen reader follows the cursor: rest it on the totals line until the next key."""
        totals = self.screen.query("#totals")
        if totals:
            self.announce(totals.first())
        else:
            self.notify("This screen has no totals line: the capture screen has.")

    def action_help(self) -> None:
        from matchdesk.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(read_only=self.session.read_only))

    def action_merge_files(self) -> None:
        from matchdesk.tui.dialogs.merge import open_merge_dialog

        open_merge_dialog(self, self.session)

    def action_conflicts(self) -> None:
        from matchdesk.tui.screens.conflicts import ConflictsScreen

        self.push_screen(ConflictsScreen(self.session))

    # -- unsaved entries ---------------------------------------------------------------------
    def _saved(self, flushed: Flushed) -> None:
        """Say what a successful retry wrote, and anything it could not count."""
        path = self.session.workshop.path
        if flushed.written:
            self.notify(f"Saved the {entries(flushed.written)} that were waiting, in {path}.")
        if flushed.duplicates:
            names = ", ".join(c.name for c in flushed.duplicates)
            self.notify(f"Already counted, not counted again: {names}.", severity="warning")
        if flushed.orphaned:
            names = ", ".join(flushed.orphaned)
            self.notify(
                f"Not saved, their presentation was removed meanwhile: {names}.",
                severity="warning",
                timeout=12,
            )

    def _auto_retry(self) -> None:
        if not self.session.unsaved:
            return
        try:
            flushed = self.session.retry()
        except MatchdeskError:
            return  # still refused: the banner already says so
        self._saved(flushed)

    def action_retry_save(self) -> None:
        if self.session.read_only:
            self.notify(self.session.read_only_sentence(), severity="error")
            return
        if not self.session.unsaved:
            self.notify(f"Everything is saved in {self.session.workshop.path}.")
            return
        try:
            flushed = self.session.retry()
        except StorageWriteFailed as error:
            self.notify(
                f"Still not saved: {error} Press F6 to save to another file.",
                severity="error",
                timeout=8,
            )
            return
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self._saved(flushed)

    def action_save_as(self) -> None:
        if self.session.read_only:
            self.notify(self.session.read_only_sentence(), severity="error")
            return
        from matchdesk.tui.dialogs.save_as import SaveAsDialog

        def moved(path: Path | None) -> None:
            if path is None:
                return
            self._show_path()
            self.notify(f"This workshop now continues in {path}.", timeout=10)
            if self.session.unsaved:
                self.action_retry_save()

        self.push_screen(SaveAsDialog(self.session), moved)

    async def action_quit(self) -> None:
        """Quit; when entries are still unsaved, try once more, then ask before losing them."""
        if self._asking_to_quit:
            return
        if self.session.unsaved and not self.session.read_only:
            with contextlib.suppress(MatchdeskError):
                self._saved(self.session.retry())
        count = self.session.unsaved
        if not count:
            self.exit()
            return
        from matchdesk.tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            self._asking_to_quit = False
            if yes:
                self.exit()

        self._asking_to_quit = True
        verb = "is" if count == 1 else "are"
        self.push_screen(
            ConfirmDialog(
                f"{entries(count)} {verb} not saved. Quit anyway and lose "
                f"{'it' if count == 1 else 'them'}? (F6 saves to another file.)",
                yes="Quit",
                no="Stay",
            ),
            answered,
        )

    # -- following a writer (read-only) ------------------------------------------------------
    def _follow(self) -> None:
        # Caught mid-write or unreadable for a moment: keep the last good view, try again.
        with contextlib.suppress(MatchdeskError):
            self.session.follow()


class BoardApp(MatchdeskApp):
    """``matchdesk board``: the board alone, read-only, looking at the file ten times a second
    (a stat; it re-reads only when the writer wrote) so a capture shows within a second."""

    TITLE = "matchdesk board"

    def get_default_screen(self) -> Screen:
        from matchdesk.tui.screens.board import BoardScreen

        return BoardScreen(self.session, standalone=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing to undo, retry or save here: those keys leave the footer."""
        return action not in ("undo", "redo", "retry_save", "save_as", "merge_files", "conflicts")


def open_session(
    path: str | os.PathLike[str],
    *,
    read_only: bool,
    peers: Sequence[Path] = (),
    fsync: Callable[[int], None] | None = None,
    max_bytes: int | None = None,
) -> Session:
    """The session on ``path`` (with ``peers``: combined with other laptops' files); the
    store's errors (``WorkshopLocked``, ``CorruptWorkshop``, ``SchemaTooNew``) rise before any
    screen is drawn, so the CLI prints one sentence."""
    workshop = open_workshop(
        Path(path), read_only=read_only, peers=peers, fsync=fsync, max_bytes=max_bytes
    )
    try:
        return Session(workshop)
    except BaseException:
        workshop.close()
        raise


def make_board_app(path: str | os.PathLike[str], *, follow_every: float = 0.1) -> BoardApp:
    """Open ``path`` read-only for the board (it must exist: the board never creates one)."""
    if not Path(path).is_file():
        raise NotFound(f"{path} does not exist: give the workshop file the facilitator has open.")
    return BoardApp(open_session(path, read_only=True), follow_every=follow_every)


def make_app(
    path: str | os.PathLike[str],
    *,
    notice: str | None = None,
    read_only: bool = False,
    peers: Sequence[Path] = (),
    fsync: Callable[[int], None] | None = None,
    max_bytes: int | None = None,
) -> MatchdeskApp:
    """Open ``path`` for writing (created if missing), or ``read_only``, and build the app.

    The app closes the workshop when it exits. ``fsync`` is passed to ``Workshop.open`` (tests
    slow the disk); a peer over ``max_bytes`` is not read (``open --max-size``).
    """
    session = open_session(path, read_only=read_only, peers=peers, fsync=fsync, max_bytes=max_bytes)
    return MatchdeskApp(session, notice=notice)


if TYPE_CHECKING:

    def _is_a_host(app: MatchdeskApp) -> Host:
        return app  # mypy holds the app to what ``host()`` promises the screens

"""The TUI's single door to the workshop: every change goes through here.

Each method calls the ``Workshop`` facade, then refreshes the ``TallyModel`` for only what the
change touched and tells its listeners (the app, which broadcasts to its screens) with a
``Change``. Undo/redo are mirrored
(one entry per facade commit, detected by ``Workshop.revision``) so that undoing a capture also
refreshes just that presentation.

When the disk refuses a capture (full, read-only, pulled out), what was typed goes into a
``PendingQueue`` instead of being lost, and every later capture joins the queue so the typing
order is kept; ``retry()`` writes the queue once the disk (or another file) accepts it. A session
opened read-only refuses every change in one sentence and ``follow()``s the writer's file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from matchdesk.store.errors import MatchdeskError, ReadOnlyWorkshop, StorageWriteFailed
from matchdesk.store.file.locking import lock_owner, lock_path
from matchdesk.store.file.storage import journal_path
from matchdesk.store.models import (
    Channel,
    Country,
    Interest,
    Presentation,
    RecordResult,
    WorkshopInfo,
)
from matchdesk.store.pending import PendingQueue
from matchdesk.store.workshop import UNDO_LIMIT, Workshop
from matchdesk.tui.tally_model import TallyModel

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What a change touched: some presentations' interests, or (``None``) everything."""

    presentations: frozenset[str] | None = frozenset()
    info: bool = False
    label: str = ""

    @property
    def everything(self) -> bool:
        return self.presentations is None


EVERYTHING = Change(None, info=True)


@dataclass(frozen=True)
class Captured:
    """What became of one Enter: written now (``result``) or kept unsaved (``queued``)."""

    result: RecordResult | None = None
    queued: tuple[Country, ...] = ()
    duplicates: tuple[Country, ...] = ()
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flushed:
    """What a retry wrote: entries written, repeats skipped, entries whose presentation is gone."""

    written: int = 0
    duplicates: tuple[Country, ...] = ()
    orphaned: tuple[str, ...] = ()


def live_writer(path: Path) -> str:
    """Who holds ``path`` for writing ("process N on HOST"), or "" when nobody does.

    The lock file keeps its last holder's name after the lock is released, so ask the kernel
    whether the lock is held (a shared, non-blocking probe, released at once).
    """
    owner = lock_owner(path)
    if not owner:
        return ""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: trust the name
        return owner
    try:
        fd = os.open(lock_path(path), os.O_RDONLY)
    except OSError:
        return ""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return owner  # held for writing
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return ""
    finally:
        os.close(fd)


def file_stamp(path: Path) -> tuple[tuple[int, int, int] | None, ...]:
    """A cheap fingerprint of a workshop file and its journal (changes on every capture)."""
    stamps: list[tuple[int, int, int] | None] = []
    for item in (path, journal_path(path)):
        try:
            st = os.stat(item)
        except OSError:
            stamps.append(None)
        else:
            stamps.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(stamps)


class Session:
    """A workshop opened for writing by the TUI, with the numbers it shows."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.model = TallyModel.from_tallies(workshop.tallies())
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._closed = False
        self.listeners: list[Callable[[Change], None]] = []
        # Unsaved captures and why; ``save_listeners`` hear every change of either.
        self.pending = PendingQueue()
        self.write_error: StorageWriteFailed | None = None
        self.save_listeners: list[Callable[[], None]] = []
        self.read_only = workshop.readonly
        self.writer = live_writer(workshop.path) if workshop.readonly else ""
        self._stamp = file_stamp(workshop.path)
        # After ``close()``: why the final save failed, and how many unsaved entries were dropped.
        self.close_problem = ""
        self.discarded = 0

    def close(self) -> None:
        """Release the file (idempotent): folds the journal into the snapshot and unlocks.

        Never raises: a refused final save is kept in ``close_problem`` (the journal still holds
        every acknowledged capture, and the next open replays it).
        """
        if not self._closed:
            self._closed = True
            self.discarded = len(self.pending)
            try:
                self.workshop.close()
            except MatchdeskError as error:
                self.close_problem = str(error)

    # -- saving state -----------------------------------------------------------------------
    @property
    def unsaved(self) -> int:
        return len(self.pending)

    def read_only_sentence(self) -> str:
        name = self.workshop.path.name
        if not self.writer:
            return (
                f"This workshop is open read-only: {name} cannot be changed here. "
                "This screen follows any change made to it elsewhere."
            )
        return (
            f"This workshop is open read-only: {self.writer} is writing to {name}. "
            "Make changes there; this screen follows them."
        )

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyWorkshop(self.read_only_sentence())

    def _save_state_changed(self) -> None:
        for listener in self.save_listeners:
            listener()

    def _failed(self, error: StorageWriteFailed) -> None:
        self.write_error = error
        self._save_state_changed()

    def _require_flushed(self) -> None:
        """Other changes wait behind the unsaved captures, so the file keeps the typing order."""
        if self.pending:
            self.retry()

    # -- reading -------------------------------------------------------------------------
    @property
    def presentations(self) -> list[Presentation]:
        return self.model.presentations

    def info(self) -> WorkshopInfo:
        return self.workshop.info()

    def resolve_typed(self, text: str) -> Country | None:
        return self.workshop.resolve_typed(text)

    def suggest(self, text: str, limit: int = 8) -> list[Country]:
        return self.workshop.suggest(text, limit)

    # -- the change machinery ----------------------------------------------------------------
    def _run(self, change: Change, write: Callable[[], T]) -> tuple[T, Change | None]:
        """Call the facade; if it committed, remember ``change`` for undo and refresh."""
        self._require_writable()
        self._require_flushed()
        before = self.workshop.revision
        try:
            result = write()
        except StorageWriteFailed as error:
            self._failed(error)
            raise
        if self.workshop.revision == before:
            return result, None
        self._undo.append(change)
        del self._undo[:-UNDO_LIMIT]  # mirrors the facade's bounded history
        self._redo.clear()
        self._refresh(change)
        self._announce(change)
        return result, change

    def _announce(self, change: Change) -> None:
        for listener in self.listeners:
            listener(change)

    def _refresh(self, change: Change) -> None:
        if change.presentations is None:
            self.model.reload(self.workshop.presentations(), self.workshop.interests())
            return
        for uid in change.presentations:
            self.model.replace(uid, self.workshop.interests(uid))

    def _undoable(self, what: str) -> None:
        self._require_writable()
        if self.pending:
            count = len(self.pending)
            raise MatchdeskError(
                f"{what} waits until the {count} unsaved "
                f"entr{'y is' if count == 1 else 'ies are'} saved: "
                "press F5 to retry now or F6 to save to another file."
            )

    def _guarded(self, step: Callable[[], str | None]) -> str | None:
        try:
            return step()
        except StorageWriteFailed as error:
            self._failed(error)
            raise

    def undo(self) -> tuple[str | None, Change | None]:
        self._undoable("Undo")
        label = self._guarded(self.workshop.undo)
        if label is None:
            return None, None
        change = self._undo.pop() if self._undo else EVERYTHING
        self._redo.append(change)
        self._refresh(change)
        done = Change(change.presentations, change.info, label)
        self._announce(done)
        return label, done

    def redo(self) -> tuple[str | None, Change | None]:
        self._undoable("Redo")
        label = self._guarded(self.workshop.redo)
        if label is None:
            return None, None
        change = self._redo.pop() if self._redo else EVERYTHING
        self._undo.append(change)
        self._refresh(change)
        done = Change(change.presentations, change.info, label)
        self._announce(done)
        return label, done

    # -- interests -----------------------------------------------------------------------
    def record(
        self, presentation_uid: str, text: str | list[Country], channel: Channel
    ) -> tuple[RecordResult, Change | None]:
        """Record what was typed ("kaz, tha, phl"); on disk when this returns."""
        return self._run(
            Change(frozenset({presentation_uid})),
            lambda: self.workshop.record_interests(presentation_uid, text, channel=channel),
        )

    def capture(
        self, presentation_uid: str, text: str | list[Country], channel: Channel
    ) -> Captured:
        """Record what was typed, or keep it unsaved (in order) while the disk refuses.

        Once one capture is kept, later ones join it rather than jump ahead of it on disk.
        """
        self._require_writable()
        if self.pending:
            return self._queue(presentation_uid, text, channel)
        try:
            result, _ = self.record(presentation_uid, text, channel)
        except StorageWriteFailed:
            return self._queue(presentation_uid, text, channel)
        return Captured(result=result)

    def _queue(
        self, presentation_uid: str, text: str | list[Country], channel: Channel
    ) -> Captured:
        countries, unknown = self.workshop.parse_typed(text)
        taken = {i.country.code for i in self.model.interests(presentation_uid)}
        taken |= {c.code for c in self.pending_for(presentation_uid)}
        queued: list[Country] = []
        duplicates: list[Country] = []
        for country in countries:
            if country.code in taken:
                duplicates.append(country)
                continue
            taken.add(country.code)
            queued.append(country)
            # One entry per country, by code: the code resolves alone, whatever the name holds.
            self.pending.add(presentation_uid, country.code, channel)
        if queued:
            self._save_state_changed()
        return Captured(None, tuple(queued), tuple(duplicates), tuple(unknown))

    def pending_for(self, presentation_uid: str) -> list[Country]:
        """The unsaved countries of one presentation, in typing order."""
        found: list[Country] = []
        for item in self.pending:
            if item.presentation_uid == presentation_uid:
                country = self.workshop.resolve_typed(item.text)
                if country is not None:
                    found.append(country)
        return found

    def retry(self) -> Flushed:
        """Write the unsaved captures in order; raises ``StorageWriteFailed`` if still refused.

        Whatever was written before a refusal stays written (and counted); the rest stays queued.
        """
        self._require_writable()
        if not self.pending:
            if self.write_error is not None:
                self.write_error = None
                self._save_state_changed()
            return Flushed()
        items = list(self.pending)
        touched = frozenset(i.presentation_uid for i in items)
        before = self.workshop.revision
        try:
            results = self.pending.flush(self.workshop)
        except StorageWriteFailed as error:
            self._flushed(touched, before)
            self._failed(error)
            raise
        self._flushed(touched, before)
        self.write_error = None
        self._save_state_changed()
        orphaned = tuple(
            item.text for item, result in zip(items, results, strict=False) if result.unknown
        )
        return Flushed(
            written=sum(len(r.recorded) for r in results),
            duplicates=tuple(c for r in results for c in r.duplicates),
            orphaned=tuple(
                c.name if (c := self.workshop.resolve_typed(code)) else code for code in orphaned
            ),
        )

    def _flushed(self, touched: frozenset[str], before: int) -> None:
        """Mirror the commits a flush made (one undo step each) and refresh what they touched."""
        commits = self.workshop.revision - before
        if not commits:
            return
        live = frozenset(uid for uid in touched if self.model.position(uid) is not None)
        change = Change(live)
        self._undo.extend([change] * commits)
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._refresh(change)
        self._announce(change)

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Continue the workshop in a new file (the old one is left as it is)."""
        self._require_writable()
        self.workshop.save_as(path)
        self._announce(Change(frozenset(), info=True))
        self._save_state_changed()

    def follow(self) -> bool:
        """Read-only: re-read the file if its writer changed it; True when the view changed.

        Raises the store's error when the file cannot be read just now (the caller keeps the
        last good view and tries again).
        """
        stamp = file_stamp(self.workshop.path)
        if stamp == self._stamp:
            return False
        fresh = Workshop.open(self.workshop.path, readonly=True, offer_backup=False)
        old, self.workshop = self.workshop, fresh
        old.close()
        self._stamp = stamp
        self.writer = live_writer(fresh.path)
        self.model.reload(fresh.presentations(), fresh.interests())
        self._announce(EVERYTHING)
        return True

    def withdraw(self, interest: Interest) -> Change | None:
        return self._run(
            Change(frozenset({interest.presentation_uid})),
            lambda: self.workshop.withdraw_interest(interest.uid),
        )[1]

    def update_interest(
        self, interest: Interest, *, channel: Channel | None = None, note: str | None = None
    ) -> tuple[Interest, Change | None]:
        return self._run(
            Change(frozenset({interest.presentation_uid})),
            lambda: self.workshop.update_interest(interest.uid, channel=channel, note=note),
        )

    def add_custom_country(self, name: str) -> tuple[Country, Change | None]:
        return self._run(Change(frozenset()), lambda: self.workshop.add_custom_country(name))

    # -- presentations and details ---------------------------------------------------------
    def add_presentation(
        self, title: str, country: Country, presenter: str = "", theme: str = ""
    ) -> tuple[Presentation, Change | None]:
        return self._run(
            Change(None),
            lambda: self.workshop.add_presentation(title, country, presenter, theme),
        )

    def update_presentation(self, uid: str, **fields: Any) -> tuple[Presentation, Change | None]:
        return self._run(Change(None), lambda: self.workshop.update_presentation(uid, **fields))

    def remove_presentation(self, uid: str) -> Change | None:
        return self._run(Change(None), lambda: self.workshop.remove_presentation(uid))[1]

    def move_presentation(self, uid: str, index: int) -> Change | None:
        return self._run(Change(None), lambda: self.workshop.move_presentation(uid, index))[1]

    def set_info(self, **fields: Any) -> tuple[WorkshopInfo, Change | None]:
        return self._run(Change(frozenset(), info=True), lambda: self.workshop.set_info(**fields))

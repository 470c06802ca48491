"""The TUI's single door to the workshop: every change goes through here.

Each method calls the ``Workshop`` facade. The facade keeps the running tallies and the undo
history, and announces the ``Change`` of every write; the session passes each one on to its
listeners (the app, which broadcasts to its screens), which redraw only what it touched.

When the disk refuses a capture (full, read-only, pulled out), what was typed goes into a
``PendingQueue`` instead of being lost, and every later capture joins the queue so the typing
order is kept; ``retry()`` writes the queue once the disk (or another file) accepts it. A session
opened read-only refuses every change in one sentence and ``follow()``s the writer's file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from matchdesk.store import (
    Change,
    Channel,
    Country,
    ImportReport,
    Interest,
    MatchdeskError,
    PendingQueue,
    Presentation,
    ReadOnlyWorkshop,
    RecordResult,
    StorageWriteFailed,
    Workshop,
    WorkshopInfo,
)
from matchdesk.tui.unsaved import Captured, Flushed, pending_countries, queue_entries

if TYPE_CHECKING:  # the import machinery (openpyxl) and the merge load only when used
    from matchdesk.store import (
        Candidate,
        CombinedWorkshop,
        Conflict,
        Customs,
        MergeReport,
        Peer,
        PeerReading,
        PreviewPart,
    )

__all__ = ["Captured", "Flushed", "Session"]

T = TypeVar("T")


class Session:
    """A workshop opened by the TUI, with its unsaved entries and, read-only, its writer."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self._closed = False
        self.listeners: list[Callable[[Change], None]] = []
        self._unsubscribe = workshop.subscribe(self._announce)
        # Unsaved captures and why; ``save_listeners`` hear every change of either.
        self.pending = PendingQueue()
        self.write_error: StorageWriteFailed | None = None
        self.save_listeners: list[Callable[[], None]] = []
        self.read_only = workshop.readonly
        self.history_step = ""  # "Undone" / "Redone" while an undo or redo writes
        self.writer = workshop.writer() if workshop.readonly else ""
        self._stamp = workshop.disk_stamp()
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
            self._unsubscribe()
            try:
                self.workshop.close()
            except MatchdeskError as error:
                self.close_problem = str(error)

    def _announce(self, change: Change) -> None:
        for listener in self.listeners:
            listener(change)

    # -- saving state -----------------------------------------------------------------------
    @property
    def unsaved(self) -> int:
        return len(self.pending)

    def read_only_sentence(self) -> str:
        name = self.workshop.path.name
        if not self.writer:
            return (
                f"Read-only, following {name}: it cannot be changed here; "
                "changes made elsewhere show as they land."
            )
        return (
            f"Read-only, following {name}: {self.writer} is writing to it. "
            "Make changes there; they show here as they land."
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

    # -- reading -------------------------------------------------------------------------
    @property
    def presentations(self) -> tuple[Presentation, ...]:
        return self.workshop.presentations()

    def info(self) -> WorkshopInfo:
        return self.workshop.info()

    def resolve_typed(self, text: str) -> Country | None:
        return self.workshop.resolve_typed(text)

    def suggest(self, text: str, limit: int = 8) -> list[Country]:
        return self.workshop.suggest(text, limit)

    def meanings(self, text: str) -> tuple[Country, ...]:
        """The countries a name that means several stands for ("Korea"), else ()."""
        return self.workshop.resolver.ambiguous(text)

    def preview(self, text: str) -> tuple[PreviewPart, ...]:
        """What each typed part previews, hence what Enter records (``Workshop.preview``)."""
        return self.workshop.preview(text)

    # -- writing ---------------------------------------------------------------------------
    def _run(self, write: Callable[[], T]) -> T:
        """Call the facade once the unsaved captures are written (so the file keeps the typing
        order); a refusal by the disk is remembered for the banner."""
        self._require_writable()
        if self.pending:
            self.retry()
        try:
            return write()
        except StorageWriteFailed as error:
            self._failed(error)
            raise

    def run(self, write: Callable[[], T]) -> T:
        """Any other room's write (the follow-up's, ...) through the same door: refused
        read-only, after the unsaved captures, a disk refusal kept for the banner."""
        return self._run(write)

    def _undoable(self, what: str) -> None:
        self._require_writable()
        if self.pending:
            count = len(self.pending)
            raise MatchdeskError(
                f"{what} waits until the {count} unsaved "
                f"entr{'y is' if count == 1 else 'ies are'} saved: "
                "press F5 to retry now or F6 to save to another file."
            )

    def undo(self) -> Change | None:
        """The store's undo; its ``Change`` (None when there is nothing to undo)."""
        self._undoable("Undo")
        return self._stepping("Undone", self.workshop.undo)

    def redo(self) -> Change | None:
        self._undoable("Redo")
        return self._stepping("Redone", self.workshop.redo)

    def _stepping(self, word: str, step: Callable[[], Change | None]) -> Change | None:
        """Run an undo or redo with ``history_step`` set, so the subscribers that describe a
        ``Change`` (the line under the input) say "Undone: ..." rather than the step itself."""
        self.history_step = word
        try:
            return self._run(step)
        finally:
            self.history_step = ""

    # -- interests -----------------------------------------------------------------------
    def record(
        self, presentation_uid: str, text: str | list[Country], channel: Channel
    ) -> RecordResult:
        """Record what was typed ("kaz, tha, phl"); on disk when this returns."""
        return self._run(
            lambda: self.workshop.record_interests(presentation_uid, text, channel=channel)
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
            result = self.record(presentation_uid, text, channel)
        except StorageWriteFailed:
            return self._queue(presentation_uid, text, channel)
        return Captured(result=result)

    def _queue(
        self, presentation_uid: str, text: str | list[Country], channel: Channel
    ) -> Captured:
        captured = queue_entries(self.workshop, self.pending, presentation_uid, text, channel)
        if captured.queued:
            self._save_state_changed()
        return captured

    def pending_for(self, presentation_uid: str) -> list[Country]:
        """The unsaved countries of one presentation, in typing order."""
        return pending_countries(self.workshop, self.pending, presentation_uid)

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
        try:
            results = self.pending.flush(self.workshop)
        except StorageWriteFailed as error:
            self._failed(error)
            raise
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

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Continue the workshop in a new file (the old one is left as it is)."""
        self._require_writable()
        self.workshop.save_as(path)
        self._save_state_changed()

    def follow(self) -> bool:
        """Read-only: re-read the file if its writer changed it; True when the view changed.

        Raises the store's error when the file cannot be read just now (the caller keeps the
        last good view and tries again).
        """
        stamp = self.workshop.disk_stamp()
        if stamp == self._stamp:
            return False
        fresh = Workshop.open(self.workshop.path, readonly=True, offer_backup=False)
        old, self.workshop = self.workshop, fresh
        self._unsubscribe()
        self._unsubscribe = fresh.subscribe(self._announce)
        old.close()
        self._stamp = stamp
        self.writer = fresh.writer()
        self._announce(fresh.difference(old))
        return True

    def withdraw(self, interest: Interest) -> Change:
        return self._run(lambda: self.workshop.withdraw_interest(interest.uid))

    def update_interest(
        self, interest: Interest, *, channel: Channel | None = None, note: str | None = None
    ) -> Interest:
        return self._run(
            lambda: self.workshop.update_interest(interest.uid, channel=channel, note=note)
        )

    def import_sources(
        self, sources: Sequence[Path], customs: Customs | None = None
    ) -> ImportReport:
        """``matchdesk import`` from the app: every source planned, then one transaction and
        one undo step; refused whole (``UnknownCountries`` for names to review first)."""
        from matchdesk.store import Customs, import_sources

        customs = customs or Customs()
        return self._run(lambda: import_sources(self.workshop, list(sources), customs=customs))

    def add_custom_country(self, name: str) -> Country:
        return self._run(lambda: self.workshop.add_custom_country(name))

    # -- presentations and details ---------------------------------------------------------
    def add_presentation(
        self, title: str, country: Country, presenter: str = "", theme: str = ""
    ) -> Presentation:
        return self._run(lambda: self.workshop.add_presentation(title, country, presenter, theme))

    def update_presentation(self, uid: str, **fields: Any) -> Presentation:
        return self._run(lambda: self.workshop.update_presentation(uid, **fields))

    def remove_presentation(self, uid: str) -> Change:
        return self._run(lambda: self.workshop.remove_presentation(uid))

    def move_presentation(self, uid: str, index: int) -> Change | None:
        return self._run(lambda: self.workshop.move_presentation(uid, index))

    def set_info(self, **fields: Any) -> WorkshopInfo:
        return self._run(lambda: self.workshop.set_info(**fields))

    # -- other laptops: the view over their files, merges, conflicts -------------------------
    @property
    def peers_view(self) -> CombinedWorkshop | None:
        """The view over other laptops' files this session shows (``open --with``), or None."""
        return _peers_view(self.workshop)

    def absorb(self, peer: Peer, reading: PeerReading) -> Change | None:
        """Join what a peer's file brought into the view (memory only: no file is written)."""
        view = self.peers_view
        return None if view is None else view.absorb(peer, reading)

    def merge_files(self, paths: Sequence[Path], *, force: bool = False) -> MergeReport:
        """Merge other laptops' files into this one: one transaction, one undo step."""
        from matchdesk.store import merge_files

        return self._run(lambda: merge_files(self.workshop, list(paths), force=force))

    def pick(self, conflict: Conflict, candidate: Candidate) -> Change:
        """Settle a conflict on one laptop's value (one undoable write)."""
        from matchdesk.store import pick

        return self._run(lambda: pick(self.workshop, conflict, candidate))

    def discuss(self, uid: str) -> None:
        """Save the presentation discussed (what a board shows). Not data: it waits while
        unsaved entries wait; the caller lets a refusal pass (the next highlight retries)."""
        self._require_writable()
        if not self.pending:
            self.workshop.set_current_presentation(uid)


def _peers_view(workshop: Workshop) -> CombinedWorkshop | None:
    """A view is an instance of the merge's module: until that module is loaded there is none,
    and a plain open, asking at its first paint, need not load the merge to know."""
    if "matchdesk.store.merge.combined" not in sys.modules:
        return None
    from matchdesk.store import combined_view

    return combined_view(workshop)

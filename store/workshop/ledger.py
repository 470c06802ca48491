"""The ledger: the only writer of a file of records.

It owns the storage, the undo history, the revision and the subscribers, and keeps the record
index and the values current. ``commit(label, writes) -> Change`` is the one write path: one
storage transaction (one journal line), one undo step, one ``Change`` for the subscribers. The
``Workshop`` facade and every room of the store (follow-up, merge, import, chat, the network
file) write through it; a view over peers (``merge/combined.py``) is a ledger that writes its
laptop's file first.

Every record has a uid, timestamps, the writing device and a ``deleted`` tombstone; the
storage's keys are only addresses inside one file.
"""

from __future__ import annotations

import copy
import gc
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import msgspec

from matchdesk.store.clock import Clock, now_iso, stamp_record
from matchdesk.store.errors import InvalidValue, ReadOnlyWorkshop
from matchdesk.store.file.locking import WriterLock, live_writer
from matchdesk.store.file.paths import file_stamp
from matchdesk.store.file.schema import COUNTRIES, CURRENT_PRESENTATION, INTERESTS, META
from matchdesk.store.file.storage import JournalStorage
from matchdesk.store.history import History, Step
from matchdesk.store.models import Change, Doc
from matchdesk.store.workshop.index import RecordIndex, change_of
from matchdesk.store.workshop.memory import leave, writer_closed, writer_opened
from matchdesk.store.workshop.names import Names, custom_countries
from matchdesk.store.workshop.values import Values

Write = tuple[str, Doc]  # (table, whole record): new, or replacing the one with its uid
Listener = Callable[[Change], None]
# How a record about to be written is stamped: (what it replaces, the record, the clock).
Stamper = Callable[[Doc | None, Doc, Clock], object]


class Ledger:
    """One file's records, written only through ``commit``."""

    def __init__(
        self,
        path: Path,
        storage: JournalStorage,
        lock: WriterLock | None,
        device: str,
        *,
        readonly: bool | None = None,
        clock: Clock | None = None,
        stamp: Stamper = stamp_record,
        index_later: bool = False,
    ) -> None:
        """``stamp``: a workshop's records carry a register per field (``clock.stamp_record``);
        the network file's carry the stamp of their last write only. ``index_later``: a writer
        indexes as a reader does (the counts) until ``ready_to_write``."""
        self.path = path
        self.storage = storage
        self.lock = lock
        self.readonly = lock is None if readonly is None else readonly
        self.device = device
        self.clock = clock or Clock(device)  # hybrid logical clock of this laptop's writes
        self._stamp = stamp
        self.history = History()
        self.revision = 0
        self._listeners: list[Listener] = []
        self.index = RecordIndex(storage, writer=not self.readonly, index_later=index_later)
        self.names = Names()
        self.values = Values(self.index, self.names)
        self.rebuild()
        writer_opened(lock is not None)

    def ready_to_write(self) -> None:
        """Build the indexes every write uses, and keep the collector off them as off the
        records (``opening.open_ledger``)."""
        self.index.ready_to_write()
        if not self.readonly:
            gc.freeze()

    def rebuild(self) -> None:
        """Index the records from scratch (on open, and after a write the disk refused)."""
        customs = custom_countries(list(self.raw(COUNTRIES).values()))
        self.names.reset(customs, self.values.info().language)
        self.values.reset()
        self.index.rebuild()

    # -- reading records (the rooms' own) --------------------------------------------------
    def raw(self, table: str) -> dict[str, Doc]:
        return self.storage.table_data(table)

    def records(self, table: str, *, deleted: bool = False) -> Iterator[Doc]:
        """The records of ``table`` (live ones, or tombstones too), as copies to read."""
        for doc in self.raw(table).values():
            if deleted or not doc.get("deleted"):
                yield copy.deepcopy(doc)

    def peek(self, table: str) -> Iterator[Doc]:
        """The stored records of ``table``, tombstones included, NOT copied: for a room that
        indexes many records (50,000 follow-up records) and never modifies what it reads."""
        return iter(self.raw(table).values())

    def record(self, table: str, uid: str) -> Doc | None:
        """One record by uid (tombstones included), as a copy; None when there is none."""
        doc = self.index.doc(table, uid)
        return None if doc is None else copy.deepcopy(doc)

    def has_uid(self, uid: str) -> bool:
        return self.index.has_uid(uid)

    def meta(self) -> Doc:
        return self.index.meta()

    def new_record(self, **fields: object) -> Doc:
        """A fresh record carrying identity fields (uid, stamps, device, tombstone)."""
        stamp = now_iso()
        return {
            "uid": str(uuid.uuid4()),
            **fields,
            "created_at": stamp,
            "updated_at": stamp,
            "device": self.device,
            "deleted": False,
        }

    # -- the one write path ----------------------------------------------------------------
    def commit(
        self,
        label: str,
        writes: Iterable[Write],
        *,
        owned: bool = False,
        exact: bool = False,
        undoable: bool = True,
    ) -> Change:
        """Write whole records as one transaction and (``undoable``) one undo step; on failure
        nothing changed. ``owned`` records are stored as given, not copied (an import of
        100,000 is not held twice); ``exact``: a merge (undo puts its records back)."""
        step = self.write(label, writes, owned=owned)
        if exact:
            step = msgspec.structs.replace(step, exact=True, local=self.file_step())
        if step.writes and undoable:
            self.history.push(step)
        return self.settle(step)

    def write(self, label: str, writes: Iterable[Write], *, owned: bool = False) -> Step:
        """Where ``commit`` puts records: this ledger's storage (a view over peers writes its
        laptop's file first)."""
        return self.store(label, writes, owned=owned)

    def file_step(self) -> Step | None:
        """The step this laptop's file took for the last write, when it differs from this
        ledger's own (a view over peers)."""
        return None

    def store(self, label: str, writes: Iterable[Write], *, owned: bool = False) -> Step:
        """Write records into this ledger's storage as one transaction; on failure nothing
        changed (memory included)."""
        done: list[tuple[str, Doc | None, Doc]] = []
        try:
            with self.storage.transaction():
                for table, doc in writes:
                    done.append((table, *self._put(table, doc, owned=owned)))
        except BaseException:
            self.rebuild()
            raise
        return Step(label, tuple(done))

    def _put(self, table: str, doc: Doc, *, owned: bool) -> tuple[Doc | None, Doc]:
        """Insert or replace one record (inside a transaction); returns what it replaced and
        the record as stored. Stored records are never changed in place (a write replaces
        them), so history, checkpoints and the tables can share them. An ``owned`` record is
        stored as it is, not copied: its maker hands it over and never touches it again."""
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")
        uid = doc["uid"]
        before = self.index.doc(table, uid)
        self._stamp(before, doc, self.clock)  # the hybrid logical clock (clock.py)
        stored = (
            doc
            if owned
            else {k: copy.deepcopy(v) if isinstance(v, list | dict) else v for k, v in doc.items()}
        )
        ids = self.index.ids_to_write(table)
        ids[uid] = str(self.storage.put(table, ids.get(uid), stored))
        self.values.forget([uid])
        if table == INTERESTS:
            self.values.forget(self.index.index_interest(stored))
        return before, stored

    def settle(self, step: Step) -> Change:
        """Bring the index, the values and the running tallies up to date with ``step``; its
        ``Change`` goes to every subscriber."""
        change = change_of(step.label, step.writes, self.index.canonical, self.revision + 1)
        if not self.index.settle(step, change):
            self.rebuild()
        elif change.agenda:
            self.values.agenda_changed()
        self.revision += 1
        return self.announce(change)

    def put_exact(self, items: Iterable[tuple[str, str, Doc | None]]) -> None:
        """Put records back exactly as given, unstamped, in one transaction; a record None is
        taken out of the file. Only undo and redo of a merge do this (``history.Step``)."""
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")
        try:
            with self.storage.transaction():
                for table, uid, doc in items:
                    ids = self.index.ids_to_write(table)
                    key = ids.get(uid)
                    if doc is not None:
                        ids[uid] = str(self.storage.put(table, key, doc))
                    elif key is not None:
                        self.storage.put(table, ids.pop(uid), None)
        finally:
            self.rebuild()  # rare (an undone merge): index again from the records

    def restore(self, step: Step, *, forward: bool) -> Change:
        """Undo (or redo) a merge: its records back as they were, nothing stamped."""
        self.put_exact(step.restore(forward=forward))
        return self.restored(step)

    def restored(self, step: Step) -> Change:
        """The ``Change`` of a restored step (the index was built again from the records)."""
        self.revision += 1
        change = change_of(step.label, step.writes, self.index.canonical, self.revision)
        return self.announce(change)

    # -- undo / redo -----------------------------------------------------------------------
    def _replay(self, step: Step, *, forward: bool) -> Change:
        if step.exact:
            return self.restore(step, forward=forward)
        stamp = now_iso()
        writes = [
            (table, {**doc, "updated_at": stamp, "device": self.device})
            for table, doc in step.replay(forward=forward)
        ]
        for table, doc in writes:  # undoing a details edit leaves the discussed one alone
            if table == META:
                doc[CURRENT_PRESENTATION] = self.meta().get(CURRENT_PRESENTATION)
        return self.settle(Step(step.label, self.write(step.label, writes).writes))

    def undo(self) -> Change | None:
        """Revert this session's last write; its ``Change`` (``label`` says what), or None."""
        step = self.history.next_undo()
        if step is None:
            return None
        change = self._replay(step, forward=False)
        self.history.undone()
        return change

    def redo(self) -> Change | None:
        """Write again what was just undone; its ``Change``, or None."""
        step = self.history.next_redo()
        if step is None:
            return None
        change = self._replay(step, forward=True)
        self.history.redone()
        return change

    # -- subscribers -----------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with the ``Change`` of every write; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def announce(self, change: Change) -> Change:
        for listener in list(self._listeners):
            listener(change)
        return change

    # -- the file --------------------------------------------------------------------------
    def save_as(self, target: str | os.PathLike[str]) -> None:
        """Continue in another file (when this disk is full or gone): the new file gets
        everything saved so far; this one is left as it is."""
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")
        path = Path(target).expanduser().absolute()
        if path.exists():
            raise InvalidValue(f"{path} already exists; choose a new file name.")
        if not path.parent.is_dir():
            raise InvalidValue(f"The folder {path.parent} does not exist.")
        lock = WriterLock(path)
        lock.acquire()
        try:
            storage = JournalStorage(path, checkpoint_bytes=self.storage.checkpoint_bytes)
            storage.write(copy.deepcopy(self.storage.read()))
        except BaseException:
            lock.release()
            raise
        old_storage, old_lock = self.storage, self.lock
        self.storage, self.lock, self.path = storage, lock, path
        self.index.storage = storage
        self.rebuild()
        old_storage.readonly = True  # never checkpoint onto the failing disk
        old_storage.close()
        if old_lock is not None:
            old_lock.release()
        self.announce(Change(f"continue in {path.name}", info=frozenset({"path"})))

    @property
    def journal(self) -> Path:
        """The journal beside the file: every acknowledged change since the last checkpoint."""
        return self.storage.journal

    def journaled(self) -> bool:
        """Whether journal entries were replayed on top of the snapshot when it was read."""
        return self.storage.unfolded()

    def writer(self) -> str:
        """Who holds this file for writing ("process N on HOST"), or "" when nobody does."""
        return live_writer(self.path)

    def disk_stamp(self) -> tuple[tuple[int, int, int] | None, ...]:
        """A cheap fingerprint of the file and its journal, different after any write to them."""
        return file_stamp(self.path)

    def abandon(self) -> None:
        """Close without writing a new file that nothing was written to; an existing file
        closes as usual."""
        if self.storage.created and not self.path.exists():
            self.storage.readonly = True
        self.close()

    def close(self) -> None:
        try:
            self.storage.close()
            leave(self)  # a one-shot process ends next: its records are not freed one by one
        finally:
            if self.lock is not None:
                # Nothing written: a lock file this process made goes too (a refused command
                # leaves the disk as it found it).
                if self.revision:
                    self.lock.release()
                else:
                    self.lock.abandon()
                self.lock = None
                writer_closed()  # what was frozen at open may be collected again

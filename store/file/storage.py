"""The engine of the crash-safe file: a TinyDB ``Storage`` over an atomic JSON snapshot
(``snapshot.py``) and an append-only, fsynced journal (``journal.py``).

What TinyDB is in this project: the file format and the storage interface, not the query
layer. The snapshot is a plain TinyDB JSON file (TinyDB's ``JSONStorage`` opens it, a test
keeps it so), and ``JournalStorage`` implements TinyDB's ``Storage`` (``read``, ``write``,
``close``: a test runs TinyDB's own tables over it). Records are written only through the
workshop's ledger (``store/workshop/ledger.py``), one ``put`` per record inside a
``transaction``: TinyDB's ``JSONStorage`` rewrites the whole file in place on every change, so
a crash can leave half a file and a capture costs O(file size); here a change costs one small
appended line, and the snapshot is only rewritten at checkpoints, atomically.

The checkpoint never runs on a capture's path: when the journal grows past its threshold the
writer renames it to ``FILE.journal.folding`` (appends go on in a fresh journal) and a
background thread writes the snapshot and its backup, then deletes the folded segment. Readers
replay snapshot, folding segment, journal, and retry if any of them was swapped meanwhile.

The thread reads the live tables a few records at a time, only between transactions (it waits
while one is under way), and encodes them while the captures go on. The snapshot it writes may
hold changes made after the journal was sealed: each is in the fresh journal too, and replaying
a record's later writes over it gives the same tables (a write replaces the whole record), so
it is as good as a snapshot of the moment of sealing, without a copy of the tables on the
capture's path (at 100,000 records the copy took 2 ms, and the collector walked it again at
each pass while the thread ran: 3-12 ms more on captures).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

from tinydb.storages import Storage

from matchdesk.store.errors import (
    CorruptWorkshop,
    ReadOnlyWorkshop,
    StorageWriteFailed,
    describe_os_error,
)
from matchdesk.store.file.atomic import stale_temp_files, write_atomically
from matchdesk.store.file.frozen_records import thaw
from matchdesk.store.file.journal import Edit, JournalFile, apply_changes, read_journal
from matchdesk.store.file.modes import mode_beside
from matchdesk.store.file.paths import (
    backup_paths,
    folding_path,
    journal_path,
    journal_segments,
    leftovers,
    missing_snapshot_error,
    read_identities,
)
from matchdesk.store.file.snapshot import (
    Tables,
    encode_snapshot,
    read_snapshot,
    snapshot_chunks,
)
from matchdesk.store.file.whole_snapshot import read_whole
from matchdesk.store.models import Doc

CHECKPOINT_BYTES = 1 << 20
FOLD_SWITCH_INTERVAL_S = 0.0002
FOLD_RECORDS = 32  # records a checkpoint thread reads (then encodes) between two looks


class JournalStorage(Storage):
    """Snapshot + journal storage. ``read()`` returns the live tables (no copy, no I/O).

    Documents in the tables are never changed in place: a write replaces the whole document,
    so a shallow copy of the tables is a consistent snapshot for a background checkpoint.
    ``in_memory`` makes one that is not durable: the same transactions, nothing on disk.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        checkpoint_bytes: int = CHECKPOINT_BYTES,
        fsync: Callable[[int], None] = os.fsync,
        background: bool = True,
        durable: bool = True,
        whole: bool = False,
        frozen: bool = False,
    ) -> None:
        """``whole``: the snapshot is parsed at once, its values not shared
        (``whole_snapshot.py``), for a reader that counts the file once and drops it;
        ``frozen``: the records are kept as parsed (``frozen_records.py``), a writer's until
        its first change (the app's until its first paint: ``_require_writable`` thaws)."""
        self.path = Path(path)
        self._read_snapshot = read_whole if whole else partial(read_snapshot, frozen=frozen)
        self.frozen = frozen
        self.durable = durable
        self.journal = journal_path(self.path)
        self.folding = folding_path(self.path)
        self.readonly = readonly
        self.checkpoint_bytes = checkpoint_bytes
        self.background = background
        self._log = JournalFile(self.path, fsync)
        self._pending: list[Edit] | None = None
        self._undo: list[tuple[str, str, Doc | None]] = []
        self._tables: Tables = {}
        self._next_ids: dict[str, int] = {}
        self._folder: threading.Thread | None = None
        # Held by a transaction: a checkpoint thread reads the tables only between them.
        self._writing = threading.Lock()
        self.fold_error: StorageWriteFailed | None = None
        self.created = False
        if not durable:
            pass  # in memory: nothing at ``path`` is looked at
        elif not self.path.exists():
            found = leftovers(self.path)
            if found:
                raise missing_snapshot_error(self.path, found)
            if readonly or not create:
                raise CorruptWorkshop(f"{self.path} does not exist.")
            self.created = True
        else:
            self._tables = self._load()
            if not readonly:
                _remove_stale_temps(self.path)
                self._log.recover()
                self._count_ids()

    @classmethod
    def in_memory(cls, path: Path, tables: Mapping[str, Mapping[str, Doc]]) -> JournalStorage:
        """Tables that live in memory only (``open --with`` joins several files into one view):
        transactions group changes and roll back on error as on disk, but nothing is read,
        journaled, checkpointed or written, at ``path`` (named in messages) or anywhere."""
        storage = cls(path, durable=False)
        storage._tables = {name: dict(docs) for name, docs in tables.items()}
        return storage

    # -- loading ---------------------------------------------------------------------------
    def _load(self) -> Tables:
        """Snapshot + journal replay, retried if a writer checkpoints while we read."""
        for _ in range(50):
            before = read_identities(self.path)
            try:
                tables = self._read_snapshot(self.path)
            except FileNotFoundError:
                continue  # replaced under us: read again
            except OSError as exc:
                raise CorruptWorkshop(
                    f"Cannot read {self.path}: {describe_os_error(exc)}."
                ) from None
            folded, journal = (read_journal(p) for p in journal_segments(self.path))
            if read_identities(self.path) == before:
                for changes in [*folded[0], *journal[0]]:
                    apply_changes(tables, changes)
                self._log.size = journal[1]
                return tables
        raise CorruptWorkshop(f"{self.path} kept changing while being read; try again.")

    def unfolded(self) -> bool:
        """Whether journal entries wait to be folded into the snapshot."""
        return self.durable and (bool(self._log.size) or self.folding.exists())

    # -- TinyDB's Storage interface --------------------------------------------------------
    def read(self) -> Tables:
        return self._tables

    def write(self, data: Mapping[str, Mapping[str, Doc]]) -> None:
        """A whole-database write (TinyDB's drop/truncate paths): taken as a checkpoint."""
        self._require_writable()
        self.wait()
        self._tables = {t: dict(docs) for t, docs in data.items()}
        self._next_ids.clear()
        self.checkpoint()

    def close(self) -> None:
        try:
            self.wait()
            if not self.readonly and (self.unfolded() or self.created):
                self.checkpoint()
        finally:
            self._log.close()

    # -- changes ---------------------------------------------------------------------------
    def table_data(self, name: str) -> dict[str, Doc]:
        return self._tables.setdefault(name, {})

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one journal transaction; on any error the memory state is
        rolled back."""
        if self._pending is not None:
            yield
            return
        self._require_writable()
        if self.created and not self.path.exists():
            self.checkpoint()  # a new file: its first snapshot, before this transaction
        with self._writing:
            self._pending = []
            self._undo = []
            try:
                yield
                if self._pending and self.durable:
                    self._log.append(self._pending)
            except BaseException:
                self._rollback()
                raise
            finally:
                self._pending = None
                self._undo = []
        self._maybe_checkpoint()

    def put(self, table: str, doc_id: int | str | None, doc: Doc | None) -> int | str:
        """Insert (``doc_id`` None), replace or remove (``doc`` None) one document, inside a
        transaction; returns its id. ``doc`` becomes the table's: never change it afterwards."""
        with self.transaction():
            raw = self.table_data(table)
            if doc_id is None:
                doc_id = self._next_id(table)
            key = str(doc_id)
            self._undo.append((table, key, raw.get(key)))
            if doc is None:
                raw.pop(key, None)
            else:
                raw[key] = doc
            assert self._pending is not None
            self._pending.append((table, key, doc))
        return doc_id

    def seed(self, table: str, doc: Doc) -> None:
        """Put a document into a new file's tables without journaling it: the file's first
        snapshot (at its first write, or at close) carries it."""
        assert self.created and not self.path.exists()
        self.table_data(table)[str(self._next_id(table))] = doc

    def _count_ids(self) -> None:
        """Each table's next id, found while the file opens: the first capture would otherwise
        read every key (9 ms at 100,000 interests, the longest capture of a session)."""
        for table, docs in self._tables.items():
            with contextlib.suppress(ValueError):  # a key that is not a number: left for later
                self._next_ids[table] = _after_last(docs)

    def _next_id(self, table: str) -> int:
        raw = self.table_data(table)
        if table not in self._next_ids:
            self._next_ids[table] = _after_last(raw)
        doc_id = self._next_ids[table]
        while str(doc_id) in raw:  # a key put in by other means since they were counted
            doc_id += 1
        self._next_ids[table] = doc_id + 1
        return doc_id

    def _rollback(self) -> None:
        for table, doc_id, original in reversed(self._undo):
            target = self._tables.setdefault(table, {})
            if original is None:
                target.pop(doc_id, None)
            else:
                target[doc_id] = original
        self._next_ids.clear()

    # -- checkpoints -----------------------------------------------------------------------
    def _maybe_checkpoint(self) -> None:
        if not self.durable or self._log.size < self.checkpoint_bytes:
            return
        if not self.background:
            with contextlib.suppress(StorageWriteFailed):
                self.checkpoint()  # the journal still holds everything; retry next time
            return
        if self._folder is not None and self._folder.is_alive():
            return  # one fold at a time; the journal keeps growing meanwhile
        with contextlib.suppress(StorageWriteFailed):
            self._start_fold()

    def _start_fold(self) -> None:
        """Seal the journal as the folding segment and fold it in a background thread.

        Costs a rename on the caller's path; the thread reads, encodes and writes.
        """
        try:
            self._log.seal(self.folding)
        except OSError as exc:
            raise StorageWriteFailed(
                f"Could not checkpoint {self.path}: {describe_os_error(exc)}.", exc.errno
            ) from exc
        # While the thread runs, the main thread gets the interpreter back within 0.2 ms, not
        # five (set before the thread starts: Thread.start() itself waits for it, and the
        # capture that starts a checkpoint waited a whole 1 ms interval at 1 ms).
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, FOLD_SWITCH_INTERVAL_S))
        self._folder = threading.Thread(
            target=self._fold, args=(interval,), name="matchdesk-checkpoint", daemon=True
        )
        self._folder.start()

    def _fold(self, interval: float) -> None:
        try:
            with self._writing:  # a transaction under way may still be rolled back
                keys = {name: tuple(docs) for name, docs in self._tables.items()}
            # Nothing is frozen from the collector here (as what was loaded is at open): an
            # object frozen while alive is never freed when it dies later, and the app's
            # lasted 6 MB more over 5,000 captures, for no longest capture measurably shorter.
            chunks = encode_snapshot(between_transactions(self._tables, keys, self._writing))
            self._write_snapshot(chunks)
            self.folding.unlink(missing_ok=True)
            self.fold_error = None
        except StorageWriteFailed as exc:
            self.fold_error = exc  # the sealed segment stays; the next checkpoint retries
        except OSError as exc:
            self.fold_error = StorageWriteFailed(
                f"Could not checkpoint {self.path}: {describe_os_error(exc)}.", exc.errno
            )
        finally:
            sys.setswitchinterval(interval)

    def wait(self) -> None:
        """Wait for a background checkpoint to finish."""
        folder, self._folder = self._folder, None
        if folder is not None:
            folder.join()

    def checkpoint(self) -> None:
        """Fold every journal entry into a new snapshot now: backup, atomic replace, then
        drop the folded segment and empty the journal (in memory: nothing to do)."""
        self._require_writable()
        if not self.durable:
            return
        self.wait()
        self._write_snapshot(snapshot_chunks(self._tables))
        self.created = False
        try:
            self.folding.unlink(missing_ok=True)
            self._log.empty()
        except OSError as exc:
            # The snapshot already holds every change; replaying the journal again is harmless.
            raise StorageWriteFailed(
                f"Saved {self.path} but could not reset its journal: {describe_os_error(exc)}.",
                exc.errno,
            ) from exc
        self.fold_error = None

    def _write_snapshot(self, chunks: Iterable[bytes]) -> None:
        """The snapshot, atomically, then the same bytes as ``.bak1`` (older ones rotate).

        Backups are copies, not links: an outside in-place edit must not reach them.
        """
        mode = mode_beside(self.path)
        data = list(chunks)
        write_atomically([self.path], data, mode=mode)
        backups = backup_paths(self.path)
        with contextlib.suppress(OSError, StorageWriteFailed):
            for older, newer in zip(reversed(backups), list(reversed(backups))[1:], strict=False):
                if newer.exists():
                    os.replace(newer, older)
                    with contextlib.suppress(OSError):  # older backups hold notes too
                        os.chmod(older, mode)
            write_atomically([backups[0]], data, mode=mode)

    def _require_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")
        self.thaw()

    def thaw(self) -> None:
        """Records read frozen made dicts, as TinyDB and the journal want, before the first
        change (``frozen_records.thaw``)."""
        if self.frozen:
            self.frozen = False
            thaw(self._tables)


def _remove_stale_temps(path: Path) -> None:
    """Temp copies left by a checkpoint that was killed (they can be as big as the file)."""
    for temp in stale_temp_files(path):
        with contextlib.suppress(OSError):
            temp.unlink()


def _after_last(docs: Mapping[str, Doc]) -> int:
    """The id after a table's highest (TinyDB's keys are numbers written as text)."""
    return max(map(int, docs), default=0) + 1


def between_transactions(
    tables: Tables, keys: dict[str, tuple[str, ...]], writing: threading.Lock
) -> Iterator[tuple[str, Iterator[tuple[str, Doc]]]]:
    """The tables as a checkpoint thread reads them: the records of ``keys`` (taken between
    two transactions), ``FOLD_RECORDS`` at a time, each batch read while no transaction holds
    ``writing`` (one removed meanwhile is left out: the fresh journal removes it anyway).
    """
    for name, names in keys.items():
        yield name, _batches(tables[name], names, writing)


def _batches(
    docs: dict[str, Doc], keys: tuple[str, ...], writing: threading.Lock
) -> Iterator[tuple[str, Doc]]:
    for start in range(0, len(keys), FOLD_RECORDS):
        with writing:
            batch = [(k, docs.get(k)) for k in keys[start : start + FOLD_RECORDS]]
        for key, doc in batch:
            if doc is not None:
                yield key, doc

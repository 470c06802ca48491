"""A crash-safe TinyDB storage: an atomic JSON snapshot plus an append-only, fsynced journal.

TinyDB's ``JSONStorage`` rewrites the whole file in place on every change, so a crash can leave
half a file and a capture costs O(file size). Here a change costs one small appended line, and the
snapshot (a plain TinyDB JSON file) is only rewritten at checkpoints, atomically.

Journal lines are ``{"c": [[table, doc id, doc or null], ...]}``, one per transaction. A large
transaction (an import) is written as bounded chunks ``{"c": [...], "more": 1}`` closed by one
line without ``more``: replay applies a group only once its closing line is there, so it lands
whole or not at all, and a torn last line is ignored.

The checkpoint never runs on a capture's path: when the journal grows past its threshold the
writer renames it to ``FILE.journal.folding`` (appends go on in a fresh journal), takes a shallow
copy of the tables (documents are never changed in place, so the copy is consistent) and a
background thread writes the snapshot and its backup, then deletes the folded segment. Readers
replay snapshot, folding segment, journal, and retry if any of them was swapped meanwhile.

The snapshot is plain JSON (TinyDB's ``JSONStorage`` reads it) laid out one record per line, so
a reader parses it a thousand records at a time and shares the values records repeat
(presentation uids, codes, channels, devices, stamps): it never holds the whole text, and the
tables take about half the memory. A snapshot laid out otherwise (written before, or edited) is
parsed whole, as before.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from tinydb.storages import Storage

from matchdesk.store.errors import (
    CorruptWorkshop,
    ReadOnlyWorkshop,
    StorageWriteFailed,
    describe_os_error,
)
from matchdesk.store.file.atomic import fsync_dir, stale_temp_files
from matchdesk.store.file.folding import Folding
from matchdesk.store.file.journal import (
    JournalEntry,
    apply_changes,
    journal_lines,
    read_journal,
)
from matchdesk.store.file.modes import mode_beside
from matchdesk.store.file.paths import (
    file_identity,
    folding_path,
    inode_of,
    journal_path,
    journal_segments,
    leftovers,
    missing_snapshot_error,
)
from matchdesk.store.file.snapshot import Tables, read_snapshot
from matchdesk.store.models import Doc

CHECKPOINT_BYTES = 1 << 20


class JournalStorage(Folding, Storage):
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
    ) -> None:
        self.path = Path(path)
        self.durable = durable
        self.journal = journal_path(self.path)
        self.folding = folding_path(self.path)
        self.readonly = readonly
        self.checkpoint_bytes = checkpoint_bytes
        self.background = background
        self._fsync = fsync
        self._fd: int | None = None
        self._journal_bytes = 0
        self._pending: list[JournalEntry] | None = None
        self._undo: list[tuple[str, str, Doc | None]] = []
        self._tables: Tables = {}
        self._next_ids: dict[str, int] = {}
        self._folder: threading.Thread | None = None
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
                self._remove_stale_temps()
                self._recover_journal()

    @classmethod
    def in_memory(cls, path: Path, tables: Mapping[str, Mapping[str, Doc]]) -> JournalStorage:
        """Tables that live in memory only (``open --with`` joins several files into one view):
        transactions group changes and roll back on error as on disk, but nothing is read,
        journaled, checkpointed or written, at ``path`` (named in messages) or anywhere."""
        storage = cls(path, durable=False)
        storage._tables = {name: dict(docs) for name, docs in tables.items()}
        return storage

    # -- loading ---------------------------------------------------------------------------
    def _identities(self) -> tuple[object, ...]:
        """What must not change while a reader reads: the snapshot, and which journal files
        exist (appends are fine: a reader replays the prefix it saw)."""
        return (file_identity(self.path), *(inode_of(p) for p in journal_segments(self.path)))

    def _load(self) -> Tables:
        """Snapshot + journal replay, retried if a writer checkpoints while we read."""
        for _ in range(50):
            before = self._identities()
            try:
                tables = read_snapshot(self.path)
            except FileNotFoundError:
                continue  # replaced under us: read again
            except OSError as exc:
                raise CorruptWorkshop(
                    f"Cannot read {self.path}: {describe_os_error(exc)}."
                ) from None
            folded, journal = (read_journal(p) for p in journal_segments(self.path))
            if self._identities() == before:
                for changes in [*folded[0], *journal[0]]:
                    apply_changes(tables, changes)
                self._journal_bytes = journal[1]
                return tables
        raise CorruptWorkshop(f"{self.path} kept changing while being read; try again.")

    def _remove_stale_temps(self) -> None:
        """Temp copies left by a checkpoint that was killed (they can be as big as the file)."""
        for temp in stale_temp_files(self.path):
            with contextlib.suppress(OSError):
                temp.unlink()

    def _recover_journal(self) -> None:
        """A writer cuts a torn tail (or an unclosed group) and ends the last record with a
        newline, so its appends start on a fresh line even if it cannot checkpoint."""
        try:
            if self.journal.exists() and self.journal.stat().st_size > self._journal_bytes:
                os.truncate(self.journal, self._journal_bytes)
            if not self._journal_bytes:
                return
            with self.journal.open("rb") as handle:
                handle.seek(self._journal_bytes - 1)
                ends_cleanly = handle.read(1) == b"\n"
            if not ends_cleanly:
                fd = self._journal_fd()
                os.write(fd, b"\n")
                self._fsync(fd)
                self._journal_bytes += 1
        except OSError as exc:
            raise StorageWriteFailed(
                f"Could not repair the journal of {self.path}: {describe_os_error(exc)}.", exc.errno
            ) from exc

    def unfolded(self) -> bool:
        """Whether journal entries wait to be folded into the snapshot."""
        return self.durable and (bool(self._journal_bytes) or self.folding.exists())

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
            self._close_journal()

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
        self._pending = []
        self._undo = []
        try:
            yield
            if self._pending and self.durable:
                self._append(self._pending)
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

    def _next_id(self, table: str) -> int:
        if table not in self._next_ids:
            self._next_ids[table] = max(map(int, self.table_data(table)), default=0) + 1
        doc_id = self._next_ids[table]
        self._next_ids[table] += 1
        return doc_id

    def stage(
        self, table: str, changes: Mapping[str, Doc | None], originals: Mapping[str, Doc | None]
    ) -> None:
        """Record changed documents (called by ``JournaledTable``)."""
        self._next_ids.pop(table, None)
        with self.transaction():
            assert self._pending is not None
            for doc_id, doc in changes.items():
                self._pending.append((table, doc_id, doc))
            for doc_id, original in originals.items():
                self._undo.append((table, doc_id, original))

    def _rollback(self) -> None:
        for table, doc_id, original in reversed(self._undo):
            target = self._tables.setdefault(table, {})
            if original is None:
                target.pop(doc_id, None)
            else:
                target[doc_id] = original
        self._next_ids.clear()

    def _append(self, changes: list[JournalEntry]) -> None:
        """Write the transaction's lines (bounded chunks for a large one), then one fsync."""
        written = 0
        try:
            fd = self._journal_fd()
            for data in journal_lines(changes):
                count = os.write(fd, data)
                written += count
                if count != len(data):
                    raise OSError(28, "short write")
            self._fsync(fd)
        except OSError as exc:
            self._close_journal()
            self._truncate_journal_tail()
            raise StorageWriteFailed(
                f"Could not save to {self.path}: {describe_os_error(exc)}.", exc.errno
            ) from exc
        self._journal_bytes += written

    def _journal_fd(self) -> int:
        if self._fd is None:
            existed = self.journal.exists()
            self._fd = os.open(
                self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode_beside(self.path)
            )
            with contextlib.suppress(OSError):  # the workshop's mode, even on an old journal
                os.fchmod(self._fd, mode_beside(self.path))
            if not existed:
                fsync_dir(self.path.parent)
        return self._fd

    def _truncate_journal_tail(self) -> None:
        """After a failed append, cut any partial line so later appends stay parseable."""
        with contextlib.suppress(OSError):
            if self.journal.exists():
                size = self.journal.stat().st_size
                if size > self._journal_bytes:
                    os.truncate(self.journal, self._journal_bytes)

    def _close_journal(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def _require_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")

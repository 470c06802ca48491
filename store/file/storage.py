"""A crash-safe TinyDB storage: an atomic JSON snapshot plus an append-only, fsynced journal.

TinyDB's ``JSONStorage`` rewrites the whole file in place on every change, so a crash can leave
half a file and a capture costs O(file size). Here a change costs one small appended line, and the
snapshot (a plain TinyDB JSON file) is only rewritten at checkpoints, atomically.

``JournaledTable`` replaces TinyDB's table so a write touches only the documents it changes; the
storage journals exactly those documents. A group of changes (an import) is one journal line, so
it lands whole or not at all.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from matchdesk.store.errors import (
    CorruptWorkshop,
    ReadOnlyWorkshop,
    StorageWriteFailed,
    describe_os_error,
)
from matchdesk.store.file.atomic import atomic_write_bytes, fsync_dir

Doc = dict[str, Any]
Tables = dict[str, dict[str, Doc]]
Change = tuple[str, str, Doc | None]  # (table, doc id, document or None when removed)

JOURNAL_SUFFIX = ".journal"
BACKUP_COUNT = 3
CHECKPOINT_BYTES = 1 << 20


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def backup_paths(path: Path, count: int = BACKUP_COUNT) -> list[Path]:
    """Rotating snapshot backups beside the file, newest first."""
    return [path.with_name(f"{path.name}.bak{i}") for i in range(1, count + 1)]


def parse_snapshot(raw: bytes, path: Path) -> Tables:
    """Parse a snapshot's bytes, naming the file and the fault when it is not a workshop."""
    if not raw.strip(b"\x00 \t\r\n"):
        what = "is empty" if not raw else "holds no data (only zero bytes or blanks)"
        raise CorruptWorkshop(f"{path} {what}; it is not a readable workshop file.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CorruptWorkshop(
            f"{path} is not a workshop file: it is not UTF-8 text (byte {exc.start})."
        ) from None
    except json.JSONDecodeError as exc:
        raise CorruptWorkshop(
            f"{path} is damaged or not a workshop file: invalid JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg})."
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    ):
        raise CorruptWorkshop(f"{path} is JSON but not a matchdesk workshop file.")
    return data


def read_journal(path: Path) -> tuple[list[list[Change]], int]:
    """Return the journal's complete transactions and the byte length they occupy.

    A torn last line (a crash mid-append) is ignored; a damaged line before the end is not.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    except OSError as exc:
        raise CorruptWorkshop(f"Cannot read {path}: {describe_os_error(exc)}.") from None
    transactions: list[list[Change]] = []
    offset = 0
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, start=1):
        is_last = number == len(lines)
        if not line:
            offset += 0 if is_last else 1
            continue
        try:
            record = json.loads(line.decode("utf-8"))
            changes = [(str(t), str(i), d) for t, i, d in record["c"]]
            if not all(d is None or isinstance(d, dict) for _, _, d in changes):
                raise ValueError("bad document")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            if is_last or all(not rest.strip() for rest in lines[number:]):
                break  # torn tail: the change was never acknowledged
            raise CorruptWorkshop(
                f"{path} is damaged at line {number}; the workshop cannot be replayed safely."
            ) from None
        if is_last:
            # A complete record missing its newline was written but not fully acknowledged;
            # it is whole, so keep it.
            offset += len(line)
        else:
            offset += len(line) + 1
        transactions.append(changes)
    return transactions, offset


def apply_changes(tables: Tables, changes: list[Change]) -> None:
    for table, doc_id, doc in changes:
        target = tables.setdefault(table, {})
        if doc is None:
            target.pop(doc_id, None)
        else:
            target[doc_id] = doc


class JournalStorage(Storage):
    """Snapshot + journal storage. ``read()`` returns the live tables (no copy, no I/O)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        checkpoint_bytes: int = CHECKPOINT_BYTES,
        fsync: Callable[[int], None] = os.fsync,
    ) -> None:
        self.path = Path(path)
        self.journal = journal_path(self.path)
        self.readonly = readonly
        self.checkpoint_bytes = checkpoint_bytes
        self._fsync = fsync
        self._fd: int | None = None
        self._journal_bytes = 0
        self._pending: list[Change] | None = None
        self._undo: list[tuple[str, str, Doc | None]] = []
        self._tables: Tables = {}
        self.created = False
        if not self.path.exists():
            if readonly or not create:
                raise CorruptWorkshop(f"{self.path} does not exist.")
            self.created = True
        else:
            self._tables = self._load()
            if not readonly:
                self._recover_journal()

    # -- loading ---------------------------------------------------------------------------
    def _load(self) -> Tables:
        """Snapshot + journal replay, retried if a writer checkpoints while we read."""
        for _ in range(20):
            before = _identity(self.path)
            try:
                raw = self.path.read_bytes()
            except OSError as exc:
                raise CorruptWorkshop(
                    f"Cannot read {self.path}: {describe_os_error(exc)}."
                ) from None
            tables = parse_snapshot(raw, self.path)
            transactions, self._journal_bytes = read_journal(self.journal)
            if _identity(self.path) == before:
                for changes in transactions:
                    apply_changes(tables, changes)
                return tables
        raise CorruptWorkshop(f"{self.path} kept changing while being read; try again.")

    def _recover_journal(self) -> None:
        """A writer cuts a torn tail and ends the last record with a newline, so its appends
        start on a fresh line even if it cannot checkpoint (a full disk)."""
        if not self._journal_bytes:
            return
        try:
            if self.journal.stat().st_size > self._journal_bytes:
                os.truncate(self.journal, self._journal_bytes)
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

    # -- TinyDB's Storage interface --------------------------------------------------------
    def read(self) -> Tables:
        return self._tables

    def write(self, data: Mapping[str, Mapping[str, Doc]]) -> None:
        """A whole-database write (TinyDB's drop/truncate paths): taken as a checkpoint."""
        self._require_writable()
        self._tables = {t: dict(docs) for t, docs in data.items()}
        self.checkpoint()

    def close(self) -> None:
        try:
            if not self.readonly and (self._journal_bytes or self.created):
                self.checkpoint()
        finally:
            self._close_journal()

    # -- changes ---------------------------------------------------------------------------
    def table_data(self, name: str) -> dict[str, Doc]:
        return self._tables.setdefault(name, {})

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one journal line; on any error the memory state is rolled back."""
        if self._pending is not None:
            yield
            return
        self._require_writable()
        self._pending = []
        self._undo = []
        try:
            yield
            if self._pending:
                self._append(self._pending)
        except BaseException:
            self._rollback()
            raise
        finally:
            self._pending = None
            self._undo = []
        self._maybe_checkpoint()

    def stage(self, table: str, changes: Mapping[str, Doc | None], originals: Mapping) -> None:
        """Record changed documents (called by ``JournaledTable``)."""
        with self.transaction():
            assert self._pending is not None
            for doc_id, doc in changes.items():
                self._pending.append((table, doc_id, None if doc is None else copy.deepcopy(doc)))
            for doc_id, original in originals.items():
                self._undo.append((table, doc_id, original))

    def _rollback(self) -> None:
        for table, doc_id, original in reversed(self._undo):
            target = self._tables.setdefault(table, {})
            if original is None:
                target.pop(doc_id, None)
            elif doc_id in target:
                target[doc_id].clear()
                target[doc_id].update(original)
            else:
                target[doc_id] = original

    def _append(self, changes: list[Change]) -> None:
        line = json.dumps({"c": changes}, ensure_ascii=False, separators=(",", ":")) + "\n"
        data = line.encode("utf-8")
        try:
            fd = self._journal_fd()
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(28, "short write")
            self._fsync(fd)
        except OSError as exc:
            self._close_journal()
            self._truncate_journal_tail()
            raise StorageWriteFailed(
                f"Could not save to {self.path}: {describe_os_error(exc)}.", exc.errno
            ) from exc
        self._journal_bytes += len(data)

    def _journal_fd(self) -> int:
        if self._fd is None:
            if self.created and not self.path.exists():
                self.checkpoint()
            existed = self.journal.exists()
            self._fd = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
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

    def _maybe_checkpoint(self) -> None:
        if self._journal_bytes >= self.checkpoint_bytes:
            with contextlib.suppress(StorageWriteFailed):
                self.checkpoint()  # the journal still holds everything; retry next time

    def checkpoint(self) -> None:
        """Fold the journal into a new snapshot: backup, atomic replace, then empty the journal."""
        self._require_writable()
        data = json.dumps(self._tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write_bytes(self.path, data)
        self._rotate_backups(data)
        self.created = False
        self._close_journal()
        try:
            if self.journal.exists():
                os.truncate(self.journal, 0)
                fd = os.open(self.journal, os.O_WRONLY)
                try:
                    self._fsync(fd)
                finally:
                    os.close(fd)
        except OSError as exc:
            # The snapshot already holds every change; replaying the journal again is harmless.
            raise StorageWriteFailed(
                f"Saved {self.path} but could not reset its journal: {describe_os_error(exc)}.",
                exc.errno,
            ) from exc
        self._journal_bytes = 0

    def _rotate_backups(self, data: bytes) -> None:
        """Keep copies (not links: an outside in-place edit must not reach them) of the last
        snapshots; ``.bak1`` is the snapshot just written."""
        backups = backup_paths(self.path)
        with contextlib.suppress(OSError, StorageWriteFailed):
            for older, newer in zip(reversed(backups), list(reversed(backups))[1:], strict=False):
                if newer.exists():
                    os.replace(newer, older)
            atomic_write_bytes(backups[0], data)

    def _require_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")


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


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class _TrackingView(MutableMapping[int, Doc]):
    """The int-keyed table TinyDB's updaters expect, over the live str-keyed table.

    Remembers each touched document's original so the storage can journal just those and roll
    them back if the disk refuses.
    """

    def __init__(self, raw: dict[str, Doc]) -> None:
        self.raw = raw
        self.originals: dict[str, Doc | None] = {}

    def _remember(self, key: str) -> None:
        if key not in self.originals:
            original = self.raw.get(key)
            self.originals[key] = None if original is None else copy.deepcopy(original)

    def __getitem__(self, doc_id: int) -> Doc:
        key = str(doc_id)
        self._remember(key)
        return self.raw[key]

    def __setitem__(self, doc_id: int, doc: Doc) -> None:
        key = str(doc_id)
        self._remember(key)
        self.raw[key] = doc

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        self._remember(key)
        del self.raw[key]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return iter([int(k) for k in self.raw])

    def __len__(self) -> int:
        return len(self.raw)


class JournaledTable(Table):
    """A TinyDB table whose writes cost O(changed documents), not O(table size)."""

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        storage = self._storage
        assert isinstance(storage, JournalStorage)
        raw = storage.table_data(self.name)
        view = _TrackingView(raw)
        try:
            updater(view)  # type: ignore[arg-type]
        except BaseException:
            for key, original in view.originals.items():
                if original is None:
                    raw.pop(key, None)
                else:
                    raw[key] = original
            raise
        changes = {key: raw.get(key) for key in view.originals}
        storage.stage(self.name, changes, view.originals)
        self.clear_cache()


class WorkshopDB(TinyDB):
    """TinyDB over ``JournalStorage`` with journaled tables."""

    table_class = JournaledTable

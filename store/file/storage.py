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
import copy
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from matchdesk.store.errors import (
    CorruptWorkshop,
    MissingSnapshot,
    ReadOnlyWorkshop,
    StorageWriteFailed,
    describe_os_error,
)
from matchdesk.store.file.atomic import fsync_dir, stale_temp_files, write_atomically
from matchdesk.store.file.modes import mode_beside
from matchdesk.store.models import Doc

Tables = dict[str, dict[str, Doc]]
# One stored edit: (table, doc id, document or None when removed); a ``Change`` is what a
# write means to a view (``models.Change``), this is what it did to the tables.
Edit = tuple[str, str, Doc | None]

JOURNAL_SUFFIX = ".journal"
FOLDING_SUFFIX = ".journal.folding"
BACKUP_COUNT = 3
CHECKPOINT_BYTES = 1 << 20
CHUNK_CHANGES = 500  # changes per journal line of a large transaction
FOLD_SWITCH_INTERVAL_S = 0.001
STREAM_RECORDS = 1000  # snapshot records parsed at once (``stream_snapshot``)
_UNIQUE_FIELDS = frozenset({"uid", "hlc"})  # values no two records share: not worth a memo
_SHARED_VALUES = 1 << 16  # distinct values ``_share`` remembers at most
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def folding_path(path: Path) -> Path:
    """The journal segment a checkpoint is folding into the snapshot (gone once it is done)."""
    return path.with_name(path.name + FOLDING_SUFFIX)


def backup_paths(path: Path, count: int = BACKUP_COUNT) -> list[Path]:
    """Rotating snapshot backups beside the file, newest first."""
    return [path.with_name(f"{path.name}.bak{i}") for i in range(1, count + 1)]


def journal_segments(path: Path) -> list[Path]:
    """The journal files of ``path`` in replay order."""
    return [folding_path(path), journal_path(path)]


def leftovers(path: Path) -> list[Path]:
    """Non-empty journals and backups of ``path``: what a missing snapshot leaves behind."""
    found = []
    for item in [*journal_segments(path), *backup_paths(path)]:
        with contextlib.suppress(OSError):
            if item.stat().st_size:
                found.append(item)
    return found


def missing_snapshot_error(path: Path, found: list[Path]) -> MissingSnapshot:
    names = ", ".join(p.name for p in found)
    return MissingSnapshot(
        f"{path} is missing, but {names} beside it still hold(s) the workshop; nothing was "
        f"changed. Rebuild it from the newest sound backup and the journal with "
        f"`matchdesk restore {path}`."
    )


def parse_json(raw: bytes | list[bytes], path: Path) -> Any:
    """JSON from ``raw``, or ``CorruptWorkshop`` naming the file (never a RecursionError).

    ``raw`` may come in a one-item list that this empties: the bytes are then freed as soon as
    they are decoded, so a large file is not held twice while it is parsed."""
    data = raw.pop() if isinstance(raw, list) else raw
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptWorkshop(
            f"{path} is not a workshop file: it is not UTF-8 text (byte {exc.start})."
        ) from None
    del data
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptWorkshop(
            f"{path} is damaged or not a workshop file: invalid JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg})."
        ) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
        what = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise CorruptWorkshop(f"{path} is not a workshop file: its JSON is {what}.") from None


def parse_snapshot(raw: bytes | list[bytes], path: Path) -> Tables:
    """Parse a snapshot's bytes (or a one-item list of them, see ``parse_json``), naming the
    file and the fault when it is not a workshop."""
    head = raw[0] if isinstance(raw, list) else raw
    if not head.strip(b"\x00 \t\r\n"):
        what = "is empty" if not head else "holds no data (only zero bytes or blanks)"
        raise CorruptWorkshop(f"{path} {what}; it is not a readable workshop file.")
    del head
    data = parse_json(raw, path)
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    ):
        raise CorruptWorkshop(f"{path} is JSON but not a matchdesk workshop file.")
    return data


def read_snapshot(path: Path) -> Tables:
    """Read and parse a snapshot: line by line when it is laid out one record per line
    (``snapshot_chunks``), else whole, holding its bytes only until they are decoded."""
    with path.open("rb") as handle:
        tables = stream_snapshot(handle)
        if tables is not None:
            return tables
        handle.seek(0)
        raw = [handle.read()]
    return parse_snapshot(raw, path)


def snapshot_chunks(tables: Mapping[str, Mapping[str, Doc]]) -> Iterator[bytes]:
    """``tables`` as JSON, one record per line (``stream_snapshot`` reads it back), in pieces
    of a few hundred documents.

    A thread that encodes one document at a time gives the interpreter back between them, so a
    capture on the main thread never waits for a whole snapshot's encoding.
    """
    yield b"{\n"
    last_table = len(tables) - 1
    for t, (name, docs) in enumerate(tables.items()):
        parts = [_ENCODE(name) + ":{\n"]
        last = len(docs) - 1
        for d, (key, doc) in enumerate(docs.items()):
            parts.append(_ENCODE(key) + ":" + _ENCODE(doc) + (",\n" if d < last else "\n"))
            if len(parts) >= 256:
                yield "".join(parts).encode("utf-8")
                parts = []
        parts.append("},\n" if t < last_table else "}\n")
        yield "".join(parts).encode("utf-8")
    yield b"}\n"


def stream_snapshot(handle: BinaryIO) -> Tables | None:
    """The tables of a snapshot laid out as ``snapshot_chunks`` writes it, parsed
    ``STREAM_RECORDS`` lines at a time; repeated values are shared (``_share``).

    None when the file is laid out otherwise or is not sound JSON: the caller parses it whole,
    which accepts what ``json.loads`` accepts and names the fault as before. Lines are cut only
    between members of a table (a cut anywhere else leaves a part that does not parse) and the
    commas at the cuts are checked, so this accepts only what ``json.loads`` accepts, and gives
    the same tables.
    """
    if handle.readline(3) != b"{\n":
        return None
    tables: Tables = {}
    memo: dict[str, str] = {}
    lines = iter(handle)
    more = True  # whether another table may follow (the last one closes with "}\n")
    for header in lines:
        if header in (b"}\n", b"}"):
            return tables if not more and not handle.read().strip() else None
        if not (more and header.startswith(b'"') and header.endswith(b":{\n")):
            return None
        name = _loads(header[:-3])
        if not isinstance(name, str) or name in tables:
            return None
        table: dict[str, Doc] = tables.setdefault(name, {})
        batch: list[bytes] = []
        for line in lines:
            if line[:1] == b"}":
                break
            if len(batch) == STREAM_RECORDS:  # more follow: the batch must end with a comma
                if not _parse_records(table, batch, memo, last=False):
                    return None
                batch = []
            batch.append(line)
        else:
            return None  # the file ended inside a table
        if line not in (b"},\n", b"}\n") or not _parse_records(table, batch, memo, last=True):
            return None
        more = line == b"},\n"
    return None  # no closing brace


def _loads(data: bytes) -> Any:
    """A JSON value, or None for anything ``json.loads`` refuses (the whole parse says why)."""
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        return None


def _parse_records(
    table: dict[str, Doc], lines: list[bytes], memo: dict[str, str], *, last: bool
) -> bool:
    """Add the records of ``lines`` (``"id":{...},`` each) to ``table``; False when they are
    not records, or the comma after them is missing (more follow) or extra (``last``)."""
    body = b"".join(lines).rstrip()
    if body.endswith(b",") == last:
        return False  # a comma out of place
    part = _loads(b"{" + (body if last else body[:-1]) + b"}")
    if not isinstance(part, dict) or not all(doc.__class__ is dict for doc in part.values()):
        return False
    _share(part.values(), memo)
    table.update(part)
    return True


def _share(docs: Iterable[Doc], memo: dict[str, str]) -> None:
    """Make equal text values of ``docs`` one object (a presentation's uid in its hundred
    interests, a device, a stamp written three times in one record): the parser makes a new
    string for every value. Records are never changed in place afterwards; replacing a value
    by an equal one, before anyone else sees the record, changes nothing but memory."""
    if len(memo) > _SHARED_VALUES:
        memo.clear()  # times are mostly their own: keep what is shared from growing
    share, text, unique = memo.setdefault, str, _UNIQUE_FIELDS
    for doc in docs:
        for key, value in doc.items():
            if value.__class__ is text and key not in unique:
                doc[key] = share(value, value)


@dataclass
class JournalScan:
    """What a journal holds: complete transactions, where they end, where it is damaged."""

    transactions: list[list[Edit]] = field(default_factory=list)
    end: int = 0  # bytes up to the end of the last complete transaction (and its newline)
    ends_cleanly: bool = True  # the last complete transaction ends with a newline
    damaged_line: int | None = None  # a bad line followed by more records


def scan_journal(path: Path) -> JournalScan:
    """Read a journal line by line; a torn tail or an unclosed group is left out."""
    scan = JournalScan()
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return scan
    except OSError as exc:
        raise CorruptWorkshop(f"Cannot read {path}: {describe_os_error(exc)}.") from None
    group: list[Edit] = []
    offset = 0
    bad_line: int | None = None
    with handle:
        for number, line in enumerate(handle, start=1):
            offset += len(line)
            body = line.rstrip(b"\n")
            if not body.strip():
                continue
            if bad_line is not None:
                scan.damaged_line = bad_line  # a bad line with records after it
                return scan
            try:
                record = json.loads(body.decode("utf-8"))
                changes = [(str(t), str(i), d) for t, i, d in record["c"]]
                if not all(d is None or isinstance(d, dict) for _, _, d in changes):
                    raise ValueError("bad document")
            except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
                bad_line = number
                continue
            group.extend(changes)
            if not record.get("more"):
                scan.transactions.append(group)
                group = []
                scan.end = offset
                scan.ends_cleanly = line.endswith(b"\n")
    return scan


def read_journal(path: Path) -> tuple[list[list[Edit]], int]:
    """The journal's complete transactions and the byte length they occupy.

    A torn last line (a crash mid-append) is ignored; a damaged line before the end is not.
    """
    scan = scan_journal(path)
    if scan.damaged_line is not None:
        raise CorruptWorkshop(
            f"{path} is damaged at line {scan.damaged_line}; the workshop cannot be replayed "
            "safely."
        )
    return scan.transactions, scan.end


def apply_changes(tables: Tables, changes: list[Edit]) -> None:
    for table, doc_id, doc in changes:
        target = tables.setdefault(table, {})
        if doc is None:
            target.pop(doc_id, None)
        else:
            target[doc_id] = doc


def journal_lines(changes: list[Edit]) -> Iterator[bytes]:
    """One transaction as journal lines: chunks marked ``more`` and a closing line."""
    for start in range(0, max(len(changes), 1), CHUNK_CHANGES):
        chunk = changes[start : start + CHUNK_CHANGES]
        record: dict[str, Any] = {"c": chunk}
        if start + CHUNK_CHANGES < len(changes):
            record["more"] = 1
        yield (_ENCODE(record) + "\n").encode("utf-8")


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
        self._pending: list[Edit] | None = None
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
        return (_identity(self.path), *(_inode(p) for p in journal_segments(self.path)))

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

    def stage(self, table: str, changes: Mapping[str, Doc | None], originals: Mapping) -> None:
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

    def _append(self, changes: list[Edit]) -> None:
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

    # -- checkpoints -----------------------------------------------------------------------
    def _maybe_checkpoint(self) -> None:
        if not self.durable or self._journal_bytes < self.checkpoint_bytes:
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

        Costs a rename and a shallow copy of the tables on the caller's path; the thread does
        the encoding and the writing.
        """
        self._close_journal()
        try:
            if self.folding.exists():
                # A previous fold failed (full disk): add this journal to the sealed segment.
                with self.folding.open("ab") as sealed, self.journal.open("rb") as current:
                    for block in iter(lambda: current.read(1 << 20), b""):
                        sealed.write(block)
                    sealed.flush()
                    self._fsync(sealed.fileno())
                os.truncate(self.journal, 0)
            else:
                # No folder fsync here: the next append creates the fresh journal and fsyncs
                # the folder (both names at once), and the fold fsyncs it too.
                os.replace(self.journal, self.folding)
        except OSError as exc:
            raise StorageWriteFailed(
                f"Could not checkpoint {self.path}: {describe_os_error(exc)}.", exc.errno
            ) from exc
        self._journal_bytes = 0
        tables = {name: dict(docs) for name, docs in self._tables.items()}
        # While the thread encodes, a capture waking up from its fsync gets the interpreter
        # back within a millisecond, not five (set before the thread starts, for its start).
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, FOLD_SWITCH_INTERVAL_S))
        self._folder = threading.Thread(
            target=self._fold, args=(tables, interval), name="matchdesk-checkpoint", daemon=True
        )
        self._folder.start()

    def _fold(self, tables: Tables, interval: float) -> None:
        try:
            self._write_snapshot(tables)
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
        self._write_snapshot(self._tables)
        self.created = False
        self._close_journal()
        try:
            self.folding.unlink(missing_ok=True)
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
        self.fold_error = None

    def _write_snapshot(self, tables: Tables) -> None:
        """The snapshot, atomically, then the same bytes as ``.bak1`` (older ones rotate).

        Backups are copies, not links: an outside in-place edit must not reach them.
        """
        mode = mode_beside(self.path)
        data = list(snapshot_chunks(tables))
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


def file_stamp(path: Path) -> tuple[tuple[int, int, int] | None, ...]:
    """A cheap fingerprint of a workshop file and its journal (changes on every capture)."""
    stamps: list[tuple[int, int, int] | None] = []
    for item in (path, *journal_segments(path)):
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


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


class _TrackingView(MutableMapping[int, Doc]):
    """The int-keyed table TinyDB's updaters expect, over the live str-keyed table.

    Copy on write: a document an updater may change is replaced by a copy first, so the
    original (kept to roll back if the disk refuses) is never changed in place.
    """

    def __init__(self, raw: dict[str, Doc]) -> None:
        self.raw = raw
        self.originals: dict[str, Doc | None] = {}

    def _remember(self, key: str) -> None:
        if key not in self.originals:
            self.originals[key] = self.raw.get(key)

    def __getitem__(self, doc_id: int) -> Doc:
        key = str(doc_id)
        if key not in self.originals:
            self._remember(key)
            self.raw[key] = copy.deepcopy(self.raw[key])
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

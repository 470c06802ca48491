"""The journal: every acknowledged transaction since the last checkpoint, appended and
fsynced, one line each.

Journal lines are ``{"c": [[table, doc id, doc or null], ...]}``, one per transaction. A large
transaction (an import) is written as bounded chunks ``{"c": [...], "more": 1}`` closed by one
line without ``more``: replay applies a group only once its closing line is there, so it lands
whole or not at all, and a torn last line is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from matchdesk.store.errors import CorruptWorkshop, StorageWriteFailed, describe_os_error
from matchdesk.store.file.atomic import fsync_dir
from matchdesk.store.file.modes import mode_beside
from matchdesk.store.file.paths import journal_path
from matchdesk.store.file.snapshot import ENCODE, Tables
from matchdesk.store.models import Doc

# One stored edit: (table, doc id, document or None when removed); a ``Change`` is what a
# write means to a view (``models.Change``), this is what it did to the tables.
Edit = tuple[str, str, Doc | None]
CHUNK_CHANGES = 500  # changes per journal line of a large transaction


class JournalScan(Struct):
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
        yield (ENCODE(record) + "\n").encode("utf-8")


class JournalFile:
    """The journal of one workshop file, as its writer appends to it."""

    def __init__(self, path: Path, fsync: Callable[[int], None]) -> None:
        self.owner = path  # the workshop file: named in messages, its mode given to the journal
        self.path = journal_path(path)
        self.fsync = fsync
        self.size = 0  # bytes of the complete transactions it holds
        self._fd: int | None = None

    def recover(self) -> None:
        """A writer cuts a torn tail (or an unclosed group) and ends the last record with a
        newline, so its appends start on a fresh line even if it cannot checkpoint."""
        try:
            if self.path.exists() and self.path.stat().st_size > self.size:
                os.truncate(self.path, self.size)
            if not self.size:
                return
            with self.path.open("rb") as handle:
                handle.seek(self.size - 1)
                ends_cleanly = handle.read(1) == b"\n"
            if not ends_cleanly:
                fd = self._open()
                os.write(fd, b"\n")
                self.fsync(fd)
                self.size += 1
        except OSError as exc:
            raise StorageWriteFailed(
                f"Could not repair the journal of {self.owner}: {describe_os_error(exc)}.",
                exc.errno,
            ) from exc

    def append(self, edits: list[Edit]) -> None:
        """Write the transaction's lines (bounded chunks for a large one), then one fsync."""
        written = 0
        try:
            fd = self._open()
            for data in journal_lines(edits):
                count = os.write(fd, data)
                written += count
                if count != len(data):
                    raise OSError(28, "short write")
            self.fsync(fd)
        except OSError as exc:
            self.close()
            self._truncate_tail()
            raise StorageWriteFailed(
                f"Could not save to {self.owner}: {describe_os_error(exc)}.", exc.errno
            ) from exc
        self.size += written

    def _open(self) -> int:
        if self._fd is None:
            existed = self.path.exists()
            mode = mode_beside(self.owner)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
            with contextlib.suppress(OSError):  # the workshop's mode, even on an old journal
                os.fchmod(self._fd, mode)
            if not existed:
                fsync_dir(self.owner.parent)
        return self._fd

    def _truncate_tail(self) -> None:
        """After a failed append, cut any partial line so later appends stay parseable."""
        with contextlib.suppress(OSError):
            if self.path.exists() and self.path.stat().st_size > self.size:
                os.truncate(self.path, self.size)

    def seal(self, folding: Path) -> None:
        """Make the journal the segment a checkpoint folds (appends go on in a fresh one)."""
        self.close()
        if folding.exists():
            # A previous fold failed (full disk): add this journal to the sealed segment.
            with folding.open("ab") as sealed, self.path.open("rb") as current:
                for block in iter(lambda: current.read(1 << 20), b""):
                    sealed.write(block)
                sealed.flush()
                self.fsync(sealed.fileno())
            os.truncate(self.path, 0)
        else:
            # No folder fsync here: the next append creates the fresh journal and fsyncs the
            # folder (both names at once), and the fold fsyncs it too.
            os.replace(self.path, folding)
        self.size = 0

    def empty(self) -> None:
        """Empty the journal (its transactions are in the snapshot now), durably."""
        self.close()
        if self.path.exists():
            os.truncate(self.path, 0)
            fd = os.open(self.path, os.O_WRONLY)
            try:
                self.fsync(fd)
            finally:
                os.close(fd)
        self.size = 0

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

"""The journal: one line per transaction ``{"c": [[table, doc id, doc or null], ...]}``,
large ones in chunks closed by a line without ``more``; scanning ignores a torn tail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matchdesk.store.errors import (
    CorruptWorkshop,
    describe_os_error,
)
from matchdesk.store.file.snapshot import Tables, encode_compact
from matchdesk.store.models import Doc

CHUNK_CHANGES = 500  # changes per journal line of a large transaction

JournalEntry = tuple[str, str, Doc | None]  # (table, doc id, document or None when removed)


@dataclass
class JournalScan:
    """What a journal holds: complete transactions, where they end, where it is damaged."""

    transactions: list[list[JournalEntry]] = field(default_factory=list)
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
    group: list[JournalEntry] = []
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


def read_journal(path: Path) -> tuple[list[list[JournalEntry]], int]:
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


def apply_changes(tables: Tables, changes: list[JournalEntry]) -> None:
    for table, doc_id, doc in changes:
        target = tables.setdefault(table, {})
        if doc is None:
            target.pop(doc_id, None)
        else:
            target[doc_id] = doc


def journal_lines(changes: list[JournalEntry]) -> Iterator[bytes]:
    """One transaction as journal lines: chunks marked ``more`` and a closing line."""
    for start in range(0, max(len(changes), 1), CHUNK_CHANGES):
        chunk = changes[start : start + CHUNK_CHANGES]
        record: dict[str, Any] = {"c": chunk}
        if start + CHUNK_CHANGES < len(changes):
            record["more"] = 1
        yield (encode_compact(record) + "\n").encode("utf-8")

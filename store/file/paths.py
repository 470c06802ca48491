"""Where a workshop file's companions live: its journal, the segment being folded, its
backups; and the cheap fingerprints that tell a reader the file changed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from matchdesk.store.errors import MissingSnapshot

JOURNAL_SUFFIX = ".journal"
FOLDING_SUFFIX = ".journal.folding"
BACKUP_COUNT = 3


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


def identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def read_identities(path: Path) -> tuple[object, ...]:
    """What must not change while a reader reads: the snapshot, and which journal files
    exist (appends are fine: a reader replays the prefix it saw)."""
    return (identity(path), *(inode(p) for p in journal_segments(path)))

"""How much of a file matchdesk reads whole: every workshop-like file read (another laptop's
file, a merge input, ``check``, the network's candidates and its network file) has a limit,
checked by size before a byte of it is parsed, so a stray 8 GB ``x.json`` costs a ``stat``,
not the machine's memory.

The largest workshops measured (100,000 interests) take 35 MB on disk and about 2.5 times that
in memory once read: the default leaves room for six such, and ``--max-size MB`` raises it.
"""

from __future__ import annotations

from pathlib import Path

from matchdesk.store.errors import InvalidValue
from matchdesk.store.file.paths import journal_segments

MAX_READ_MB = 200  # per file read whole (with its journal); ``--max-size MB`` raises it
MAX_READ_BYTES = MAX_READ_MB << 20
# Per source to import (or follow-up sheet); ``matchdesk import --max-size MB`` raises it. Here,
# not in the import, so the command line's options name it without loading the import.
MAX_SOURCE_MB = 50


class TooLarge(InvalidValue):
    """A file over the read limit, refused (or, by ``network``, left out) unread."""


def stored_size(path: Path) -> int:
    """What reading ``path`` takes in: the file and its journal (segments that exist)."""
    total = 0
    for part in (Path(path), *journal_segments(Path(path))):
        try:
            total += part.stat().st_size
        except OSError:
            continue
    return total


def _size(path: Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.0f}"


def over_limit(path: Path, max_bytes: int = MAX_READ_BYTES, *, journal: bool = True) -> str:
    """Why ``path`` is not read ("" when it may be): over ``max_bytes`` with its journal (or
    alone: a backup has none)."""
    size = stored_size(path) if journal else _size(path)
    if size <= max_bytes:
        return ""
    return (
        f"{Path(path).name} holds {_mb(size)} MB, over the {_mb(max_bytes)} MB limit for a "
        "file matchdesk reads whole (--max-size MB raises it)"
    )


def require_within(path: Path, max_bytes: int = MAX_READ_BYTES) -> None:
    """Refuse, unread, a file over the limit (one sentence, nothing written)."""
    reason = over_limit(path, max_bytes)
    if reason:
        raise TooLarge(f"{reason}; it was not read.")

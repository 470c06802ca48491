"""Backups of a workshop file, and restoring one with its journal replayed on top, without ever
losing the damaged file or the journal."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from matchdesk.store.errors import (
    CorruptWorkshop,
    MatchdeskError,
    StorageWriteFailed,
    describe_os_error,
)
from matchdesk.store.file.atomic import fsync_dir, write_atomically
from matchdesk.store.file.journal import apply_changes, scan_journal
from matchdesk.store.file.limits import MAX_READ_BYTES, over_limit
from matchdesk.store.file.locking import WriterLock
from matchdesk.store.file.modes import mode_beside, require_writable
from matchdesk.store.file.paths import backup_paths, journal_segments
from matchdesk.store.file.schema import INTERESTS, PRESENTATIONS, file_version
from matchdesk.store.file.snapshot import Tables, read_snapshot, snapshot_chunks
from matchdesk.store.models import Doc


@dataclass(frozen=True)
class BackupInfo:
    """One rotating backup beside the workshop file, and whether it opens."""

    path: Path
    saved_at: str  # local time, for people
    sound: bool
    presentations: int = 0
    interests: int = 0
    problem: str = ""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    damaged_copy: Path | None
    presentations: int
    interests: int
    replayed: int = 0  # journal entries replayed on top of the backup
    journal_copies: tuple[Path, ...] = ()  # the journal files, kept aside after the replay
    damaged_journal: str = ""  # where the replay stopped, when the journal is damaged


def _live(table: dict[str, Doc]) -> list[Doc]:
    return [d for d in table.values() if isinstance(d, dict) and not d.get("deleted")]


Known = dict[tuple[int, bytes], tuple[int, int]]  # (size, digest) of a sound snapshot -> counts


def digest(path: Path) -> tuple[int, bytes]:
    """Size and hash of a snapshot's bytes, read a block at a time (files of another size are
    never hashed)."""
    import hashlib  # OpenSSL's, 3 ms: only backups are hashed (check, restore)

    hasher = hashlib.sha1(usedforsecurity=False)
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
            size += len(block)
    return size, hasher.digest()


def inspect_snapshot(
    path: Path, known: Known | None = None, max_bytes: int = MAX_READ_BYTES
) -> BackupInfo:
    """Whether a snapshot (a backup) reads as a workshop, and what it holds.

    Parses the file and counts its live records without opening it as a workshop, so listing
    backups stays cheap and this room never needs the facade above it. A backup whose bytes
    are those of a snapshot already counted (``known``) is not parsed again; one over
    ``max_bytes`` is not parsed at all (unsound, saying why).
    """
    try:
        stat = path.stat()
        saved = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        if stat.st_size > max_bytes:
            reason = over_limit(path, max_bytes, journal=False)
            return BackupInfo(path, saved, False, problem=f"{reason}; it was not read")
        if any(size == stat.st_size for size, _ in known or ()):
            counts = (known or {}).get(digest(path))
            if counts is not None:
                return BackupInfo(path, saved, True, *counts)
        tables = read_snapshot(path)
        if not file_version(tables, path):
            raise CorruptWorkshop(f"{path} holds no workshop yet.")
    except OSError as exc:
        return BackupInfo(path, "?", False, problem=f"cannot read it: {describe_os_error(exc)}")
    except MatchdeskError as exc:
        return BackupInfo(path, saved, False, problem=str(exc))
    return BackupInfo(path, saved, True, *_counts(tables))


def _counts(tables: Tables) -> tuple[int, int]:
    """Live presentations, and live interests in them (as the tallies count)."""
    presentations = {d.get("uid") for d in _live(tables.get(PRESENTATIONS, {}))}
    interests = sum(
        1 for d in _live(tables.get(INTERESTS, {})) if d.get("presentation") in presentations
    )
    return len(presentations), interests


def list_backups(
    path: Path, known: Known | None = None, max_bytes: int = MAX_READ_BYTES
) -> list[BackupInfo]:
    """The backups that exist, newest first (see ``inspect_snapshot``)."""
    backups = backup_paths(Path(path))
    return [inspect_snapshot(b, known, max_bytes) for b in backups if b.is_file()]


def newest_sound_backup(path: Path, max_bytes: int = MAX_READ_BYTES) -> BackupInfo | None:
    return next((b for b in list_backups(path, max_bytes=max_bytes) if b.sound), None)


def backup_hint(path: Path) -> str:
    """A sentence offering the newest sound backup, or "" when there is none."""
    best = newest_sound_backup(path)
    if best is None:
        return ""
    return (
        f" A sound backup from {best.saved_at} holds {best.presentations} presentations and "
        f"{best.interests} interests: restore it with `matchdesk restore {path}`."
    )


def aside_name(path: Path, tag: str) -> Path:
    """A name beside ``path`` that no earlier copy holds: ``NAME.TAG-<time>[-n]``.

    Seconds repeat (two restores in one second, a clock that restarts at every boot), so a
    counter is added until the name is free."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.{tag}-{stamp}")
    counter = 1
    while candidate.exists() or candidate.is_symlink():
        counter += 1
        candidate = path.with_name(f"{path.name}.{tag}-{stamp}-{counter}")
    return candidate


def keep_copy(path: Path, tag: str) -> Path:
    """Copy ``path`` to a fresh ``aside_name`` (never over an earlier copy), in its mode."""
    mode = mode_beside(path)
    while True:
        target = aside_name(path, tag)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        import shutil  # with bz2 and lzma, 2 ms that only a copy set aside needs

        with os.fdopen(fd, "wb") as out, path.open("rb") as source:
            os.fchmod(out.fileno(), mode)
            shutil.copyfileobj(source, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        return target


def replay_journal(tables: Tables, path: Path) -> tuple[int, str]:
    """Apply ``path``'s journal (folding segment, then journal) to ``tables`` as far as it
    reads; the number of entries replayed, and where it stopped if it is damaged."""
    replayed = 0
    for segment in journal_segments(path):
        scan = scan_journal(segment)
        for changes in scan.transactions:
            apply_changes(tables, changes)
            replayed += 1
        if scan.damaged_line is not None:
            return replayed, f"{segment} is damaged at line {scan.damaged_line}"
    return replayed, ""


def restore(
    path: Path, source: Path | None = None, max_bytes: int = MAX_READ_BYTES
) -> RestoreResult:
    """Put back a backup with the journal replayed on top; nothing is thrown away.

    The current file (if any) is copied aside first; the new snapshot is written; only then
    are the journal files moved aside (a crash in between replays them again: harmless, the
    restored snapshot already holds them)."""
    path = Path(path).absolute()
    require_writable(path)
    lock = WriterLock(path)
    lock.acquire()
    try:
        if source is None:
            chosen = newest_sound_backup(path, max_bytes)
            if chosen is None:
                raise MatchdeskError(f"No sound backup of {path} was found; nothing was changed.")
        else:
            chosen = inspect_snapshot(Path(source), max_bytes=max_bytes)
            if not chosen.sound:
                raise MatchdeskError(f"{source} cannot be restored: {chosen.problem}")
        tables = read_snapshot(chosen.path)
        replayed, damaged = replay_journal(tables, path)
        try:
            file_version(tables, path)
        except MatchdeskError as exc:
            raise MatchdeskError(
                f"{chosen.path} with the journal replayed is not a workshop ({exc}); "
                "nothing was changed."
            ) from None
        presentations, interests = _counts(tables)
        mode = mode_beside(path if path.exists() else chosen.path)
        try:
            damaged_copy = keep_copy(path, "damaged") if path.exists() else None
        except OSError as exc:
            raise StorageWriteFailed(
                f"Could not keep a copy of {path} before restoring: {describe_os_error(exc)}; "
                "nothing was changed.",
                exc.errno,
            ) from exc
        write_atomically([path], snapshot_chunks(tables), mode=mode)
        kept: list[Path] = []
        try:
            for segment in journal_segments(path):
                if segment.exists():
                    target = aside_name(segment, "restored")
                    os.replace(segment, target)
                    kept.append(target)
            fsync_dir(path.parent)
        except OSError as exc:
            raise StorageWriteFailed(
                f"Restored {path}, but could not set its journal aside: {describe_os_error(exc)}.",
                exc.errno,
            ) from exc
    except BaseException:
        lock.abandon()  # refused or failed: no lock file left behind
        raise
    lock.release()
    return RestoreResult(
        chosen.path, damaged_copy, presentations, interests, replayed, tuple(kept), damaged
    )

"""Backups of a workshop file, and restoring one without ever losing the damaged file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from matchdesk.store.errors import (
    CorruptWorkshop,
    MatchdeskError,
    StorageWriteFailed,
    describe_os_error,
)
from matchdesk.store.file.atomic import atomic_write_bytes, fsync_dir
from matchdesk.store.file.locking import WriterLock
from matchdesk.store.file.schema import INTERESTS, PRESENTATIONS, file_version
from matchdesk.store.file.storage import Doc, backup_paths, journal_path, parse_snapshot


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


def _live(table: dict[str, Doc]) -> list[Doc]:
    return [d for d in table.values() if isinstance(d, dict) and not d.get("deleted")]


def inspect_snapshot(path: Path) -> BackupInfo:
    """Whether a snapshot (a backup) reads as a workshop, and what it holds.

    Parses the file and counts its live records without opening it as a workshop, so listing
    backups stays cheap and this room never needs the facade above it.
    """
    saved = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    try:
        tables = parse_snapshot(path.read_bytes(), path)
        if not file_version(tables, path):
            raise CorruptWorkshop(f"{path} holds no workshop yet.")
    except OSError as exc:
        return BackupInfo(path, saved, False, problem=f"cannot read it: {describe_os_error(exc)}")
    except MatchdeskError as exc:
        return BackupInfo(path, saved, False, problem=str(exc))
    presentations = {d.get("uid") for d in _live(tables.get(PRESENTATIONS, {}))}
    interests = [
        d for d in _live(tables.get(INTERESTS, {})) if d.get("presentation") in presentations
    ]
    return BackupInfo(path, saved, True, len(presentations), len(interests))


def list_backups(path: Path) -> list[BackupInfo]:
    """The backups that exist, newest first."""
    return [inspect_snapshot(b) for b in backup_paths(Path(path)) if b.is_file()]


def newest_sound_backup(path: Path) -> BackupInfo | None:
    return next((b for b in list_backups(path) if b.sound), None)


def backup_hint(path: Path) -> str:
    """A sentence offering the newest sound backup, or "" when there is none."""
    best = newest_sound_backup(path)
    if best is None:
        return ""
    return (
        f" A sound backup from {best.saved_at} holds {best.presentations} presentations and "
        f"{best.interests} interests: restore it with `matchdesk restore {path}`."
    )


def restore(path: Path, source: Path | None = None) -> RestoreResult:
    """Replace ``path`` by a backup, after keeping the current file and journal aside."""
    path = Path(path).absolute()
    if source is None:
        best = newest_sound_backup(path)
        if best is None:
            raise MatchdeskError(f"No sound backup of {path} was found; nothing was changed.")
        chosen = best
    else:
        chosen = inspect_snapshot(Path(source))
        if not chosen.sound:
            raise MatchdeskError(f"{source} cannot be restored: {chosen.problem}")
    lock = WriterLock(path)
    lock.acquire()
    try:
        data = chosen.path.read_bytes()
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        damaged: Path | None = None
        try:
            if path.exists():
                damaged = path.with_name(f"{path.name}.damaged-{stamp}")
                shutil.copy2(path, damaged)
            journal = journal_path(path)
            if journal.exists():
                os.replace(journal, journal.with_name(f"{journal.name}.damaged-{stamp}"))
            fsync_dir(path.parent)
        except OSError as exc:
            raise StorageWriteFailed(
                f"Could not keep a copy of {path} before restoring: {describe_os_error(exc)}; "
                "nothing was changed.",
                exc.errno,
            ) from exc
        atomic_write_bytes(path, data)
    finally:
        lock.release()
    return RestoreResult(chosen.path, damaged, chosen.presentations, chosen.interests)

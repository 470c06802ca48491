"""Backups of a workshop file, and restoring one without ever losing the damaged file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from matchdesk.store.errors import MatchdeskError, StorageWriteFailed
from matchdesk.store.file.atomic import atomic_write_bytes, describe_os_error, fsync_dir
from matchdesk.store.file.locking import WriterLock
from matchdesk.store.file.storage import backup_paths, journal_path


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


def _inspect(path: Path) -> BackupInfo:
    from matchdesk.store.workshop import Workshop  # the facade imports this module's callers

    saved = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    try:
        with Workshop.open(path, readonly=True, offer_backup=False) as backup:
            totals = backup.tallies().totals
            problems = backup.check()
    except MatchdeskError as exc:
        return BackupInfo(path, saved, False, problem=str(exc))
    if problems:
        return BackupInfo(path, saved, False, problem="; ".join(problems))
    return BackupInfo(path, saved, True, totals.presentations, totals.interests)


def list_backups(path: Path) -> list[BackupInfo]:
    """The backups that exist, newest first."""
    return [_inspect(b) for b in backup_paths(Path(path)) if b.is_file()]


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
        chosen = _inspect(Path(source))
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

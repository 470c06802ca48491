"""Durable file writes: a reader or a crash sees the old file or the new one, never half of each."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from matchdesk.store.errors import StorageWriteFailed, describe_os_error
from matchdesk.store.file.modes import mode_of, new_file_mode

TEMP_SUFFIX = ".tmp"
FLUSH_BYTES = 1 << 20  # see ``write_atomically``


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_prefix(path: Path) -> str:
    """Temp files of ``path`` are ``.NAME.<random>.tmp`` beside it (see ``stale_temp_files``)."""
    return f".{path.name}."


def stale_temp_files(path: Path) -> list[Path]:
    """Temp copies a killed write of ``path`` (or of its backups) left behind."""
    folder = path.parent
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    prefix = temp_prefix(path)
    return [folder / n for n in names if n.startswith(prefix) and n.endswith(TEMP_SUFFIX)]


def write_atomically(
    targets: Iterable[Path], chunks: Iterable[bytes], *, mode: int | None = None
) -> None:
    """Write the same ``chunks`` to every target through a temp file each, fsync, then
    ``os.replace`` them into place in order (a crash leaves each target old or new).

    What is written is flushed to the disk every ``FLUSH_BYTES``: a capture's fsync meanwhile
    (the background checkpoint, an export beside the app) then never waits behind tens of
    megabytes of this file, which the file system would commit with it.

    ``mode`` defaults to each target's current mode, or the private/shared default for a new
    file. Raises ``StorageWriteFailed`` with plain words; the old files are left as they were.
    """
    import tempfile  # 4 ms of imports that the reading commands never need

    paths = [Path(t) for t in targets]
    temps: list[tuple[int, str, Path]] = []
    try:
        for path in paths:
            if path.exists() and not path.is_file():
                raise StorageWriteFailed(f"Could not write {path}: it is not a regular file.")
            folder = path.parent if str(path.parent) else Path(".")
            fd, name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
            temps.append((fd, name, path))
            wanted = mode if mode is not None else mode_of(path)
            os.fchmod(fd, new_file_mode() if wanted is None else wanted)
        pending = 0
        for chunk in chunks:
            for fd, _, _ in temps:
                _write_all(fd, chunk)
            pending += len(chunk)
            if pending >= FLUSH_BYTES:
                for fd, _, _ in temps:
                    os.fdatasync(fd)
                pending = 0
        for fd, _, _ in temps:
            os.fsync(fd)
        _close_all(temps)
        while temps:
            _, name, path = temps[0]
            os.replace(name, path)
            temps.pop(0)
        for folder in {p.parent if str(p.parent) else Path(".") for p in paths}:
            fsync_dir(folder)
    except OSError as exc:
        where = temps[0][2] if temps else paths[0]
        raise StorageWriteFailed(
            f"Could not write {where}: {describe_os_error(exc)}.", exc.errno
        ) from exc
    finally:
        _close_all(temps)
        for _, name, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(name)


def _close_all(temps: list[tuple[int, str, Path]]) -> None:
    """Close each temp's descriptor once (a number closed twice may be another thread's)."""
    for i, (fd, name, path) in enumerate(temps):
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
            temps[i] = (-1, name, path)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` atomically (see ``write_atomically``)."""
    write_atomically([Path(path)], [data], mode=mode)

"""One writer per workshop file: an OS lock the kernel drops when its process dies.

filelock (15 ms to import) loads when a writer takes the lock: the read-only commands
(``tally``, ``export``, ``check``) never do.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from matchdesk.store.errors import StorageWriteFailed, WorkshopLocked
from matchdesk.store.file.modes import mode_beside


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _write_owner(fd: int) -> None:
    """Leave the holder's pid and host in the lock file so a refused writer can name it."""
    import socket

    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}".encode(), 0)


def lock_owner(path: Path) -> str:
    """Who holds the lock, as recorded by the holder ("" when unknown)."""
    try:
        text = lock_path(path).read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return ""
    if len(text) >= 2 and text[0].isdigit():
        return f"process {text[0]} on {text[1]}"
    return ""


class WriterLock:
    """The exclusive write lock of one workshop file."""

    def __init__(self, path: Path) -> None:
        from filelock import FileLock

        self.path = path
        self._made = False  # whether ``acquire`` created the lock file
        self._lock = FileLock(
            lock_path(path),
            timeout=0,
            mode=mode_beside(path),
            thread_local=False,
            on_acquired=_write_owner,
        )

    def acquire(self) -> None:
        from filelock import Timeout

        self._made = not lock_path(self.path).exists()
        try:
            self._lock.acquire(timeout=0)
            with contextlib.suppress(OSError):  # an old lock file takes the workshop's mode
                os.chmod(lock_path(self.path), mode_beside(self.path))
        except Timeout:
            owner = lock_owner(self.path)
            who = f" ({owner})" if owner else ""
            raise WorkshopLocked(
                f"{self.path} is already open for writing in another matchdesk{who}; "
                "close it there first (read-only commands such as tally and export still work)."
            ) from None
        except OSError as exc:
            raise StorageWriteFailed(
                f"Cannot lock {self.path} for writing: {exc.strerror or exc}.", exc.errno
            ) from None

    def abandon(self) -> None:
        """Release after a refused open: a lock file this process made goes too."""
        with contextlib.suppress(OSError):
            if self._made:
                lock_path(self.path).unlink(missing_ok=True)
        self.release()

    def release(self) -> None:
        """Release the lock; a lock file this process made beside a workshop that was never
        written (a refused command on a missing file) goes too: a refusal leaves the disk as
        it found it."""
        with contextlib.suppress(OSError):
            if self._made and not self.path.exists():
                lock_path(self.path).unlink(missing_ok=True)
            self._lock.release(force=True)


def live_writer(path: Path) -> str:
    """Who holds ``path`` for writing ("process N on HOST"), or "" when nobody does.

    The lock file keeps its last holder's name after the lock is released, so ask the kernel
    whether the lock is held (a shared, non-blocking probe, released at once).
    """
    owner = lock_owner(path)
    if not owner:
        return ""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: trust the name
        return owner
    try:
        fd = os.open(lock_path(path), os.O_RDONLY)
    except OSError:
        return ""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return owner  # held for writing
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return ""
    finally:
        os.close(fd)

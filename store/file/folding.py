"""Checkpoints: folding the journal into the snapshot, off the capture's path."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from matchdesk.store.errors import (
    StorageWriteFailed,
    describe_os_error,
)
from matchdesk.store.file.atomic import write_atomically
from matchdesk.store.file.modes import mode_beside
from matchdesk.store.file.paths import backup_paths
from matchdesk.store.file.snapshot import Tables, snapshot_chunks

FOLD_SWITCH_INTERVAL_S = 0.001


class Folding:
    """The checkpoint: the journal folded into a new snapshot, in a background thread when
    the journal grows (``JournalStorage`` extends it)."""

    # Set by ``JournalStorage.__init__`` (storage.py).
    path: Path
    journal: Path
    folding: Path
    readonly: bool
    durable: bool
    background: bool
    checkpoint_bytes: int
    created: bool
    fold_error: StorageWriteFailed | None
    _fsync: Callable[[int], None]
    _journal_bytes: int
    _tables: Tables
    _folder: threading.Thread | None

    def _close_journal(self) -> None:
        raise NotImplementedError

    def _require_writable(self) -> None:
        raise NotImplementedError

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

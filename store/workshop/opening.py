"""Opening a workshop file: the lock, recovery of the journal, migration of older files, the
collector's tuning, continuing in another file (save as) and closing."""

from __future__ import annotations

import contextlib
import copy
import gc
import os
import platform
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Self

from matchdesk.store.clock import Clock, stamp_record
from matchdesk.store.countries import CountryResolver
from matchdesk.store.errors import (
    CorruptWorkshop,
    InvalidValue,
    ReadOnlyWorkshop,
    StorageWriteFailed,
)
from matchdesk.store.file.locking import WriterLock, live_writer
from matchdesk.store.file.modes import require_writable
from matchdesk.store.file.paths import file_stamp
from matchdesk.store.file.recovery import backup_hint
from matchdesk.store.file.schema import (
    CURRENT_PRESENTATION,
    META,
    SCHEMA_VERSION,
    file_version,
    migrate,
)
from matchdesk.store.file.storage import CHECKPOINT_BYTES, JournalStorage
from matchdesk.store.file.tinydb_tables import WorkshopDB
from matchdesk.store.history import History
from matchdesk.store.models import (
    Change,
    Interest,
    Presentation,
    Tallies,
    WorkshopInfo,
)
from matchdesk.store.tallies import TallyBook
from matchdesk.store.validation import (
    info_fields,
)
from matchdesk.store.workshop.index import paused_gc
from matchdesk.store.workshop.inspection import Inspection


def diagnostic_fsync() -> Callable[[int], None] | None:
    """``MATCHDESK_SLOW_FSYNC=SECONDS`` makes every fsync that much slower (diagnostics: a slow
    USB stick, to try typing ahead of it); None when unset. Never set it for real work."""
    raw = os.environ.get("MATCHDESK_SLOW_FSYNC", "")
    try:
        delay = float(raw) if raw else 0.0
    except ValueError:
        delay = 0.0
    if not 0 < delay <= 10:
        return None

    def slow_fsync(fd: int) -> None:
        time.sleep(delay)
        os.fsync(fd)

    return slow_fsync


def default_device() -> str:
    """Which machine wrote a record, so merged files can tell facilitators apart."""
    return os.environ.get("MATCHDESK_DEVICE") or platform.node() or "unknown-device"


class Opening(Inspection):
    """Opening, continuing elsewhere and closing a workshop file."""

    def __init__(
        self,
        path: Path,
        storage: JournalStorage,
        db: WorkshopDB,
        lock: WriterLock | None,
        device: str,
    ) -> None:
        self.path = path
        self.readonly = lock is None
        self.device = device
        self._storage = storage
        self._db = db
        self._lock = lock
        self._doc_ids: dict[str, dict[str, str]] = {}  # table -> uid -> key in the table
        # Interests are (presentation, country) keys, each with its live captures (identity.py).
        self._live_keys: dict[tuple[str, str], list[str]] | None = None
        self._interests_of: dict[str, list[str]] = {}
        self._aliases: dict[str, str] = {}  # a presentation registered twice -> canonical uid
        self.history = History()
        self.revision = 0
        self._listeners: list[Callable[[Change], None]] = []
        # Frozen values built from records, by uid: a capture rebuilds one, not 10,000.
        self._values: dict[str, Presentation | Interest] = {}
        self._agenda: tuple[Presentation, ...] | None = None
        self._tallies: tuple[int, Tallies] | None = None
        self._book = TallyBook()
        self.resolver = CountryResolver()
        self.clock = Clock(device)  # hybrid logical clock of this laptop's writes (clock.py)
        self._rebuild_indexes()

    # -- opening and closing ---------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        device: str | None = None,
        checkpoint_bytes: int = CHECKPOINT_BYTES,
        offer_backup: bool = True,
        fsync: Callable[[int], None] | None = None,
        defer_create: bool = False,
    ) -> Self:
        """Open ``path``; a writer takes the lock, recovers the journal and migrates old files.

        ``fsync`` is what makes a journal append durable (tests slow it down; so does
        ``MATCHDESK_SLOW_FSYNC``, see ``diagnostic_fsync``; ``os.fsync`` otherwise). With
        ``defer_create`` a new file reaches the disk with its first write (or at close), so
        ``abandon()`` can leave no trace of it (a failed import)."""
        path = Path(path).expanduser().absolute()
        lock = None
        if not readonly:
            if not path.parent.is_dir():
                raise InvalidValue(f"The folder {path.parent} does not exist.")
            require_writable(path)
            lock = WriterLock(path)
            lock.acquire()
        try:
            with paused_gc():
                storage = JournalStorage(
                    path,
                    readonly=readonly,
                    create=create,
                    checkpoint_bytes=checkpoint_bytes,
                    fsync=fsync or diagnostic_fsync() or os.fsync,
                )
            tables = storage.read()
            version = file_version(tables, path)
            if version and version < SCHEMA_VERSION:
                migrate(tables, version)
                if not readonly:
                    shutil.copy2(path, path.with_name(f"{path.name}.v{version}-backup"))
                    storage.checkpoint()
            db = WorkshopDB(storage=lambda: storage)
            with paused_gc():
                workshop = cls(path, storage, db, lock, device or default_device())
            if not readonly:
                # The records just loaded live as long as the workshop: keep the collector's
                # full passes (150 ms at 100,000 interests) off every later capture.
                gc.freeze()
            if version == 0 and not readonly:
                workshop._create_meta(defer=defer_create)
            elif not readonly and storage.unfolded():
                with contextlib.suppress(StorageWriteFailed):  # a full disk: keep the journal
                    storage.checkpoint()  # fold the recovered journal into the snapshot
            return workshop
        except CorruptWorkshop as exc:
            if lock is not None:
                lock.release()
            if not offer_backup or not path.exists():
                raise
            raise CorruptWorkshop(str(exc) + backup_hint(path)) from None
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def save_as(self, target: str | os.PathLike[str]) -> None:
        """Continue this workshop in another file (when this disk is full or gone).

        The new file gets everything saved so far; this one is left as it is.
        """
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")
        target = Path(target).expanduser().absolute()
        if target.exists():
            raise InvalidValue(f"{target} already exists; choose a new file name.")
        if not target.parent.is_dir():
            raise InvalidValue(f"The folder {target.parent} does not exist.")
        lock = WriterLock(target)
        lock.acquire()
        try:
            storage = JournalStorage(target, checkpoint_bytes=self._storage.checkpoint_bytes)
            storage.write(copy.deepcopy(self._storage.read()))
        except BaseException:
            lock.release()
            raise
        old_storage, old_lock = self._storage, self._lock
        self._storage, self._db, self._lock, self.path = (
            storage,
            WorkshopDB(storage=lambda: storage),
            lock,
            target,
        )
        self._rebuild_indexes()
        old_storage.readonly = True  # never checkpoint onto the failing disk
        old_storage.close()
        if old_lock is not None:
            old_lock.release()
        self._announce(Change(f"continue in {target.name}", info=frozenset({"path"})))

    def abandon(self) -> None:
        """Close without writing a new file that nothing was written to (see ``defer_create``);
        an existing file closes as usual."""
        if self._storage.created and not self.path.exists():
            self._storage.readonly = True
        self.close()

    def close(self) -> None:
        try:
            self._db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
                gc.unfreeze()  # what was frozen at open may be collected again

    @property
    def journal(self) -> Path:
        """The journal beside the file: every acknowledged change since the last checkpoint."""
        return self._storage.journal

    def journaled(self) -> bool:
        """Whether journal entries were replayed on top of the snapshot when it was read."""
        return self._storage.unfolded()

    def writer(self) -> str:
        """Who holds this file for writing ("process N on HOST"), or "" when nobody does."""
        return live_writer(self.path)

    def disk_stamp(self) -> tuple[tuple[int, int, int] | None, ...]:
        """A cheap fingerprint of the file and its journal, different after any write to them."""
        return file_stamp(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _create_meta(self, *, defer: bool = False) -> None:
        doc = self._new(
            schema_version=SCHEMA_VERSION,
            **info_fields(WorkshopInfo()),
            **{CURRENT_PRESENTATION: None},
        )
        stamp_record(None, doc, self.clock)  # its creation stamp, as ``_put`` gives a record
        self._storage.seed(META, doc)  # the first snapshot carries it
        self._rebuild_indexes()
        if not defer:
            self._storage.checkpoint()

"""Opening a workshop file: the lock, the crash-safe storage, migration of an older file, and
continuing in another file (save as) when this disk fails."""

from __future__ import annotations

import contextlib
import gc
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

from matchdesk.store.clock import Clock, stamp_record
from matchdesk.store.errors import (
    CorruptWorkshop,
    InvalidValue,
    StorageWriteFailed,
)
from matchdesk.store.file.locking import WriterLock
from matchdesk.store.file.modes import require_writable
from matchdesk.store.file.schema import (
    CURRENT_PRESENTATION,
    META,
    SCHEMA_VERSION,
    file_version,
    migrate,
)
from matchdesk.store.file.snapshot import Tables
from matchdesk.store.file.storage import CHECKPOINT_BYTES, JournalStorage
from matchdesk.store.models import WorkshopInfo
from matchdesk.store.validation import info_fields
from matchdesk.store.workshop.ledger import Ledger, Stamper
from matchdesk.store.workshop.memory import paused_gc


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


def read_tables(path: Path) -> Tables:
    """Every record of the file at ``path`` (snapshot + journal), read without a lock and
    without writing anything (a peer's file, another laptop's network file)."""
    storage = JournalStorage(path, readonly=True, create=False)
    try:
        return storage.read()
    finally:
        storage.close()


def memory_storage(path: Path, tables: Tables) -> JournalStorage:
    """The storage of a ledger whose records live in memory only (a view over peers): its
    transactions group and roll back as on disk, and nothing is ever written."""
    return JournalStorage.in_memory(path, tables)


def file_ledger(path: Path, device: str, *, clock: Clock, stamp: Stamper) -> Ledger:
    """A writable ledger over a small file of records whose lock its owner holds (the
    network file), its records stamped by ``stamp``."""
    return Ledger(
        path, JournalStorage(path), None, device, readonly=False, clock=clock, stamp=stamp
    )


def open_ledger(
    path: Path,
    *,
    readonly: bool = False,
    create: bool = True,
    device: str | None = None,
    checkpoint_bytes: int = CHECKPOINT_BYTES,
    offer_backup: bool = True,
    fsync: Callable[[int], None] | None = None,
    defer_create: bool = False,
    index_later: bool = False,
    whole: bool = False,
    frozen: bool = False,
) -> Ledger:
    """The ledger of ``path``; a writer takes the lock, recovers the journal and migrates old
    files (``Workshop.open``).

    ``fsync`` is what makes a journal append durable (tests slow it down; so does
    ``MATCHDESK_SLOW_FSYNC``, see ``diagnostic_fsync``; ``os.fsync`` otherwise). With
    ``defer_create`` a new file reaches the disk with its first write (or at close), so
    ``abandon()`` leaves no trace (a failed import); ``index_later``: ``ready_to_write``;
    ``whole``: ``JournalStorage``'s; ``frozen``: the records kept as parsed
    (``frozen_records.py``: 0.1 s of a 0.5 s ``tally`` at 100,000 interests), by a reader
    that reports, or by a writer until its first paint (with ``index_later``: the app)."""
    assert readonly or index_later or not frozen, "a writer thaws its records at its first paint"
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
                whole=whole,
                frozen=frozen,
            )
        tables = storage.read()
        version = file_version(tables, path)
        if version and version < SCHEMA_VERSION:
            storage.thaw()  # a migration changes records
            migrate(tables, version)
            if not readonly:
                import shutil  # with bz2 and lzma, 2 ms that only a migration needs

                shutil.copy2(path, path.with_name(f"{path.name}.v{version}-backup"))
                storage.checkpoint()
        with paused_gc():
            ledger = Ledger(
                path, storage, lock, device or default_device(), index_later=index_later
            )
        if not readonly:
            # The records just loaded live as long as the workshop: keep the collector's
            # full passes (150 ms at 100,000 interests) off every later capture.
            gc.freeze()
        if version == 0 and not readonly:
            create_meta(ledger, defer=defer_create)
        elif not readonly and storage.unfolded():
            with contextlib.suppress(StorageWriteFailed):  # a full disk: keep the journal
                storage.checkpoint()  # fold the recovered journal into the snapshot
        return ledger
    except CorruptWorkshop as exc:
        if lock is not None:
            lock.abandon()  # refused: no lock file left behind
        if not offer_backup or not path.exists():
            raise
        from matchdesk.store.file.recovery import backup_hint  # a damaged file only (2 ms)

        raise CorruptWorkshop(str(exc) + backup_hint(path)) from None
    except BaseException:
        if lock is not None:
            lock.abandon()  # refused: no lock file left behind
        raise


def create_meta(ledger: Ledger, *, defer: bool = False) -> None:
    """A new file's meta record, carried by its first snapshot (not a write of anybody's)."""
    doc = ledger.new_record(
        schema_version=SCHEMA_VERSION,
        **info_fields(WorkshopInfo()),
        **{CURRENT_PRESENTATION: None},
    )
    stamp_record(None, doc, ledger.clock)  # its creation stamp, as a write gives a record
    ledger.storage.seed(META, doc)  # the first snapshot carries it
    ledger.rebuild()
    if not defer:
        ledger.storage.checkpoint()

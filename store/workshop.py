"""The ``Workshop`` facade: the only writer of a workshop file, and what the UI talks to.

Every record has a uid, timestamps, the writing device and a ``deleted`` tombstone; TinyDB's
doc ids are only addresses inside one file. Every public write is one storage transaction (one
journal line), one step of the undo history, and one ``Change`` for the subscribers; the running
tallies are kept current from the same records (``store/tallies.py``).
"""

from __future__ import annotations

import contextlib
import copy
import gc
import os
import platform
import re
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Self

from matchdesk.store.clock import Clock, capture_device, now_iso, stamp_record
from matchdesk.store.countries import CountryResolver, make_custom
from matchdesk.store.countries.completion import Completion, PreviewPart, complete, preview
from matchdesk.store.errors import (
    CorruptWorkshop,
    DuplicateInterest,
    InvalidValue,
    NotFound,
    ReadOnlyWorkshop,
    StorageWriteFailed,
    UnknownCountry,
)
from matchdesk.store.file.locking import WriterLock, live_writer
from matchdesk.store.file.modes import require_writable
from matchdesk.store.file.recovery import backup_hint
from matchdesk.store.file.schema import (
    COUNTRIES,
    CURRENT_PRESENTATION,
    FOLLOWUP,
    INTERESTS,
    META,
    PRESENTATIONS,
    SCHEMA_VERSION,
    file_version,
    migrate,
)
from matchdesk.store.file.storage import (
    CHECKPOINT_BYTES,
    JournalStorage,
    WorkshopDB,
    file_stamp,
)
from matchdesk.store.history import History, Step
from matchdesk.store.identity import (
    capture_rank,
    naming_records,
    presentation_aliases,
    representatives,
)
from matchdesk.store.models import (
    LANGUAGES,
    Change,
    Channel,
    Country,
    CountryCount,
    Doc,
    Interest,
    Mode,
    Presentation,
    RecordResult,
    Tallies,
    Totals,
    WorkshopInfo,
)
from matchdesk.store.tallies import Entry, TallyBook
from matchdesk.store.validation import (
    clean_field,
    clean_text,
    info_fields,
    title_key,
    validate_info,
)

TABLES = (META, PRESENTATIONS, INTERESTS, COUNTRIES)
_SPLIT = re.compile(r"[,;\n]+")
_CHANNELS = frozenset(c.value for c in Channel)
# Fields every write restamps: not a change of the workshop's details.
_STAMPS = frozenset({"updated_at", "device", "hlc", "clock"})


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Loading creates a few hundred thousand containers and frees none: the cyclic garbage
    collector would scan them again and again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


class Workshop:
    """A workshop file opened for writing (locked) or read-only."""

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

    # -- records ---------------------------------------------------------------------------
    def _raw(self, table: str) -> dict[str, Doc]:
        return self._storage.table_data(table)

    def _doc(self, table: str, uid: str) -> Doc | None:
        key = self._ids(table).get(uid)
        return None if key is None else self._raw(table).get(key)

    def _ids(self, table: str) -> dict[str, str]:
        """uid -> key of a table's records. A read-only workshop indexes its interests only
        when one is first looked up by uid (``tally`` and most exports never do)."""
        ids = self._doc_ids.get(table)
        if ids is None:
            if table != INTERESTS:
                return {}
            ids = self._doc_ids[table] = {
                d["uid"]: k for k, d in self._raw(table).items() if "uid" in d
            }
        return ids

    def has_uid(self, uid: str) -> bool:
        """Whether any record of this file (tombstones included) carries ``uid``."""
        return any(uid in self._ids(table) for table in {*self._doc_ids, INTERESTS})

    def _live(self, table: str) -> Iterator[Doc]:
        return (d for d in self._raw(table).values() if not d.get("deleted"))

    def _canonical(self, presentation_uid: str) -> str:
        return self._aliases.get(presentation_uid, presentation_uid)

    def _interest_key(self, doc: Doc) -> tuple[str, str]:
        return (self._canonical(doc["presentation"]), doc["country"])

    def _rebuild_indexes(self) -> None:
        """Index the records from scratch (on open, and after a write the disk refused)."""
        self.resolver = CountryResolver(self._custom_countries(), self.info().language)
        self._values.clear()
        self._agenda = None
        self._tallies = None
        # uid -> the record's key in its table (the key's own string: nothing new to keep);
        # the interests' in the pass below, for a writer (a reader's when asked: ``_ids``).
        self._doc_ids = {
            t: {d["uid"]: k for k, d in self._raw(t).items() if "uid" in d}
            for t in {*TABLES, *self._storage.read()} - {"_default", INTERESTS}
        }
        ids: dict[str, str] = {}
        if not self.readonly:
            self._doc_ids[INTERESTS] = ids
        self._aliases = aliases = presentation_aliases(self._raw(PRESENTATIONS).values(), title_key)
        # One pass over the interests (100,000 at the largest workshops measured): each
        # presentation's records and its entries (the first live capture of each country), in
        # file order as ``_entries`` gives them. A country captured on several laptops (merged
        # files) counts once: those presentations get their representatives (identity.py)
        # after the pass.
        members: dict[str, list[str]] = {}
        rows: dict[str, dict[str, Entry]] = {}
        shared: set[str] = set()
        for key, doc in self._raw(INTERESTS).items():
            uid, country, presentation = doc["uid"], doc["country"], doc["presentation"]
            ids[uid] = key
            if aliases:
                presentation = aliases.get(presentation, presentation)
            row = rows.get(presentation)
            if row is None:
                row = rows[presentation] = {}
                members[presentation] = [uid]
            else:
                members[presentation].append(uid)
            first = row.get(country)
            if doc.get("deleted"):
                if first is not None and first.uid == uid:  # one uid twice in a file (damage)
                    shared.add(presentation)
            elif first is None:
                row[country] = Entry(uid, country, doc.get("channel", "unspecified"), key)
            else:
                shared.add(presentation)
        if len(ids) != len(self._raw(INTERESTS)):
            members = {p: list(dict.fromkeys(uids)) for p, uids in members.items()}  # damage
        self._interests_of = members
        # Which captures make each interest: a writer needs it for every capture, a reader
        # only to show provenance (built then, see ``_live_interest``).
        self._live_keys = None
        if not self.readonly:
            self._live_keys = self._live_captures()
        self._book = TallyBook()
        self._book.set_agenda(self._agenda_keys())
        for uid in self._book.agenda:
            row = rows.get(uid)
            entries = self._entries(uid) if uid in shared else row.values() if row else ()
            self._book.set_interests(uid, entries)

    def _live_captures(self) -> dict[tuple[str, str], list[str]]:
        """(presentation, country) -> the uids of its live captures, in file order."""
        live: dict[tuple[str, str], list[str]] = {}
        for doc in self._raw(INTERESTS).values():
            uid, key = doc["uid"], self._interest_key(doc)
            captures = live.get(key)
            if doc.get("deleted"):
                if captures and uid in captures:  # the same uid twice in one file (damage)
                    captures.remove(uid)
            elif captures is None:
                live[key] = [uid]
            else:
                captures.append(uid)
        return {key: uids for key, uids in live.items() if uids}

    def _ready_to_write(self) -> None:
        """Build the indexes every write uses now (a reader leaves them until asked), so that
        no capture waits for them."""
        self._ids(INTERESTS)
        self._live_interest  # noqa: B018 (built on first use)

    @property
    def _live_interest(self) -> dict[tuple[str, str], list[str]]:
        """``_live_captures``, kept current by every write; a read-only workshop that only
        counts (``tally``, ``export``) never builds it."""
        if self._live_keys is None:
            self._live_keys = self._live_captures()
        return self._live_keys

    def _index_interest(self, doc: Doc) -> None:
        uid, key = doc["uid"], self._interest_key(doc)
        members = self._interests_of.setdefault(key[0], [])
        if uid not in members:
            members.append(uid)
        live = self._live_interest.setdefault(key, [])
        if not doc.get("deleted"):
            if uid not in live:
                live.append(uid)
        elif uid in live:
            live.remove(uid)
        for other in live:  # each capture's value shows all of them as provenance
            self._values.pop(other, None)
        if not live:
            del self._live_interest[key]

    def _new(self, **fields: Any) -> Doc:
        stamp = now_iso()
        return {
            "uid": str(uuid.uuid4()),
            **fields,
            "created_at": stamp,
            "updated_at": stamp,
            "device": self.device,
            "deleted": False,
        }

    def _put(self, table: str, doc: Doc, *, owned: bool = False) -> tuple[Doc | None, Doc]:
        """Insert or replace one record (inside a transaction); returns what it replaced and
        the record as stored. Stored records are never changed in place (a write replaces
        them), so history, checkpoints and the tables can share them. An ``owned`` record is
        stored as it is, not copied: its maker hands it over and never touches it again."""
        if self.readonly:
            raise ReadOnlyWorkshop(f"{self.path} is open read-only.")
        uid = doc["uid"]
        before = self._doc(table, uid)
        stamp_record(before, doc, self.clock)  # the hybrid logical clock (clock.py)
        stored = (
            doc
            if owned
            else {k: copy.deepcopy(v) if isinstance(v, list | dict) else v for k, v in doc.items()}
        )
        ids = self._ids(INTERESTS) if table == INTERESTS else self._doc_ids.setdefault(table, {})
        ids[uid] = str(self._storage.put(table, ids.get(uid), stored))
        self._values.pop(uid, None)
        if table == INTERESTS:
            self._index_interest(stored)
        return before, stored

    def _write(self, label: str, writes: Iterable[tuple[str, Doc]], *, owned: bool = False) -> Step:
        """Write records as one transaction; on failure nothing changed (memory included)."""
        done: list[tuple[str, Doc | None, Doc]] = []
        try:
            with self._storage.transaction():
                for table, doc in writes:
                    done.append((table, *self._put(table, doc, owned=owned)))
        except BaseException:
            self._rebuild_indexes()
            raise
        return Step(label, tuple(done))

    def _commit(
        self, label: str, writes: Iterable[tuple[str, Doc]], *, owned: bool = False
    ) -> Change:
        """One user-visible write: one transaction, one undo step, one ``Change``."""
        step = self._write(label, writes, owned=owned)
        if step.writes:
            self.history.push(step)
        return self._changed(step)

    def _changed(self, step: Step) -> Change:
        """Bring the indexes and running tallies up to date with ``step``; tell subscribers."""
        presentations: set[str] = set()
        tables = {table for table, _, _ in step.writes}
        captured: dict[str, list[Entry]] = {}  # brand-new live interests, by presentation
        written: Counter[str] = Counter()  # interest records written, by presentation
        info: set[str] = set()
        agenda = countries = False
        for table, before, after in step.writes:
            if table == INTERESTS:
                presentation = self._canonical(after["presentation"])
                presentations.add(presentation)
                written[presentation] += 1
                if before is None and not after.get("deleted"):
                    uid, channel = after["uid"], after.get("channel", "unspecified")
                    entry = Entry(uid, after["country"], channel, self._ids(INTERESTS)[uid])
                    captured.setdefault(presentation, []).append(entry)
            elif table == PRESENTATIONS:
                presentations.add(after["uid"])
                agenda = True
            elif table == COUNTRIES:
                countries = True
            elif table == META:
                old = before or {}
                info |= {k for k in old.keys() | after.keys() if old.get(k) != after.get(k)}
        countries = countries or "language" in info  # every country name is shown anew
        # Names anywhere may have changed, or a presentation joined or left a class of
        # presentations registered twice (merged files): index again (rare).
        if countries or (
            agenda
            and self._aliases != presentation_aliases(self._raw(PRESENTATIONS).values(), title_key)
        ):
            self._rebuild_indexes()
        else:
            if agenda:
                self._agenda = None
                self._book.set_agenda(self._agenda_keys())
            for uid in presentations:
                added = captured.get(uid, [])
                fast = not agenda and len(added) == written[uid]
                if not (fast and self._book.add_interests(uid, added)):  # a capture: O(added)
                    self._book.set_interests(uid, self._entries(uid))
        self.revision += 1
        return self._announce(
            Change(
                label=step.label,
                presentations=frozenset(presentations),
                agenda=agenda,
                info=frozenset(info - _STAMPS),
                countries=countries,
                tables=frozenset(tables),
                revision=self.revision,
            )
        )

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` with the ``Change`` of every write; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: Change) -> Change:
        for listener in list(self._listeners):
            listener(change)
        return change

    # -- workshop details ------------------------------------------------------------------
    def _meta(self) -> Doc:
        return next(iter(self._raw(META).values()), {})

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

    def info(self) -> WorkshopInfo:
        meta = self._meta()
        mode, language = meta.get("mode"), meta.get("language")
        return WorkshopInfo(
            title=meta.get("title", ""),
            date=meta.get("date", ""),
            venue=meta.get("venue", ""),
            organisers=tuple(meta.get("organisers", ())),
            mode=Mode(mode) if isinstance(mode, str) and mode in Mode._value2member_map_ else None,
            attendance_in_room=meta.get("attendance_in_room"),
            attendance_online=meta.get("attendance_online"),
            language=language if isinstance(language, str) and language in LANGUAGES else "en",
        )

    def info_record(self, **changes: Any) -> Doc:
        """The meta record with ``changes`` (fields of ``WorkshopInfo``) validated, not written."""
        fields = info_fields(self.info())
        for name, value in changes.items():
            if name not in fields:
                raise InvalidValue(f"Unknown workshop detail {name!r}.")
            fields[name] = validate_info(name, value)
        return {**self._meta(), **fields, "updated_at": now_iso(), "device": self.device}

    def set_info(self, **changes: Any) -> WorkshopInfo:
        """Change workshop details (fields of ``WorkshopInfo``), validated."""
        self._commit("edit workshop details", [(META, self.info_record(**changes))])
        return self.info()

    # -- the presentation being discussed ----------------------------------------------------
    def current_presentation(self) -> Presentation | None:
        """The presentation highlighted in the writer's window (the board shows it); None when
        none was set or it has been removed since."""
        uid = self._meta().get(CURRENT_PRESENTATION)
        index = self.position(uid) if isinstance(uid, str) else None
        return None if index is None else self.presentations()[index]

    def set_current_presentation(self, uid: str | None) -> Change | None:
        """Name the presentation being discussed: one fsynced write and one ``Change`` (info
        ``current_presentation``), but no undo step, since moving the highlight edits nothing.
        None when it already names ``uid``."""
        if self._meta().get(CURRENT_PRESENTATION) == uid:
            return None
        if uid is not None and self.position(uid) is None:
            raise NotFound(f"No presentation {uid!r} in this workshop.")
        doc = {
            **self._meta(),
            CURRENT_PRESENTATION: uid,
            "updated_at": now_iso(),
            "device": self.device,
        }
        return self._changed(self._write("discuss a presentation", [(META, doc)]))

    # -- countries -------------------------------------------------------------------------
    def _custom_countries(self) -> list[Country]:
        return [
            Country(d["code"], d["name"], d["name"], custom=True)
            for d in naming_records(self._raw(COUNTRIES).values())
        ]

    def country(self, code: str) -> Country:
        """The country for a stored code (a placeholder custom one if the code is unknown)."""
        found = self.resolver.by_code(code)
        return found if found is not None else Country(code, code, code, custom=True)

    def prepare_names(self) -> None:
        """Build the index of country names now (0.1 s, once per process): the app calls it
        after its first paint, so the first name typed does not wait for it."""
        self.resolver.warm()

    def resolve(self, text: str) -> Country | None:
        return self.resolver.resolve(text)

    def resolve_typed(self, text: str) -> Country | None:
        return self.resolver.resolve_typed(text)

    def suggest(self, text: str, limit: int = 8) -> list[Country]:
        return self.resolver.suggest(text, limit)

    def complete(self, text: str) -> Completion | None:
        """The one country a typed beginning previews here (ranked by this workshop's own
        countries first; ``store/countries/completion.py``), None when nothing or several do."""
        book = self._book
        return complete(self.resolver, text, book.interest_by_country, book.presenting)

    def preview(self, text: str) -> tuple[PreviewPart, ...]:
        """What each typed part ("kaz, tha, ph") previews: what Enter records. Parts are
        cleaned as the store keeps names (control characters out, spaces collapsed)."""
        book = self._book
        parts = preview(self.resolver, text, book.interest_by_country, book.presenting)
        cleaned = (PreviewPart(clean_text(p.typed), p.completion) for p in parts)
        return tuple(p for p in cleaned if p.typed)

    def custom_countries(self) -> tuple[Country, ...]:
        return self.resolver.custom()

    def _custom_doc(self, name: str) -> tuple[Country, Doc | None]:
        """The custom country for ``name`` and the record to write if it is new."""
        name = clean_field(name, "country name", required=True)
        existing = self.resolver.resolve(name)
        if existing is None:  # "Korea" is asked, never made a custom country
            self.resolver.check_unambiguous(name)
        if existing is not None and not existing.custom:
            raise InvalidValue(f"{name!r} is an ISO country, not a custom one.")
        country = make_custom(name)
        existing = existing or self.resolver.by_code(country.code)
        if existing is not None:
            return existing, None
        return country, self._new(code=country.code, name=country.name)

    def add_custom_country(self, name: str) -> Country:
        """Register a region or body that is not an ISO country (asked for, never guessed)."""
        country, doc = self._custom_doc(name)
        if doc is not None:
            self._commit(f"add custom country {country.name}", [(COUNTRIES, doc)])
        return country

    def _require_country(self, value: str | Country) -> Country:
        if isinstance(value, Country):
            if value.custom and self.resolver.by_code(value.code) is None:
                raise UnknownCountry(value.name)
            return value
        text = clean_text(value)
        found = self.resolver.resolve(text)
        if found is None:
            raise UnknownCountry(text, tuple(c.name for c in self.resolver.suggest(text, 5)))
        return found

    # -- presentations ---------------------------------------------------------------------
    def _presentation_from(self, doc: Doc) -> Presentation:
        cached = self._values.get(doc["uid"])
        if isinstance(cached, Presentation):
            return cached
        value = self._values[doc["uid"]] = Presentation(
            uid=doc["uid"],
            title=doc["title"],
            country=self.country(doc["country"]),
            presenter=doc.get("presenter", ""),
            theme=doc.get("theme", ""),
            position=doc.get("position", 0),
            created_at=doc.get("created_at", ""),
            updated_at=doc.get("updated_at", ""),
        )
        return value

    def _presentation_docs(self) -> list[Doc]:
        return sorted(
            (d for d in self._live(PRESENTATIONS) if d["uid"] not in self._aliases),
            key=lambda d: (d.get("position", 0), d["created_at"]),
        )

    def _with_aliases(self, doc: Doc, **fields: Any) -> list[tuple[str, Doc]]:
        """``doc`` and the other live records of its presentation (registered on two laptops,
        then merged), all given ``fields``: the presentation changes as one."""
        aliases = [a for a, canonical in self._aliases.items() if canonical == doc["uid"]]
        docs = [doc, *(copy.deepcopy(self._doc(PRESENTATIONS, a) or {}) for a in aliases)]
        return [(PRESENTATIONS, {**d, **fields}) for d in docs]

    def _agenda_keys(self) -> list[tuple[str, str]]:
        return [(d["uid"], d["country"]) for d in self._presentation_docs()]

    def presentations(self) -> tuple[Presentation, ...]:
        """Live presentations in agenda order."""
        if self._agenda is None:
            self._agenda = tuple(self.presentation(uid) for uid in self._book.agenda)
        return self._agenda

    def position(self, uid: str) -> int | None:
        """The 0-based agenda index of a live presentation (None when it is not live)."""
        return self._book.position(uid)

    def presentation(self, uid: str) -> Presentation:
        doc = self._doc(PRESENTATIONS, self._canonical(uid))
        if doc is None or doc.get("deleted"):
            raise NotFound("That presentation no longer exists.")
        return self._presentation_from(doc)

    def find_presentation(self, title: str, country: Country) -> Presentation | None:
        """The live presentation with this title (case and spacing ignored) by this country."""
        key = title_key(title)
        for doc in self._live(PRESENTATIONS):
            if doc["uid"] in self._aliases:
                continue
            if doc["country"] == country.code and title_key(doc["title"]) == key:
                return self._presentation_from(doc)
        return None

    def add_presentation(
        self, title: str, country: str | Country, presenter: str = "", theme: str = ""
    ) -> Presentation:
        title = clean_field(title, "title", required=True)
        found = self._require_country(country)
        if self.find_presentation(title, found) is not None:
            raise InvalidValue(f"{found.name} already presents {title!r}.")
        position = max((d.get("position", 0) for d in self._live(PRESENTATIONS)), default=0) + 1
        doc = self._new(
            title=title,
            country=found.code,
            presenter=clean_field(presenter, "presenter"),
            theme=clean_field(theme, "theme"),
            position=position,
        )
        self._commit(f"add presentation {title}", [(PRESENTATIONS, doc)])
        return self._presentation_from(doc)

    def update_presentation(
        self,
        uid: str,
        *,
        title: str | None = None,
        country: str | Country | None = None,
        presenter: str | None = None,
        theme: str | None = None,
    ) -> Presentation:
        current = self.presentation(uid)
        doc = copy.deepcopy(self._doc(PRESENTATIONS, uid)) or {}
        if title is not None:
            doc["title"] = clean_field(title, "title", required=True)
        if country is not None:
            doc["country"] = self._require_country(country).code
        if presenter is not None:
            doc["presenter"] = clean_field(presenter, "presenter")
        if theme is not None:
            doc["theme"] = clean_field(theme, "theme")
        other = self.find_presentation(doc["title"], self.country(doc["country"]))
        if other is not None and other.uid != uid:
            raise InvalidValue(f"{other.country.name} already presents {other.title!r}.")
        doc.update(updated_at=now_iso(), device=self.device)
        fields = {k: doc.get(k, "") for k in ("title", "country", "presenter", "theme")}
        fields.update(updated_at=doc["updated_at"], device=self.device)
        self._commit(f"edit presentation {current.title}", self._with_aliases(doc, **fields))
        return self._presentation_from(doc)

    def remove_presentation(self, uid: str) -> Change:
        """Tombstone a presentation; its interests stop counting (undo brings both back)."""
        current = self.presentation(uid)
        doc = copy.deepcopy(self._doc(PRESENTATIONS, current.uid)) or {}
        writes = self._with_aliases(doc, deleted=True, updated_at=now_iso(), device=self.device)
        return self._commit(f"remove presentation {current.title}", writes)

    def move_presentation(self, uid: str, index: int) -> Change | None:
        """Put a presentation at ``index`` (0-based) in the agenda, renumbering positions."""
        docs = self._presentation_docs()
        moving = next((d for d in docs if d["uid"] == uid), None)
        if moving is None:
            raise NotFound("That presentation no longer exists.")
        docs.remove(moving)
        docs.insert(max(0, min(index, len(docs))), moving)
        stamp = now_iso()
        writes = [
            (PRESENTATIONS, {**d, "position": n, "updated_at": stamp, "device": self.device})
            for n, d in enumerate(docs, start=1)
            if d.get("position") != n
        ]
        if not writes:
            return None
        return self._commit(f"move presentation {moving['title']}", writes)

    # -- interests -------------------------------------------------------------------------
    def _interest_from(self, doc: Doc) -> Interest:
        cached = self._values.get(doc["uid"])
        if isinstance(cached, Interest):
            return cached
        channel = doc.get("channel", "unspecified")
        value = self._values[doc["uid"]] = Interest(
            uid=doc["uid"],
            presentation_uid=self._canonical(doc["presentation"]),
            country=self.country(doc["country"]),
            channel=Channel(channel)
            if channel in Channel._value2member_map_
            else Channel.UNSPECIFIED,
            note=doc.get("note", ""),
            captured_at=doc.get("captured_at", ""),
            device=doc.get("device", ""),
            captured_on=self._captured_on(doc),
        )
        return value

    def _captured_on(self, doc: Doc) -> tuple[str, ...]:
        """The devices whose live captures make up this interest, earliest first."""
        live = [
            self._doc(INTERESTS, uid) or {}
            for uid in self._live_interest.get(self._interest_key(doc), ())
        ]
        ordered = sorted(live or [doc], key=capture_rank)
        return tuple(dict.fromkeys(capture_device(d) for d in ordered))

    def _interest(self, uid: str) -> Interest:
        return self._interest_from(self._doc(INTERESTS, uid) or {})

    def _entries(self, presentation_uid: str) -> list[Entry]:
        """The live interests of one presentation, as the running tallies count them: one per
        country, however many laptops captured it."""
        ids, raw = self._ids(INTERESTS), self._raw(INTERESTS)
        keys: dict[str, str] = {}  # the uid and key of each record of the presentation
        for uid in self._interests_of.get(presentation_uid, ()):
            key = ids.get(uid)
            if key is not None and key in raw:
                keys[uid] = key
        return [
            Entry(d["uid"], d["country"], d.get("channel", "unspecified"), keys[d["uid"]])
            for d in representatives(raw[key] for key in keys.values())
        ]

    def interests(self, presentation_uid: str | None = None) -> tuple[Interest, ...]:
        """Live interests in capture order, of one live presentation or of all of them."""
        if presentation_uid is not None:
            return tuple(self._interest(e.uid) for e in self._book.entries(presentation_uid))
        live = set(self._book.agenda)
        docs = (d for d in self._live(INTERESTS) if self._canonical(d["presentation"]) in live)
        return tuple(self._interest_from(d) for d in representatives(docs, key=self._interest_key))

    def capture_fields(self, presentation_uid: str) -> list[tuple[str, str, str, str]]:
        """(country code, channel, note, captured_at) of each interest ``interests(uid)``
        gives, read from the records: an export of 100,000 interests builds no values."""
        raw, channels = self._raw(INTERESTS), _CHANNELS
        fields = []
        for entry in self._book.entries(presentation_uid):
            doc = raw[entry.key]
            channel = doc.get("channel", "unspecified")
            fields.append(
                (
                    entry.country,
                    channel if channel in channels else Channel.UNSPECIFIED.value,
                    doc.get("note", ""),
                    doc.get("captured_at", ""),
                )
            )
        return fields

    def interest_count(self, presentation_uid: str) -> int:
        return self._book.count(presentation_uid)

    def has_interest(self, presentation_uid: str, country: Country) -> bool:
        return (self._canonical(presentation_uid), country.code) in self._live_interest

    def _interest_doc(
        self,
        presentation_uid: str,
        country: Country,
        channel: Channel | str,
        note: str,
        captured_at: str = "",
    ) -> Doc:
        stamp = captured_at or now_iso()
        doc = self._new(
            presentation=presentation_uid,
            country=country.code,
            channel=Channel(channel).value,
            note=clean_field(note, "note", multiline=True),
        )
        doc["captured_at"] = stamp
        return doc

    def record_interest(
        self,
        presentation_uid: str,
        country: str | Country,
        channel: Channel | str = Channel.UNSPECIFIED,
        note: str = "",
    ) -> Interest:
        """Record one interest; returns once it is on disk. Raises on a duplicate."""
        presentation = self.presentation(presentation_uid)
        found = self._require_country(country)
        if self.has_interest(presentation_uid, found):
            raise DuplicateInterest(
                f"{found.name} already expressed interest in {presentation.title!r}."
            )
        doc = self._interest_doc(presentation_uid, found, channel, note)
        self._commit(f"record {found.name}", [(INTERESTS, doc)])
        return self._interest_from(doc)

    def parse_typed(self, names: str | Sequence[str | Country]) -> tuple[list[Country], list[str]]:
        """What typed text names: the countries (in order) and the names nothing resolves.

        "kaz, tha; phl" is three; "Korea, Republic of" holds a comma, so the whole text is tried
        first. Writes nothing (the TUI also uses it to queue entries the disk refused).
        """
        if isinstance(names, str):
            whole = self.resolver.resolve(clean_text(names))
            items: list[str | Country] = [whole] if whole else list(_SPLIT.split(names))
        else:
            items = list(names)
        countries: list[Country] = []
        unknown: list[str] = []
        for item in items:
            if isinstance(item, Country):
                countries.append(item)
                continue
            text = clean_text(item)
            if not text:
                continue
            found = self.resolver.resolve_typed(text)
            if found is None:
                unknown.append(text)
            else:
                countries.append(found)
        return countries, unknown

    def record_interests(
        self,
        presentation_uid: str,
        names: str | Sequence[str | Country],
        channel: Channel | str = Channel.UNSPECIFIED,
        note: str = "",
        captured_at: str = "",
    ) -> RecordResult:
        """Record what a facilitator typed ("kaz, tha, phl") in one step.

        Known countries are saved together; duplicates and unknown names are reported, not saved.
        ``captured_at`` keeps the time of typing for entries written later (after a disk error).
        """
        presentation = self.presentation(presentation_uid)
        countries, unknown = self.parse_typed(names)
        recorded: list[Doc] = []
        duplicates: list[Country] = []
        seen: set[str] = set()
        for found in countries:
            if found.code in seen or self.has_interest(presentation.uid, found):
                duplicates.append(found)
                continue
            seen.add(found.code)
            recorded.append(self._interest_doc(presentation.uid, found, channel, note, captured_at))
        if recorded:
            names_label = ", ".join(self.country(d["country"]).name for d in recorded)
            self._commit(f"record {names_label}", [(INTERESTS, d) for d in recorded])
        return RecordResult(
            recorded=tuple(self._interest_from(d) for d in recorded),
            duplicates=tuple(duplicates),
            unknown=tuple(unknown),
        )

    def update_interest(
        self, uid: str, *, channel: Channel | str | None = None, note: str | None = None
    ) -> Interest:
        doc = copy.deepcopy(self._doc(INTERESTS, uid))
        if doc is None or doc.get("deleted"):
            raise NotFound("That interest no longer exists.")
        if channel is not None:
            doc["channel"] = Channel(channel).value
        if note is not None:
            doc["note"] = clean_field(note, "note", multiline=True)
        doc.update(updated_at=now_iso(), device=self.device)
        self._commit("edit interest", [(INTERESTS, doc)])
        return self._interest_from(doc)

    def withdraw_interest(self, uid: str) -> Change:
        """Withdraw an interest: tombstone every live capture of it this file holds (a capture
        made on a laptop whose file this one has not seen stays live when the files merge)."""
        doc = self._doc(INTERESTS, uid)
        if doc is None or doc.get("deleted"):
            raise NotFound("That interest no longer exists.")
        stamp = now_iso()
        writes = [
            (INTERESTS, {**copy.deepcopy(self._doc(INTERESTS, capture) or {}), "deleted": True})
            for capture in self._live_interest[self._interest_key(doc)]
        ]
        for _, write in writes:
            write.update(updated_at=stamp, device=self.device)
        return self._commit(f"withdraw {self.country(doc['country']).name}", writes)

    # -- undo / redo -----------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return self.history.next_undo() is not None

    @property
    def can_redo(self) -> bool:
        return self.history.next_redo() is not None

    def _replay(self, step: Step, *, forward: bool) -> Change:
        stamp = now_iso()
        writes = [
            (table, {**doc, "updated_at": stamp, "device": self.device})
            for table, doc in step.replay(forward=forward)
        ]
        for table, doc in writes:  # undoing a details edit leaves the discussed one alone
            if table == META:
                doc[CURRENT_PRESENTATION] = self._meta().get(CURRENT_PRESENTATION)
        return self._changed(Step(step.label, self._write(step.label, writes).writes))

    def undo(self) -> Change | None:
        """Revert this session's last write; its ``Change`` (``label`` says what), or None."""
        step = self.history.next_undo()
        if step is None:
            return None
        change = self._replay(step, forward=False)
        self.history.undone()
        return change

    def redo(self) -> Change | None:
        """Write again what was just undone; its ``Change``, or None."""
        step = self.history.next_redo()
        if step is None:
            return None
        change = self._replay(step, forward=True)
        self.history.redone()
        return change

    # -- whole-workshop views --------------------------------------------------------------
    def totals(self) -> Totals:
        """The headline numbers, kept current write by write (no recount)."""
        return self._book.totals()

    def interested_codes(self, presentation_uid: str) -> tuple[str, ...]:
        """Codes of the countries interested in a live presentation, in capture order, from
        the running tallies (no values built: the network view reads thousands of files)."""
        return tuple(entry.country for entry in self._book.entries(presentation_uid))

    def interest_keys(self) -> Iterator[tuple[str, str]]:
        """(presentation uid, country code) of every live interest, in agenda order, then
        capture order, from the running tallies (no values built)."""
        book = self._book
        for uid in book.agenda:
            for entry in book.entries(uid):
                yield uid, entry.country

    def top_countries(self, limit: int) -> list[CountryCount]:
        """The most interested countries, most first (ties by name), as ``tallies()``."""
        return [
            CountryCount(self.country(code), count)
            for code, count in self._book.top_countries(limit, lambda c: self.country(c).name)
        ]

    def top_presentations(self, limit: int) -> list[tuple[int, Presentation, int]]:
        """(agenda number, presentation, interests): agenda order when all fit, else the most
        interest first."""
        return [
            (n, self.presentation(uid), count)
            for n, uid, count in self._book.top_presentations(limit)
        ]

    def max_count(self) -> int:
        """The most interest any one presentation has."""
        return self._book.max_count()

    def tallies(self) -> Tallies:
        """Every count as frozen values, from the running tallies (memoised until the next
        write)."""
        if self._tallies is None or self._tallies[0] != self.revision:
            with paused_gc():  # 100,000 frozen values, none of them garbage
                snapshot = self._book.snapshot(self.presentation, self._interest, self.country)
            self._tallies = (self.revision, snapshot)
        return self._tallies[1]

    def difference(self, older: Workshop) -> Change:
        """What differs from ``older`` (an earlier read of the same file), as one ``Change``:
        how a read-only window learns what its writer changed."""
        presentations: set[str] = set()
        info: set[str] = set()
        tables: set[str] = set()
        agenda = countries = False
        for table in self._doc_ids.keys() | older._doc_ids.keys() | {INTERESTS}:
            new, old = self._by_uid(table), older._by_uid(table)
            for uid in new.keys() | old.keys():
                before, after = old.get(uid), new.get(uid)
                if before == after:
                    continue
                tables.add(table)
                doc = after or before or {}
                if table == INTERESTS:
                    presentations.add(doc.get("presentation", ""))
                elif table == PRESENTATIONS:
                    presentations.add(uid)
                    agenda = True
                elif table == COUNTRIES:
                    countries = True
                elif table == META:
                    a, b = before or {}, after or {}
                    info |= {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        return Change(
            "changed in another window",
            frozenset(presentations),
            agenda,
            frozenset(info - _STAMPS),
            countries or "language" in info,
            frozenset(tables),
            self.revision,
        )

    def _by_uid(self, table: str) -> dict[str, Doc]:
        raw = self._raw(table)
        return {uid: raw[key] for uid, key in self._ids(table).items()}

    def dump(self, *, copies: bool = True) -> dict[str, Any]:
        """The whole workshop, tombstones included, as plain JSON-ready data (lossless).

        ``copies=False`` gives the stored records themselves, to serialise at once and never
        change (the JSON export: copying 100,000 records took longer than writing them)."""

        def records(table: str) -> list[Doc]:
            docs = self._raw(table).values()
            return [copy.deepcopy(d) for d in docs] if copies else list(docs)

        return {
            "format": "matchdesk",
            "schema_version": SCHEMA_VERSION,
            "workshop": copy.deepcopy(self._meta()) if copies else self._meta(),
            "countries": records(COUNTRIES),
            "presentations": records(PRESENTATIONS),
            "interests": records(INTERESTS),
            "followup": records(FOLLOWUP),
        }

    def apply_import(self, label: str, writes: list[tuple[str, Doc]]) -> Change:
        """Write a prepared import as one transaction and one undo step (used by ``importing``).
        Its records become the tables' as they are: 100,000 of them are not held twice."""
        return self._commit(label, writes, owned=True)

    def new_record(self, **fields: Any) -> Doc:
        """A fresh record carrying identity fields (uid, stamps, device, tombstone)."""
        return self._new(**fields)

    # -- records, for the store's rooms (import, merge, follow-up, ...) ----------------------
    def records(self, table: str, *, deleted: bool = False) -> Iterator[Doc]:
        """The records of ``table`` (live ones, or tombstones too), as copies to read."""
        for doc in self._raw(table).values():
            if deleted or not doc.get("deleted"):
                yield copy.deepcopy(doc)

    def peek(self, table: str) -> Iterator[Doc]:
        """The stored records of ``table``, tombstones included, NOT copied: for a room that
        indexes many records (50,000 follow-up records) and never modifies what it reads."""
        return iter(self._raw(table).values())

    def record(self, table: str, uid: str) -> Doc | None:
        """One record by uid (tombstones included), as a copy; None when there is none."""
        doc = self._doc(table, uid)
        return None if doc is None else copy.deepcopy(doc)

    def commit(self, label: str, writes: Iterable[tuple[str, Doc]]) -> Change:
        """Write whole records (new, or replacing the one with the same uid) as one
        transaction and one undo step; rooms of the store build them, the facade stays the
        only writer. On failure nothing changed."""
        return self._commit(label, writes)

    def check(self) -> list[str]:
        """Problems in the records (empty when the file is sound)."""
        problems: list[str] = []
        all_presentations = {d.get("uid") for d in self._raw(PRESENTATIONS).values()}
        for table in TABLES:
            uids = [d.get("uid") for d in self._raw(table).values()]
            if None in uids:
                problems.append(f"a record in {table} has no uid")
            if len(set(uids)) != len(uids):
                problems.append(f"{table} holds two records with the same uid")
        for doc in self._live(INTERESTS):  # several captures of one interest count once
            if doc.get("presentation") not in all_presentations:
                problems.append(f"interest {doc.get('uid')} names a presentation that is missing")
        known = {c.code for c in self.custom_countries()}
        verdicts: dict[str, bool] = {}  # code -> known (a few hundred codes, 100,000 records)
        for table in (PRESENTATIONS, INTERESTS):
            for doc in self._live(table):
                code = doc.get("country", "")
                if code not in verdicts:
                    verdicts[code] = self.resolver.by_code(code) is not None or code in known
                if not verdicts[code]:
                    problems.append(f"{table} record {doc.get('uid')} has unknown country {code!r}")
        return problems

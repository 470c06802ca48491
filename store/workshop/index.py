"""The record index: where each record is, which captures make each interest, and the
running tallies, kept current by every write (``ledger.py``) and rebuilt on open."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

from matchdesk.store.clock import Clock
from matchdesk.store.countries import CountryResolver
from matchdesk.store.file.locking import WriterLock
from matchdesk.store.file.schema import (
    COUNTRIES,
    INTERESTS,
    META,
    PRESENTATIONS,
)
from matchdesk.store.file.storage import JournalStorage
from matchdesk.store.file.tinydb_tables import WorkshopDB
from matchdesk.store.history import History
from matchdesk.store.identity import (
    naming_records,
    presentation_aliases,
    representatives,
)
from matchdesk.store.models import (
    Change,
    Country,
    Doc,
    Interest,
    Presentation,
    Tallies,
    WorkshopInfo,
)
from matchdesk.store.tallies import Entry, TallyBook
from matchdesk.store.validation import (
    title_key,
)

TABLES = (META, PRESENTATIONS, INTERESTS, COUNTRIES)


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


class RecordIndex:
    """The records of an open workshop file, indexed: the root of the ``Workshop``'s parts."""

    # The state every part shares, set by ``Opening.__init__`` (opening.py).
    path: Path
    readonly: bool
    device: str
    _storage: JournalStorage
    _db: WorkshopDB
    _lock: WriterLock | None
    _doc_ids: dict[str, dict[str, str]]  # table -> uid -> key in the table
    _live_keys: dict[tuple[str, str], list[str]] | None
    _interests_of: dict[str, list[str]]
    _aliases: dict[str, str]  # a presentation registered twice -> canonical uid
    history: History
    revision: int
    _listeners: list[Callable[[Change], None]]
    _values: dict[str, Presentation | Interest]
    _agenda: tuple[Presentation, ...] | None
    _tallies: tuple[int, Tallies] | None
    _book: TallyBook
    resolver: CountryResolver
    clock: Clock

    def info(self) -> WorkshopInfo:
        """The workshop's details (``values.py``); the index reads their language."""
        raise NotImplementedError

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

    # -- workshop details ------------------------------------------------------------------
    def _meta(self) -> Doc:
        return next(iter(self._raw(META).values()), {})

    def _presentation_docs(self) -> list[Doc]:
        return sorted(
            (d for d in self._live(PRESENTATIONS) if d["uid"] not in self._aliases),
            key=lambda d: (d.get("position", 0), d["created_at"]),
        )

    def _agenda_keys(self) -> list[tuple[str, str]]:
        return [(d["uid"], d["country"]) for d in self._presentation_docs()]

    # -- countries -------------------------------------------------------------------------
    def _custom_countries(self) -> list[Country]:
        return [
            Country(d["code"], d["name"], d["name"], custom=True)
            for d in naming_records(self._raw(COUNTRIES).values())
        ]

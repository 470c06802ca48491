"""The record index: where each record sits, which captures make each interest, the running
tallies, and the one mapping from written records to the ``Change`` a view redraws from.

It holds no records of its own (they stay in the storage's tables) and writes nothing: the
``Ledger`` keeps it current write by write. A read-only window builds its costly parts (the
interests by uid, the captures of each interest) only when first asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import compress
from operator import methodcaller, not_

from matchdesk.store.file.frozen_records import read_in_c
from matchdesk.store.file.schema import COUNTRIES, INTERESTS, META, PRESENTATIONS
from matchdesk.store.file.storage import JournalStorage
from matchdesk.store.history import Step
from matchdesk.store.identity import capture_stamp, presentation_aliases, representatives
from matchdesk.store.models import Change, Doc
from matchdesk.store.tallies import Entry, TallyBook
from matchdesk.store.validation import title_key
from matchdesk.store.workshop.counting import by_get, first_captures, in_c
from matchdesk.store.workshop.memory import paused_gc

TABLES = (META, PRESENTATIONS, INTERESTS, COUNTRIES)
_DELETED = methodcaller("get", "deleted")  # a record's tombstone mark (None: live)
# Fields every write restamps: not a change of the workshop's details.
STAMPS = frozenset({"updated_at", "device", "hlc", "clock"})


def _live(docs: Collection[Doc]) -> Iterator[Doc]:
    """The records that are not tombstones (their marks read in C: 100,000 interests)."""
    deleted = read_in_c(docs, "deleted") or _DELETED
    return compress(docs, map(not_, map(deleted, docs)))


def change_of(
    label: str,
    writes: Iterable[tuple[str, Doc | None, Doc | None]],
    canonical: Callable[[str], str],
    revision: int,
) -> Change:
    """The ``Change`` of records written as (table, before, after): the one mapping, used by a
    write, an undone merge and a read-only window comparing two reads of its file alike.
    ``canonical`` names a presentation registered twice (merged files) by its one uid."""
    presentations: set[str] = set()
    info: set[str] = set()
    tables: set[str] = set()
    agenda = countries = False
    for table, before, after in writes:
        tables.add(table)
        doc = after or before or {}
        if table == INTERESTS:
            presentations.add(canonical(doc.get("presentation", "")))
        elif table == PRESENTATIONS:
            presentations.add(doc.get("uid", ""))
            agenda = True
        elif table == COUNTRIES:
            countries = True
        elif table == META:
            old, new = before or {}, after or {}
            info |= {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    return Change(
        label=label,
        presentations=frozenset(presentations),
        agenda=agenda,
        info=frozenset(info - STAMPS),
        countries=countries or "language" in info,  # every country name is shown anew
        tables=frozenset(tables),
        revision=revision,
    )


class RecordIndex:
    """uid -> key of every record, the live captures of each interest, the running tallies."""

    def __init__(self, storage: JournalStorage, *, writer: bool, index_later: bool = False) -> None:
        self.storage = storage
        self.readonly = not writer or index_later  # index_later: until ``ready_to_write``
        # A reader counts when first asked; a writer at open, even one that indexes later:
        # its records and counts are frozen away from the collector there (``open_ledger``).
        self.count_later = not writer
        self._doc_ids: dict[str, dict[str, str]] = {}  # table -> uid -> key in the table
        # Interests are (presentation, country) keys, each with its live captures (identity.py).
        self._live_keys: dict[tuple[str, str], list[str]] | None = None
        self._interests_of: dict[str, list[str]] | None = None  # presentation -> its uids
        # Presentations where a country has several live captures (merged files), as the last
        # count found them (``several``): until ``_live_keys`` is built, any other has one per
        # country.
        self._several: set[str] = set()
        self.aliases: dict[str, str] = {}  # a presentation registered twice -> canonical uid
        self._book: TallyBook | None = TallyBook()

    # -- finding records -------------------------------------------------------------------
    def raw(self, table: str) -> dict[str, Doc]:
        return self.storage.table_data(table)

    def ids(self, table: str) -> dict[str, str]:
        """uid -> key of a table's records. A read-only workshop indexes its interests only
        when one is first looked up by uid (``tally`` and most exports never do)."""
        ids = self._doc_ids.get(table)
        if ids is None:
            if table != INTERESTS:
                return {}
            ids = self._doc_ids[table] = self._uids_to_keys(INTERESTS)
        return ids

    def _uids_to_keys(self, table: str) -> dict[str, str]:
        """uid -> the record's key in its table (the key's own string: nothing new to keep)."""
        return {d["uid"]: k for k, d in self.raw(table).items() if "uid" in d}

    def ids_to_write(self, table: str) -> dict[str, str]:
        """The uid -> key map a write of ``table`` keeps current (made when it is the first)."""
        return self.ids(table) if table == INTERESTS else self._doc_ids.setdefault(table, {})

    def doc(self, table: str, uid: str) -> Doc | None:
        key = self.ids(table).get(uid)
        return None if key is None else self.raw(table).get(key)

    def has_uid(self, uid: str) -> bool:
        """Whether any record of this file (tombstones included) carries ``uid``."""
        return any(uid in self.ids(table) for table in {*self._doc_ids, INTERESTS})

    def by_uid(self, table: str) -> dict[str, Doc]:
        raw = self.raw(table)
        return {uid: raw[key] for uid, key in self.ids(table).items()}

    def tables(self) -> set[str]:
        """The tables indexed by uid (the interests always are, when asked)."""
        return {*self._doc_ids, INTERESTS}

    def live(self, table: str) -> Iterator[Doc]:
        return _live(self.raw(table).values())

    def meta(self) -> Doc:
        return next(iter(self.raw(META).values()), {})

    def canonical(self, presentation_uid: str) -> str:
        return self.aliases.get(presentation_uid, presentation_uid)

    def interest_key(self, doc: Doc) -> tuple[str, str]:
        return (self.canonical(doc["presentation"]), doc["country"])

    def presentation_docs(self) -> list[Doc]:
        """Live presentations (one per presentation registered twice), in agenda order."""
        return sorted(
            (d for d in self.live(PRESENTATIONS) if d["uid"] not in self.aliases),
            key=lambda d: (d.get("position", 0), d["created_at"], d["uid"]),
        )

    def agenda_keys(self) -> list[tuple[str, str]]:
        return [(d["uid"], d["country"]) for d in self.presentation_docs()]

    # -- building --------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Index the records from scratch (on open, and after a write the disk refused).

        A reader counts the interests when first asked (``book``): the JSON export of 100,000
        interests never asks, and skips 0.08 s. A writer counts now: 100,000 entries made after
        its records are frozen would be walked by the collector as the first screen paints."""
        # Each table's uids (the interests' for a writer below, a reader's when asked: ``ids``).
        self._doc_ids = {
            t: self._uids_to_keys(t)
            for t in {*TABLES, *self.storage.read()} - {"_default", INTERESTS}
        }
        self.aliases = presentation_aliases(self.raw(PRESENTATIONS).values(), title_key)
        # The uids, the records of each presentation and the captures of each interest: a
        # writer needs them for every capture; a reader only when asked (``ids``,
        # ``interests_of``, ``live_interest``: a country captured twice, provenance).
        self._interests_of = self._live_keys = None
        self._book = None
        if not self.readonly:
            self._doc_ids[INTERESTS] = self._uids_to_keys(INTERESTS)
            self._interests_of = self._members()
            self._live_keys = self._live_captures()
        if not self.count_later:
            self._count_interests()

    @property
    def several(self) -> set[str]:
        """``_several``, counted first if need be."""
        self.book  # noqa: B018 (counted on first use)
        return self._several

    @property
    def book(self) -> TallyBook:
        """The running tallies, kept current by every write (a reader's counted when first
        asked)."""
        if self._book is None:
            with paused_gc():  # 100,000 entries made, none freed (as at open)
                self._count_interests()
        assert self._book is not None
        return self._book

    def _count_interests(self) -> None:
        """Fill ``book`` from the records, and ``_several``."""
        raw = self.raw(INTERESTS)
        try:
            rows, self._several = first_captures(raw, self.aliases, in_c(raw.values()))
        except KeyError:  # a record without a stamp or a channel (an older file), or damaged
            rows, self._several = first_captures(raw, self.aliases, by_get(raw.values()))
        several = self._several
        self._book = book = TallyBook()
        book.set_agenda(self.agenda_keys())
        book.fill(
            {
                uid: self.entries(uid) if uid in several else row.values()
                for uid, row in rows.items()
                if book.position(uid) is not None  # on the agenda
            }
        )

    @property
    def interests_of(self) -> dict[str, list[str]]:
        """presentation -> the uids of its interest records (tombstones too), in file order;
        kept current by every write, built when first asked by a reader."""
        if self._interests_of is None:
            self._interests_of = self._members()
        return self._interests_of

    def _members(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        aliases = self.aliases
        for doc in self.raw(INTERESTS).values():
            presentation: str = doc["presentation"]
            presentation = aliases.get(presentation, presentation)
            uids = members.get(presentation)
            if uids is None:
                members[presentation] = [doc["uid"]]
            else:
                uids.append(doc["uid"])
        if len(self.ids(INTERESTS)) != len(self.raw(INTERESTS)):  # one uid twice (damage)
            members = {p: list(dict.fromkeys(uids)) for p, uids in members.items()}
        return members

    def _live_captures(self) -> dict[tuple[str, str], list[str]]:
        """(presentation, country) -> the uids of its live captures, in file order."""
        live: dict[tuple[str, str], list[str]] = {}
        aliases = self.aliases  # ``interest_key``, inline: 100,000 records at open
        for doc in self.raw(INTERESTS).values():
            uid: str = doc["uid"]
            presentation: str = doc["presentation"]
            key = (aliases.get(presentation, presentation), doc["country"])
            captures = live.get(key)
            if doc.get("deleted"):
                if captures and uid in captures:  # the same uid twice in one file (damage)
                    captures.remove(uid)
            elif captures is None:
                live[key] = [uid]
            else:
                captures.append(uid)
        return {key: uids for key, uids in live.items() if uids}

    def ready_to_write(self) -> None:
        """Build the indexes every write uses now (a reader leaves them until asked), so that
        no capture waits for them; records read frozen (the app's first paint) made dicts."""
        self.storage.thaw()
        self.readonly = False
        self.ids(INTERESTS)
        self.interests_of  # noqa: B018 (built on first use)
        self.live_interest  # noqa: B018

    @property
    def live_interest(self) -> dict[tuple[str, str], list[str]]:
        """``_live_captures``, kept current by every write; a read-only workshop that only
        counts (``tally``, ``export``) never builds it."""
        if self._live_keys is None:
            self._live_keys = self._live_captures()
        return self._live_keys

    def live_capture_docs(self, doc: Doc) -> list[Doc]:
        """The records of the live captures of ``doc``'s interest (its presentation and
        country). Before the captures are indexed (a reader, the app before its first paint),
        a live record of a presentation whose countries were each captured once is its
        interest's only capture: the interest list's first paint need not index 100,000
        records (0.08 s) to learn that."""
        key = self.interest_key(doc)
        if self._live_keys is None and not doc.get("deleted") and key[0] not in self.several:
            return [doc]
        return [self.doc(INTERESTS, uid) or {} for uid in self.live_interest.get(key, ())]

    def entry_doc(self, entry: Entry) -> Doc:
        """The record an entry counts, found by its key in the table: no uid index needed."""
        doc = self.raw(INTERESTS).get(entry.key) if entry.key else None
        if doc is None or doc.get("uid") != entry.uid:
            doc = self.doc(INTERESTS, entry.uid) or {}
        return doc

    def entries(self, presentation_uid: str) -> list[Entry]:
        """The live interests of one presentation, as the running tallies count them: one per
        country, however many laptops captured it."""
        ids, raw = self.ids(INTERESTS), self.raw(INTERESTS)
        keys: dict[str, str] = {}  # the uid and key of each record of the presentation
        for uid in self.interests_of.get(presentation_uid, ()):
            key = ids.get(uid)
            if key is not None and key in raw:
                keys[uid] = key
        return [
            Entry(
                d["uid"],
                d["country"],
                d.get("channel", "unspecified"),
                keys[d["uid"]],
                capture_stamp(d),
            )
            for d in representatives(raw[key] for key in keys.values())
        ]

    # -- keeping current -------------------------------------------------------------------
    def index_interest(self, doc: Doc) -> list[str]:
        """Index one interest record just stored; the uids of the captures whose values show
        it as provenance (they must be built again)."""
        uid, key = doc["uid"], self.interest_key(doc)
        members = self.interests_of.setdefault(key[0], [])
        if uid not in members:
            members.append(uid)
        live = self.live_interest.setdefault(key, [])
        if not doc.get("deleted"):
            if uid not in live:
                live.append(uid)
        elif uid in live:
            live.remove(uid)
        if not live:
            del self.live_interest[key]
        return list(live)

    def settle(self, step: Step, change: Change) -> bool:
        """Bring the running tallies up to date with ``step`` (whose ``Change`` is given);
        False when names or classes of presentations changed and everything must be indexed
        again (rare)."""
        if change.countries or (
            change.agenda
            and self.aliases != presentation_aliases(self.raw(PRESENTATIONS).values(), title_key)
        ):
            return False
        captured: dict[str, list[Entry]] = {}  # brand-new live interests, by presentation
        written: Counter[str] = Counter()  # interest records written, by presentation
        for table, before, after in step.writes:
            if table != INTERESTS:
                continue
            presentation = self.canonical(after["presentation"])
            written[presentation] += 1
            if before is None and not after.get("deleted"):
                uid, channel = after["uid"], after.get("channel", "unspecified")
                key = self.ids(INTERESTS)[uid]
                entry = Entry(uid, after["country"], channel, key, capture_stamp(after))
                captured.setdefault(presentation, []).append(entry)
        if change.agenda:
            self.book.set_agenda(self.agenda_keys())
        for uid in change.presentations:
            added = captured.get(uid, [])
            fast = not change.agenda and len(added) == written[uid]
            if not (fast and self.book.add_interests(uid, added)):  # a capture: O(added)
                self.book.set_interests(uid, self.entries(uid))
        return True

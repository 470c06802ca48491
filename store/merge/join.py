"""Reading a workshop file as plain records, and joining several files' records by uid.

A *state* is ``{table: {uid: record}}``: every record of every table, tombstones included.
Joining two states keeps every uid of either; a uid both hold becomes one record whose fields
are the joined registers of ``store/clock.py``. That is all a merge writes: which records are
the same interest, presentation or custom country is read from the joined records
(``store/identity.py``), never stored, so the join stays commutative, associative and
idempotent whatever order files meet in.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from matchdesk.store.clock import (
    OWN_FIELDS,
    content_fields,
    implicit,
    is_stamp,
    join_registers,
    record_stamp,
    register,
    sound_clock,
)
from matchdesk.store.errors import CorruptWorkshop, describe_os_error
from matchdesk.store.file import schema
from matchdesk.store.file.journal import read_journal
from matchdesk.store.file.limits import MAX_READ_BYTES, require_within
from matchdesk.store.file.paths import journal_segments, read_identities
from matchdesk.store.file.schema import META, SCHEMA_VERSION, file_version, migrate
from matchdesk.store.file.snapshot import NotLaidOut, snapshot_batches
from matchdesk.store.models import Doc
from matchdesk.store.workshop import TABLES, Workshop
from matchdesk.store.workshop.opening import read_tables

State = dict[str, dict[str, Doc]]


def state_of(tables: Mapping[str, Iterable[Doc]]) -> State:
    """Records by table as a state (uid -> record). Records without a uid (TinyDB's
    ``_default``, foreign data) are not workshop records and are left out; a record written
    before stamps existed gets its derived creation stamp (the same on every laptop)."""
    return {
        name: {
            str(d["uid"]): d if is_stamp(d.get("hlc")) else {**d, "hlc": record_stamp(d)}
            for d in docs
            if isinstance(d, dict) and "uid" in d
        }
        for name, docs in tables.items()
        if name != "_default"
    }


def workshop_state(workshop: Workshop, tables: Iterable[str] = ()) -> State:
    """Every record of an open workshop (the four tables and any of ``tables``): the stored
    records themselves, not copies (a merge of 100,000 interests would hold them twice), so
    never change one; joining builds new records and the workshop replaces, never edits."""
    names = {*TABLES, *tables}
    return state_of({name: workshop.ledger.peek(name) for name in names})


def read_state(path: Path, max_bytes: int = MAX_READ_BYTES) -> State:
    """Every record of the workshop file at ``path`` (``file_records``) as a state."""
    state: State = {}
    for table, doc in file_records(path, max_bytes):
        state.setdefault(table, {})[doc["uid"]] = doc
    return state


def file_records(path: Path, max_bytes: int = MAX_READ_BYTES) -> Iterator[tuple[str, Doc]]:
    """Every record of the workshop file at ``path`` (snapshot + journal) as (table, record),
    parsed a batch of lines at a time and handed on one by one, so a reader that keeps only
    what it needs never holds the file whole; read without a lock and without writing
    anything. Records without a uid are left out; a record written before stamps existed
    gets its derived creation stamp (``state_of``).

    A record may come twice (a file laid out otherwise, an older schema to migrate in memory,
    or a checkpoint while reading: then the file is read again, or whole): readers join, and
    joining a record twice changes nothing. Raises ``CorruptWorkshop`` (missing, half-written,
    damaged, a record the store cannot use), ``SchemaTooNew`` or, before reading anything,
    ``TooLarge`` (over ``max_bytes`` with its journal).
    """
    path = Path(path)
    if not path.is_file():
        raise CorruptWorkshop(f"{path} does not exist or is not a file.")
    require_within(path, max_bytes)
    for _ in range(50):
        before = read_identities(path)
        try:
            yield from _checked(_streamed(path), path)
        except NotLaidOut:
            yield from _checked(_read_whole(path), path)
            return
        except FileNotFoundError:
            continue  # replaced under us: read again
        except OSError as exc:
            raise CorruptWorkshop(f"Cannot read {path}: {describe_os_error(exc)}.") from None
        if read_identities(path) == before:
            return
    raise CorruptWorkshop(f"{path} kept changing while being read; try again.")


def _streamed(path: Path) -> Iterator[tuple[str, Doc]]:
    """The records of a snapshot laid out one per line with its journal on top; nothing is
    handed on before the workshop record says the schema is this one (``NotLaidOut`` for an
    older one: it is migrated whole)."""
    journal: dict[tuple[str, str], Doc | None] = {}
    for segment in journal_segments(path):
        for changes in read_journal(segment)[0]:
            journal.update(((table, key), doc) for table, key, doc in changes)
    waiting: list[tuple[str, Doc]] | None = []  # records met before the workshop record

    def current(found: Iterable[tuple[str, Doc]]) -> Iterator[tuple[str, Doc]]:
        nonlocal waiting
        for table, doc in found:
            if waiting is None:
                yield table, doc
                continue
            waiting.append((table, doc))
            if table == META:
                if file_version({META: {"": doc}}, path) < SCHEMA_VERSION:
                    raise NotLaidOut  # migrated in memory, whole
                yield from waiting
                waiting = None

    def snapshot() -> Iterator[tuple[str, Doc]]:
        with path.open("rb") as handle:
            for table, part in snapshot_batches(handle):
                for key, doc in part.items():
                    latest = journal.pop((table, key), doc)
                    if latest is not None:
                        yield table, latest
        for (table, _), pending in journal.items():  # records the snapshot does not hold yet
            if pending is not None:
                yield table, pending

    yield from current(snapshot())
    if waiting is not None:  # no workshop record: what ``file_version`` says of that
        version = file_version({t: {str(n): d} for n, (t, d) in enumerate(waiting)}, path)
        if not version:
            raise CorruptWorkshop(f"{path} holds no workshop yet.")


def _read_whole(path: Path) -> Iterator[tuple[str, Doc]]:
    """The records of a file read whole (another layout, an older schema migrated)."""
    tables = read_tables(path)
    version = file_version(tables, path)
    if not version:
        raise CorruptWorkshop(f"{path} holds no workshop yet.")
    if version < SCHEMA_VERSION:
        migrate(tables, version)
    for table, docs in tables.items():
        for doc in docs.values():
            yield table, doc


def _checked(records: Iterable[tuple[str, Doc]], path: Path) -> Iterator[tuple[str, Doc]]:
    """Workshop records only, stamped, each of the shape the store relies on."""
    for table, doc in records:
        if table == "_default" or not isinstance(doc, dict) or "uid" not in doc:
            continue
        if not is_stamp(doc.get("hlc")):
            doc = {**doc, "hlc": record_stamp(doc)}
        if not sound(table, doc):
            raise CorruptWorkshop(
                f"{path} holds {_RECORD_WORDS.get(table, f'a record in {table}')} matchdesk "
                "cannot read (uid "
                f"{str(doc.get('uid'))[:40]!r}); it was not merged."
            )
        yield table, doc


_RECORD_WORDS = {
    schema.META: "a workshop-details record",
    schema.PRESENTATIONS: "a presentation record",
    schema.INTERESTS: "an interest record",
    schema.COUNTRIES: "a custom-country record",
    schema.FOLLOWUP: "a follow-up record",
}
# Text fields a record of each table must have to be counted at all.
_REQUIRED = {
    schema.INTERESTS: ("presentation", "country"),
    schema.PRESENTATIONS: ("title", "country"),
    schema.COUNTRIES: ("code", "name"),
}


def sound(table: str, doc: Doc) -> bool:
    """Whether a record read from another laptop's file has the shape the store relies on (a
    file can be valid JSON and still not hold workshop records: never let one reach the
    facade)."""
    clock = doc.get("clock")
    return (
        isinstance(doc.get("uid"), str)
        and all(isinstance(doc.get(field), str) for field in _REQUIRED.get(table, ()))
        and (clock is None or sound_clock(clock))
    )


def meta_of(state: State) -> Doc:
    """The workshop record (its uid is the workshop's identity across laptops)."""
    return next(iter(state.get(META, {}).values()), {})


def join_docs(a: Doc, b: Doc) -> Doc:
    """One record from two copies of it (same uid): field by field, the joined registers."""
    if a == b:
        return a
    base_a, base_b = record_stamp(a), record_stamp(b)
    base = min(base_a, base_b)
    joined: Doc = {"uid": a["uid"]}
    registers = {}
    for field in sorted(content_fields(a, b)):
        heads = join_registers(register(a, field, base_a), register(b, field, base_b))
        joined[field] = heads[0].get("v")
        if heads != implicit(joined, field, base):
            registers[field] = heads
    joined["hlc"] = base
    if registers:
        joined["clock"] = registers
    created = [d["created_at"] for d in (a, b) if d.get("created_at")]
    if created:
        joined["created_at"] = min(created)
    latest = max(a, b, key=_last_write)
    joined["updated_at"] = str(latest.get("updated_at", ""))
    joined["device"] = str(latest.get("device", ""))
    for field in OWN_FIELDS & (a.keys() | b.keys()):  # callers writing a file keep its own
        joined[field] = latest.get(field)
    versions = [d["schema_version"] for d in (a, b) if isinstance(d.get("schema_version"), int)]
    if versions:
        joined["schema_version"] = max(versions)
    return joined


def _last_write(doc: Doc) -> tuple[str, str, str]:
    """Which copy wrote last by its own clock, for the bookkeeping fields (any order agrees)."""
    own = {field: doc.get(field) for field in OWN_FIELDS}
    return (
        str(doc.get("updated_at", "")),
        str(doc.get("device", "")),
        json.dumps(own, sort_keys=True, default=str),
    )


def keep_own(joined: Doc, own: Doc | None) -> Doc:
    """``joined`` with ``own``'s ``OWN_FIELDS`` (the laptop whose file or view it goes to):
    another laptop's highlight never moves this one's board."""
    if own is None or all(joined.get(f) == own.get(f) for f in OWN_FIELDS):
        return joined
    kept = {k: v for k, v in joined.items() if k not in OWN_FIELDS}
    return kept | {f: own[f] for f in OWN_FIELDS if f in own}


def join_states(states: Iterable[State]) -> State:
    """The join of several states (any order, any grouping, any repetition: the same)."""
    joined: State = {}
    for state in states:
        for name, docs in state.items():
            target = joined.setdefault(name, {})
            for uid, doc in docs.items():
                mine = target.get(uid)
                target[uid] = doc if mine is None else join_docs(mine, doc)
    return joined


def as_workshop(state: State, meta_uid: str) -> State:
    """``state`` with its workshop record filed under ``meta_uid`` (a file of another workshop,
    merged on purpose, then updates this workshop's details instead of adding a second one)."""
    meta = meta_of(state)
    if not meta or meta.get("uid") == meta_uid:
        return state
    return {**state, META: {meta_uid: {**copy.deepcopy(meta), "uid": meta_uid}}}

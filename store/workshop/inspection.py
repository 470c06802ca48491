"""Looking at a workshop's records whole: what differs from an earlier read, the lossless dump,
and the check of a file's soundness."""

from __future__ import annotations

import copy
from typing import Any

from matchdesk.store.file.frozen_records import each, plain
from matchdesk.store.file.schema import (
    CHAT,
    COUNTRIES,
    FOLLOWUP,
    INTERESTS,
    PRESENTATIONS,
    SCHEMA_VERSION,
    TIMELINE,
)
from matchdesk.store.identity import in_capture_order
from matchdesk.store.models import Change, Doc
from matchdesk.store.workshop.index import TABLES, change_of
from matchdesk.store.workshop.ledger import Ledger


def difference(new: Ledger, older: Ledger) -> Change:
    """What differs from ``older`` (an earlier read of the same file), as one ``Change``: how
    a read-only window learns what its writer changed. The same mapping as a write's."""
    writes: list[tuple[str, Doc | None, Doc | None]] = []
    for table in new.index.tables() | older.index.tables():
        after_docs, before_docs = new.index.by_uid(table), older.index.by_uid(table)
        for uid in after_docs.keys() | before_docs.keys():
            before, after = before_docs.get(uid), after_docs.get(uid)
            if before != after:
                writes.append((table, before, after))
    return change_of("changed in another window", writes, new.index.canonical, new.revision)


def dump(ledger: Ledger, *, copies: bool = True) -> dict[str, Any]:
    """The whole workshop, tombstones included, as plain JSON-ready data (lossless), each
    table's records in the order they were made (``identity.capture_rank``): every laptop and
    every merge order lists them alike, whatever order its file holds them in.

    ``copies=False`` gives the stored records themselves, to serialise at once and never
    change (the JSON export: copying 100,000 records took longer than writing them); a
    frozen reader's are frozen records (``frozen_records.py``), as it holds them."""

    def records(table: str) -> list[Doc]:
        docs = in_capture_order(list(ledger.raw(table).values()))
        return [copy.deepcopy(d) for d in plain(docs)] if copies else docs

    (meta,) = plain([ledger.meta()])
    dumped: dict[str, Any] = {
        "format": "matchdesk",
        "schema_version": SCHEMA_VERSION,
        "workshop": copy.deepcopy(meta) if copies else meta,
        "countries": records(COUNTRIES),
        "presentations": records(PRESENTATIONS),
        "interests": records(INTERESTS),
        "followup": records(FOLLOWUP),
    }
    # The chat's decisions and the timeline of highlights, once a chat was read: an archive
    # keeps them (a workshop without a chat dumps as it always did).
    for table in (CHAT, TIMELINE):
        if ledger.raw(table):
            dumped[table] = records(table)
    return dumped


def check(ledger: Ledger) -> list[str]:
    """Problems in the records (empty when the file is sound)."""
    problems: list[str] = []
    all_presentations = {d.get("uid") for d in ledger.raw(PRESENTATIONS).values()}
    for table in TABLES:
        uids = [uid for (uid,) in each(ledger.raw(table).values(), ("uid",), (None,))]
        if None in uids:
            problems.append(f"a record in {table} has no uid")
        if len(set(uids)) != len(uids):
            problems.append(f"{table} holds two records with the same uid")
    resolver = ledger.names.resolver
    known = {c.code for c in resolver.custom()}
    verdicts: dict[str, bool] = {}  # code -> known (a few hundred codes, 100,000 records)
    missing: list[str] = []  # listed before the unknown countries, as they always were
    unknown: list[str] = []
    for table in (PRESENTATIONS, INTERESTS):  # one pass over each: 100,000 interests
        live = list(ledger.index.live(table))  # several captures of one interest count once
        read = each(live, ("uid", "presentation", "country"), (None, None, ""))
        for uid, presentation, code in read:
            if table == INTERESTS and presentation not in all_presentations:
                missing.append(f"interest {uid} names a presentation that is missing")
            if code not in verdicts:
                verdicts[code] = resolver.by_code(code) is not None or code in known
            if not verdicts[code]:
                unknown.append(f"{table} record {uid} has unknown country {code!r}")
    return problems + missing + unknown

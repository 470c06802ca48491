"""Inspection: what differs from an earlier read (read-only windows), the whole file as data
(JSON export, merge) and the soundness check (``matchdesk check``)."""

from __future__ import annotations

import copy
from typing import Any

from matchdesk.store.file.schema import (
    COUNTRIES,
    FOLLOWUP,
    INTERESTS,
    PRESENTATIONS,
    SCHEMA_VERSION,
)
from matchdesk.store.models import (
    Change,
    Doc,
)
from matchdesk.store.workshop.index import TABLES
from matchdesk.store.workshop.ledger import describe
from matchdesk.store.workshop.values import Values


class Inspection(Values):
    """Reading a workshop whole: its difference from an older read, its dump, its check."""

    def difference(self, older: Inspection) -> Change:
        """What differs from ``older`` (an earlier read of the same file), as one ``Change``:
        how a read-only window learns what its writer changed."""
        differing: list[tuple[str, Doc | None, Doc | None]] = []
        for table in self._doc_ids.keys() | older._doc_ids.keys() | {INTERESTS}:
            new, old = self._by_uid(table), older._by_uid(table)
            for uid in new.keys() | old.keys():
                before, after = old.get(uid), new.get(uid)
                if before != after:
                    differing.append((table, before, after))
        return describe("changed in another window", differing, self._canonical, self.revision)

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

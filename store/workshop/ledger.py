"""The ledger: the only writer. Every write is one storage transaction (one journal line), one
step of the undo history and one ``Change`` for the subscribers; the store's rooms (follow-up,
merge, import, network) write whole records through ``commit``."""

from __future__ import annotations

import copy
import dataclasses
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from matchdesk.store.clock import now_iso, stamp_record
from matchdesk.store.errors import (
    ReadOnlyWorkshop,
)
from matchdesk.store.file.schema import (
    COUNTRIES,
    CURRENT_PRESENTATION,
    INTERESTS,
    META,
    PRESENTATIONS,
)
from matchdesk.store.history import Step
from matchdesk.store.identity import (
    presentation_aliases,
)
from matchdesk.store.models import (
    Change,
    Doc,
)
from matchdesk.store.tallies import Entry
from matchdesk.store.validation import (
    title_key,
)
from matchdesk.store.workshop.index import RecordIndex

# Fields every write restamps: not a change of the workshop's details.
_STAMPS = frozenset({"updated_at", "device", "hlc", "clock"})


def describe(
    label: str,
    writes: Iterable[tuple[str, Doc | None, Doc | None]],
    canonical: Callable[[str], str],
    revision: int = 0,
) -> Change:
    """The one write-to-``Change`` mapping: what the records ``writes`` (table, before, after)
    touched. A write (``Ledger._changed``) and a difference between two reads of a file
    (``Inspection.difference``) say it alike; an interest counts for its presentation's
    canonical uid (a presentation registered on two laptops is one)."""
    presentations: set[str] = set()
    tables: set[str] = set()
    info: set[str] = set()
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
        info=frozenset(info - _STAMPS),
        countries=countries or "language" in info,  # every country name is shown anew
        tables=frozenset(tables),
        revision=revision,
    )


class Ledger(RecordIndex):
    """The write path, the undo history and the subscribers of an open workshop."""

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
        change = describe(step.label, step.writes, self._canonical)
        captured: dict[str, list[Entry]] = {}  # brand-new live interests, by presentation
        written: Counter[str] = Counter()  # interest records written, by presentation
        for table, before, after in step.writes:
            if table == INTERESTS:
                presentation = self._canonical(after["presentation"])
                written[presentation] += 1
                if before is None and not after.get("deleted"):
                    uid, channel = after["uid"], after.get("channel", "unspecified")
                    entry = Entry(uid, after["country"], channel, self._ids(INTERESTS)[uid])
                    captured.setdefault(presentation, []).append(entry)
        agenda = change.agenda
        # Names anywhere may have changed, or a presentation joined or left a class of
        # presentations registered twice (merged files): index again (rare).
        if change.countries or (
            agenda
            and self._aliases != presentation_aliases(self._raw(PRESENTATIONS).values(), title_key)
        ):
            self._rebuild_indexes()
        else:
            if agenda:
                self._agenda = None
                self._book.set_agenda(self._agenda_keys())
            for uid in change.presentations:
                added = captured.get(uid, [])
                fast = not agenda and len(added) == written[uid]
                if not (fast and self._book.add_interests(uid, added)):  # a capture: O(added)
                    self._book.set_interests(uid, self._entries(uid))
        self.revision += 1
        return self._announce(dataclasses.replace(change, revision=self.revision))

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` with the ``Change`` of every write; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: Change) -> Change:
        for listener in list(self._listeners):
            listener(change)
        return change

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

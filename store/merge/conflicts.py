"""Field conflicts: two laptops changed the same field without seeing each other's change.

The record shows the newest value (hybrid logical clock); the others stay in the field's
register and are listed here until someone picks one. A pick is a new write of that field that
has seen every value, so it ends the conflict wherever it is merged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from matchdesk.store.clock import conflicting, now_iso, stamp_device, write_register
from matchdesk.store.errors import NotFound
from matchdesk.store.file.schema import COUNTRIES, INTERESTS, META, PRESENTATIONS
from matchdesk.store.models import Change
from matchdesk.store.workshop import Workshop

Doc = dict[str, Any]
# Fields a person does not pick: identity, liveness (withdrawals have their own rule).
UNPICKED = frozenset({"deleted", "presentation", "country", "code", "captured_at"})
FIELD_NAMES = {
    "attendance_in_room": "attendance in the room",
    "attendance_online": "attendance online",
    "position": "place in the agenda",
}


@dataclass(frozen=True)
class Candidate:
    """One value a conflicting field holds, and the device that wrote it."""

    value: Any
    device: str
    stamp: str
    shown: bool  # the value the workshop shows now (the newest)

    @property
    def text(self) -> str:
        if self.value is None or self.value == "":
            return "(empty)"
        if isinstance(self.value, list):
            return ", ".join(map(str, self.value)) or "(empty)"
        return str(self.value)


@dataclass(frozen=True)
class Conflict:
    """A field of one record with values written on different laptops, none aware of the
    other."""

    table: str
    uid: str
    field: str
    record: str  # what the record is, in words: "“Digital ID” (Kazakhstan)"
    candidates: tuple[Candidate, ...]

    @property
    def field_name(self) -> str:
        return FIELD_NAMES.get(self.field, self.field.replace("_", " "))

    def describe(self) -> str:
        values = " | ".join(
            f"{c.text} ({c.device}{', shown' if c.shown else ''})" for c in self.candidates
        )
        return f"{self.record}, {self.field_name}: {values}"


def _shown_records(workshop: Workshop) -> Iterator[tuple[str, Doc, str]]:
    """(table, record, words) of every record whose fields the workshop shows."""
    meta = next(workshop.records(META), None)
    if meta is not None:
        yield META, meta, "Workshop details"
    for p in workshop.presentations():
        doc = workshop.record(PRESENTATIONS, p.uid)
        if doc is not None:
            yield PRESENTATIONS, doc, f"“{p.title}” ({p.country.name})"
    for i in workshop.interests():
        doc = workshop.record(INTERESTS, i.uid)
        if doc is not None:
            title = workshop.presentation(i.presentation_uid).title
            yield INTERESTS, doc, f"{i.country.name} → “{title}”"
    for doc in workshop.records(COUNTRIES):
        yield COUNTRIES, doc, f"Custom country {doc.get('name', '')}"


def conflicts(workshop: Workshop) -> tuple[Conflict, ...]:
    """Every unresolved field conflict of what the workshop shows."""
    found: list[Conflict] = []
    for table, doc, words in _shown_records(workshop):
        for field, heads in sorted((doc.get("clock") or {}).items()):
            if field in UNPICKED or len(heads) < 2 or not conflicting(heads):
                continue
            candidates = tuple(
                Candidate(h.get("v"), stamp_device(h["at"]), h["at"], n == 0)
                for n, h in enumerate(heads)
            )
            found.append(Conflict(table, doc["uid"], field, words, candidates))
    return tuple(found)


def pick(workshop: Workshop, conflict: Conflict, candidate: Candidate) -> Change:
    """Settle a conflict on ``candidate``'s value: one write (undoable) that merges like any."""
    doc = workshop.record(conflict.table, conflict.uid)
    if doc is None:
        raise NotFound("That record no longer exists.")
    heads = (doc.get("clock") or {}).get(conflict.field) or []
    doc[conflict.field] = candidate.value
    doc["clock"] = {
        **(doc.get("clock") or {}),
        conflict.field: write_register(candidate.value, heads, workshop.clock),
    }
    doc.update(updated_at=now_iso(), device=workshop.device)
    label = f"keep {candidate.text} as {conflict.field_name} of {conflict.record}"
    return workshop.commit(label, [(conflict.table, doc)])

"""Field conflicts: two laptops changed the same field without seeing each other's change.

The record shows the newest value (hybrid logical clock); the others stay in the field's
register and are listed here until someone picks one. A pick is a new write of that field that
has seen every value, so it ends the conflict wherever it is merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matchdesk.store.clock import conflicting, now_iso, stamp_device, write_register
from matchdesk.store.errors import NotFound
from matchdesk.store.file.schema import COUNTRIES, INTERESTS, META, PRESENTATIONS
from matchdesk.store.merge.join import State, workshop_state
from matchdesk.store.models import Change, Doc
from matchdesk.store.workshop import Workshop

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


def _words(workshop: Workshop, table: str, doc: Doc) -> str:
    """What a record is, in words; "" when the workshop does not show it (a removed or
    duplicate presentation, a capture that is not its interest's representative)."""
    if table == META:
        return "Workshop details"
    if table == COUNTRIES:
        return f"Custom country {doc.get('name', '')}"
    try:
        if table == PRESENTATIONS:
            if workshop.position(doc["uid"]) is None:
                return ""
            p = workshop.presentation(doc["uid"])
            return f"“{p.title}” ({p.country.name})"
        if table == INTERESTS:
            p = workshop.presentation(doc["presentation"])
            if doc["uid"] not in {i.uid for i in workshop.interests(p.uid)}:
                return ""
            return f"{workshop.country(doc['country']).name} → “{p.title}”"
    except NotFound:
        return ""
    return ""


def conflicts(workshop: Workshop, state: State | None = None) -> tuple[Conflict, ...]:
    """Every unresolved field conflict of what the workshop shows (``state``: its records,
    when the caller already holds them)."""
    state = workshop_state(workshop) if state is None else state
    found: list[Conflict] = []
    for table in (META, PRESENTATIONS, INTERESTS, COUNTRIES):
        for doc in state.get(table, {}).values():
            fields = sorted(
                (field, heads)
                for field, heads in (doc.get("clock") or {}).items()
                if field not in UNPICKED and len(heads) > 1 and conflicting(heads)
            )
            if not fields or doc.get("deleted") or not (words := _words(workshop, table, doc)):
                continue
            for field, heads in fields:
                candidates = tuple(
                    Candidate(h.get("v"), stamp_device(h["at"]), h["at"], n == 0)
                    for n, h in enumerate(heads)
                )
                found.append(Conflict(table, doc["uid"], field, words, candidates))
    return tuple(found)


def pick(workshop: Workshop, conflict: Conflict, candidate: Candidate) -> Change:
    """Settle a conflict on ``candidate``'s value: one write (undoable) that merges like any."""
    doc = workshop.ledger.record(conflict.table, conflict.uid)
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
    return workshop.ledger.commit(label, [(conflict.table, doc)])

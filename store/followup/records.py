"""The follow-up history: one record per stage change, note, owner, next action or contacts.

Nothing is overwritten: the current stage, owner, ... are derived from the history (``state``).
A record names its possibility by (presentation uid, interested country code), never by an
interest record's uid, so the history survives merging several captures of one interest.

Record fields, besides the identity every record has (uid, created_at, updated_at, device,
deleted): ``presentation``, ``country``, ``kind`` and, by kind,

- ``stage``: ``stage`` (a ``Stage`` value), ``outcome`` ("" while open);
- ``note``: ``text``;
- ``owner``: ``owner``;
- ``next_action``: ``action``, ``due`` (ISO date or "");
- ``contacts``: ``presenting``, ``interested`` (free text, one per side).

Every kind but ``note`` also holds ``replaces``: the uids of the records of its kind that were
current on the device that wrote it. Two live records that replace the same ones (or none) were
written without seeing each other: both are kept and the possibility is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from matchdesk.store.errors import InvalidValue
from matchdesk.store.followup.stages import Outcome, Stage
from matchdesk.store.models import Doc
from matchdesk.store.validation import clean_field

Key = tuple[str, str]  # (presentation uid, interested country code)

STAGE, NOTE, OWNER, NEXT_ACTION, CONTACTS = "stage", "note", "owner", "next_action", "contacts"
KINDS: tuple[str, ...] = (STAGE, NOTE, OWNER, NEXT_ACTION, CONTACTS)
# The kinds that set a value (and so replace what was current); notes only accumulate.
SETTINGS: tuple[str, ...] = (STAGE, OWNER, NEXT_ACTION, CONTACTS)
KIND_LABELS = {
    STAGE: "stage",
    NOTE: "note",
    OWNER: "owner",
    NEXT_ACTION: "next action",
    CONTACTS: "contacts",
}
# The text fields of each kind, with the limits every typed or imported text has.
FIELDS: dict[str, tuple[str, ...]] = {
    STAGE: ("stage", "outcome"),
    NOTE: ("text",),
    OWNER: ("owner",),
    NEXT_ACTION: ("action", "due"),
    CONTACTS: ("presenting", "interested"),
}


def key_of(doc: Doc) -> Key:
    return (doc["presentation"], doc["country"])


def order(doc: Doc) -> tuple[str, str, str]:
    """When a record was written, then a stable tie-break (device, uid)."""
    return (doc.get("created_at", ""), doc.get("device", ""), doc.get("uid", ""))


def check_due(value: str) -> str:
    """A due date as stored: "" or an ISO date (a date and time keeps its date)."""
    text = clean_field(value, "due date")
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InvalidValue(f"The due date {text!r} is not a date like 2025-03-31.") from None


def fields_for(kind: str, values: dict[str, Any]) -> dict[str, str]:
    """The validated fields of a record of ``kind`` (text cleaned, stage and date checked)."""
    if kind == STAGE:
        stage = Stage(values["stage"])
        outcome = values.get("outcome") or ""
        return {"stage": stage.value, "outcome": Outcome(outcome).value if outcome else ""}
    if kind == NOTE:
        return {"text": clean_field(values.get("text", ""), "note", required=True, multiline=True)}
    if kind == OWNER:
        return {"owner": clean_field(values.get("owner", ""), "owner")}
    if kind == NEXT_ACTION:
        return {
            "action": clean_field(values.get("action", ""), "next action"),
            "due": check_due(values.get("due", "")),
        }
    if kind == CONTACTS:
        return {
            "presenting": clean_field(values.get("presenting", ""), "contact", multiline=True),
            "interested": clean_field(values.get("interested", ""), "contact", multiline=True),
        }
    raise InvalidValue(f"Unknown follow-up record kind {kind!r}.")


@dataclass(frozen=True)
class Event:
    """One history record as the history view and the History sheet show it."""

    uid: str
    key: Key
    kind: str
    at: str
    device: str
    values: tuple[tuple[str, str], ...]
    concurrent: bool = False

    def value(self, name: str) -> str:
        return dict(self.values).get(name, "")


def heads(docs: Iterable[Doc]) -> list[Doc]:
    """The live records of one kind that no other live record replaces, oldest first."""
    live = [d for d in docs if not d.get("deleted")]
    if len(live) == 2:  # the common case: one change after another
        first, second = live
        if first["uid"] in second.get("replaces", ()):
            return [second]
        if second["uid"] in first.get("replaces", ()):
            return [first]
    replaced: set[str] = set()
    for doc in live:
        replaced.update(doc.get("replaces", ()))
    found = [d for d in live if d["uid"] not in replaced]
    if len(found) > 1:
        found.sort(key=order)
    return found


def concurrent_uids(docs: Iterable[Doc]) -> set[str]:
    """Live setting records written without seeing each other: same kind, same ``replaces``."""
    seen: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for doc in docs:
        if doc.get("deleted") or doc.get("kind") == NOTE:
            continue
        branch = (doc.get("kind", ""), tuple(sorted(doc.get("replaces", ()))))
        seen.setdefault(branch, []).append(doc["uid"])
    return {uid for uids in seen.values() if len(uids) > 1 for uid in uids}


def events(docs: Iterable[Doc]) -> tuple[Event, ...]:
    """The live records of one possibility, oldest first, concurrent ones marked."""
    live = sorted((d for d in docs if not d.get("deleted")), key=order)
    clashing = concurrent_uids(live)
    return tuple(
        Event(
            uid=d["uid"],
            key=key_of(d),
            kind=d.get("kind", ""),
            at=d.get("created_at", ""),
            device=d.get("device", ""),
            values=tuple((f, str(d.get(f, ""))) for f in FIELDS.get(d.get("kind", ""), ())),
            concurrent=d["uid"] in clashing,
        )
        for d in live
    )


def describe(event: Event) -> str:
    """One line saying what a record did ("stage: field visit", "note: called the ministry")."""
    if event.kind == STAGE:
        outcome = event.value("outcome")
        if outcome:
            return f"closed: {Outcome(outcome).label} (at {Stage(event.value('stage')).label})"
        return f"stage: {Stage(event.value('stage')).label}"
    if event.kind == NEXT_ACTION:
        due = event.value("due")
        action = event.value("action") or "(none)"
        return f"next action: {action}" + (f", due {due}" if due else "")
    if event.kind == CONTACTS:
        return (
            f"contacts: {event.value('presenting') or '-'} (presenting) / "
            f"{event.value('interested') or '-'} (interested)"
        )
    name = FIELDS[event.kind][0] if event.kind in FIELDS else ""
    return f"{KIND_LABELS.get(event.kind, event.kind)}: {event.value(name) or '(none)'}"

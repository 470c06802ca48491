"""Hybrid logical clocks and per-field registers: how a record's edits order and merge.

A *stamp* is ``"2021-10-29T10:30:00.123Z/000000/podium"``: wall time (UTC, ms), a counter and
the device, compared as text (so as a tuple). A device's clock never runs backwards and always
passes every stamp it has seen, so an edit is ordered after what it replaced even when a
laptop's clock is wrong; wall time alone never decides.

Every record carries ``hlc``, the stamp of its creation. A field edited since then has a
*register* under ``clock[field]``: its current *heads*, each ``{"v": value, "at": stamp,
"vv": {device: stamp}}``, where ``vv`` says the latest write of each device this one had seen.
A field without a register is one head: its value at the record's ``hlc``. Joining two
registers keeps the heads neither side had seen past (a multi-value register): one head when
the edits were in sequence, several when two devices edited the same field without seeing each
other. The record shows the head with the newest stamp; the others are the field's conflict,
kept until someone picks a value (a new write that has seen them all).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TypeGuard

from matchdesk.store.models import Doc

Head = dict[str, Any]
Register = list[Head]

# Not fields of the record's content: identity and bookkeeping, merged by their own rules.
BOOKKEEPING = frozenset(
    {"uid", "hlc", "clock", "created_at", "updated_at", "device", "schema_version"}
)
# One laptop's own state kept in a record, not a fact of the workshop: the presentation its
# facilitator has highlighted (what its board shows). Never stamped with a register, so never a
# conflict; a merge or a peer never changes this laptop's value (``join.keep_own``).
OWN_FIELDS = frozenset({"current_presentation"})
_WALL = 24  # len("2021-10-29T10:30:00.123Z")
_COUNTER = 6
_EPOCH = "0000-01-01T00:00:00.000Z"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _wall(text: object) -> str:
    """``text`` as a wall time in the stamp's fixed-width form (so stamps compare as text)."""
    if isinstance(text, str) and len(text) == _WALL and text.endswith("Z"):
        return text
    try:
        when = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return _EPOCH
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_stamp(wall: str, counter: int, device: str) -> str:
    return f"{wall}/{counter:0{_COUNTER}d}/{device}"


def stamp_device(stamp: str) -> str:
    """The device that wrote at ``stamp``."""
    return stamp[_WALL + _COUNTER + 2 :]


def is_stamp(value: object) -> TypeGuard[str]:
    return (
        isinstance(value, str)
        and len(value) > _WALL + _COUNTER + 2
        and value[_WALL] == "/"
        and value[_WALL + 1 : _WALL + 1 + _COUNTER].isdigit()
        and value[_WALL + 1 + _COUNTER] == "/"
    )


def record_stamp(doc: Doc) -> str:
    """A record's creation stamp; a record written before stamps existed (schema 2, early 3)
    gets one from its ``updated_at`` and ``device``, the same on every laptop."""
    stamp = doc.get("hlc")
    if is_stamp(stamp):
        return stamp
    return make_stamp(
        _wall(doc.get("updated_at") or doc.get("created_at")), 0, str(doc.get("device", ""))
    )


def capture_device(doc: Doc) -> str:
    """The device that created a record (where an interest was captured)."""
    return stamp_device(record_stamp(doc))


class Clock:
    """One device's hybrid logical clock.

    Every write observes the stamps of what it replaces before it ticks (``stamp_record``,
    ``write_register``), so it needs no reading of the whole file to start.
    """

    def __init__(self, device: str, now: Callable[[], str] = now_iso) -> None:
        self.device = device
        self._wall = ""
        self._counter = 0
        self._now = now

    def observe(self, stamp: str) -> None:
        """Another write was seen: later ticks come after it."""
        wall, counter = stamp[:_WALL], int(stamp[_WALL + 1 : _WALL + 1 + _COUNTER])
        if (wall, counter) > (self._wall, self._counter):
            self._wall, self._counter = wall, counter

    def tick(self) -> str:
        """A stamp for a new write: after the wall clock and after everything seen."""
        physical = self._now()
        if physical > self._wall:
            self._wall, self._counter = physical, 0
        elif self._counter + 1 < 10**_COUNTER:
            self._counter += 1
        else:  # a million writes in one millisecond: step the logical wall time on
            later = dt.datetime.fromisoformat(self._wall.replace("Z", "+00:00"))
            self._wall, self._counter = _wall((later + dt.timedelta(milliseconds=1)).isoformat()), 0
        return make_stamp(self._wall, self._counter, self.device)


# -- registers ---------------------------------------------------------------------------------
def implicit(doc: Doc, field: str, base: str) -> Register:
    """The register of a field not edited since the record's creation at ``base``."""
    return [{"v": doc.get(field), "at": base, "vv": {stamp_device(base): base}}]


def sound_clock(value: object) -> bool:
    """Whether ``value`` is a record's ``clock`` as the store writes it (field -> heads, each
    head stamped): what another file brings is checked before it reaches the facade."""
    return isinstance(value, dict) and all(
        isinstance(heads, list)
        and bool(heads)
        and all(
            isinstance(h, dict)
            and is_stamp(h.get("at"))
            and isinstance(h.get("vv"), dict)
            and all(isinstance(v, str) for v in h["vv"].values())
            for h in heads
        )
        for heads in value.values()
    )


def register(doc: Doc, field: str, base: str | None = None) -> Register:
    """A field's register: its heads, the one the record shows first."""
    found: Register | None = (doc.get("clock") or {}).get(field)
    if found:
        return found
    return implicit(doc, field, base or record_stamp(doc))


def _rank(head: Head) -> tuple[str, bool, str]:
    value = head.get("v")
    return (head["at"], value is not None, json.dumps(value, sort_keys=True, default=str))


def join_registers(*registers: Register) -> Register:
    """The heads that no other head had seen, newest first (commutative, associative,
    idempotent)."""
    by_stamp: dict[str, Head] = {}
    for heads in registers:
        for head in heads:
            other = by_stamp.get(head["at"])
            if other is None or _rank(head) > _rank(other):
                by_stamp[head["at"]] = head
    if len(by_stamp) == 1:
        return list(by_stamp.values())
    heads = list(by_stamp.values())
    kept = [
        head
        for head in heads
        if not any(
            other is not head and other["vv"].get(stamp_device(head["at"]), "") >= head["at"]
            for other in heads
        )
    ]
    return sorted(kept, key=_rank, reverse=True)


def write_register(value: Any, current: Register, clock: Clock) -> Register:
    """A local write of ``value`` that has seen every head of ``current``."""
    seen: dict[str, str] = {}
    for head in current:
        clock.observe(head["at"])
        for device, stamp in head["vv"].items():
            if stamp > seen.get(device, ""):
                seen[device] = stamp
    stamp = clock.tick()
    seen[clock.device] = stamp
    return [{"v": value, "at": stamp, "vv": seen}]


def conflicting(heads: Register) -> bool:
    """Whether a register holds values that differ (two edits that had not seen each other)."""
    first = heads[0].get("v")
    return any(head.get("v") != first for head in heads[1:])


def content_fields(*docs: Doc) -> set[str]:
    return {key for doc in docs for key in doc} - BOOKKEEPING - OWN_FIELDS


def stamp_record(before: Doc | None, doc: Doc, clock: Clock) -> Doc:
    """Stamp a record about to be written (in place): the store's one place for it.

    A new record gets its creation stamp (or keeps the one it brings, when copied from another
    file). Otherwise each field whose value differs from what its register shows is a local
    write and gets a fresh head; a register the writer brings (a merge, a pick) is joined in
    first, so writing an already-merged record again changes nothing (idempotent).
    """
    if before is None:
        stamp = doc.get("hlc")
        if is_stamp(stamp):
            clock.observe(stamp)
        else:
            doc["hlc"] = clock.tick()
        return doc
    base = record_stamp(before)
    brought = record_stamp(doc) if is_stamp(doc.get("hlc")) else base
    before_clock = before.get("clock") or {}
    doc_clock = doc.get("clock") or {}
    new_base = min(base, brought)
    registers: dict[str, Register] = {}
    for field in content_fields(before, doc):
        current = register(before, field, base)
        if brought != base:
            current = join_registers(current, register(doc, field, brought))
        elif field in doc_clock and doc_clock[field] != before_clock.get(field):
            current = join_registers(current, doc_clock[field])
        if doc.get(field) != current[0].get("v"):
            current = write_register(doc.get(field), current, clock)
        if current != implicit(doc, field, new_base):
            registers[field] = current
    doc["hlc"] = new_base
    if registers:
        doc["clock"] = registers
    else:
        doc.pop("clock", None)
    return doc

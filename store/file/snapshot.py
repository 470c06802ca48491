"""The snapshot codec: a workshop's tables as plain JSON (TinyDB's ``JSONStorage`` format), one
record per line, written in pieces and read back a thousand records at a time.

A reader parses it in batches and shares the values records repeat (presentation uids, codes,
channels, devices, stamps): it never holds the whole text, and the tables take about half the
memory. Batches of records that look alike are parsed straight into shared values
(``typed_batches.py``); a reader that only reports keeps those as parsed, unshared
(``frozen_records.py``). A snapshot laid out otherwise (written before, or edited) is parsed
whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any, BinaryIO, TypeGuard

import msgspec

from matchdesk.store.errors import CorruptWorkshop
from matchdesk.store.file.sharing import share
from matchdesk.store.file.typed_batches import REFUSED, UIDS_OF, TypedBatches
from matchdesk.store.models import Doc

Tables = dict[str, dict[str, Doc]]
STREAM_RECORDS = 1000  # snapshot records parsed at once (``stream_snapshot``)
_DECODE = msgspec.json.Decoder().decode  # the records of a batch (``_loads``)
ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def parse_json(raw: bytes | list[bytes], path: Path) -> Any:
    """JSON from ``raw``, or ``CorruptWorkshop`` naming the file (never a RecursionError).

    ``raw`` may come in a one-item list that this empties: the bytes are then freed as soon as
    they are decoded, so a large file is not held twice while it is parsed."""
    data = raw.pop() if isinstance(raw, list) else raw
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptWorkshop(
            f"{path} is not a workshop file: it is not UTF-8 text (byte {exc.start})."
        ) from None
    del data
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptWorkshop(
            f"{path} is damaged or not a workshop file: invalid JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg})."
        ) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
        what = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise CorruptWorkshop(f"{path} is not a workshop file: its JSON is {what}.") from None


def parse_snapshot(raw: bytes | list[bytes], path: Path) -> Tables:
    """Parse a snapshot's bytes (or a one-item list of them, see ``parse_json``), naming the
    file and the fault when it is not a workshop."""
    head = raw[0] if isinstance(raw, list) else raw
    if not head.strip(b"\x00 \t\r\n"):
        what = "is empty" if not head else "holds no data (only zero bytes or blanks)"
        raise CorruptWorkshop(f"{path} {what}; it is not a readable workshop file.")
    del head
    data = parse_json(raw, path)
    if not are_tables(data):
        raise CorruptWorkshop(f"{path} is JSON but not a matchdesk workshop file.")
    return data


def are_tables(data: Any) -> TypeGuard[Tables]:
    """Whether parsed JSON has a workshop's shape: an object of tables, each an object of
    records (objects)."""
    return data.__class__ is dict and all(
        table.__class__ is dict and _all_records(table.values()) for table in data.values()
    )


def _all_records(values: Iterable[Any]) -> bool:
    """Whether every value is a record (an object), asked in C."""
    return set(map(type, values)) <= {dict}


def read_snapshot(path: Path, frozen: bool = False) -> Tables:
    """Read and parse a snapshot: line by line when it is laid out one record per line
    (``snapshot_chunks``), else whole, holding its bytes only until they are decoded.
    ``frozen``: records that look alike are kept as parsed (``frozen_records.py``)."""
    with path.open("rb") as handle:
        tables = stream_snapshot(handle, frozen)
        if tables is not None:
            return tables
        handle.seek(0)
        raw = [handle.read()]
    return parse_snapshot(raw, path)


def snapshot_chunks(tables: Mapping[str, Mapping[str, Doc]]) -> Iterator[bytes]:
    """``tables`` as JSON, one record per line (``stream_snapshot`` reads it back), in pieces
    of a few hundred documents (``encode_snapshot``)."""
    return encode_snapshot((name, docs.items()) for name, docs in tables.items())


def encode_snapshot(
    tables: Iterable[tuple[str, Iterable[tuple[str, Doc]]]], per_chunk: int = 256
) -> Iterator[bytes]:
    """The bytes of ``snapshot_chunks`` from tables given as (name, records) streams: a
    checkpoint thread reads the live tables a few records at a time between captures, without
    knowing how many it will find (so each comma is written before the record it separates).

    A thread that encodes one document at a time gives the interpreter back between them, so a
    capture on the main thread never waits for a whole snapshot's encoding.
    """
    parts = ["{\n"]
    opened = False
    for name, docs in tables:
        parts.append((",\n" if opened else "") + ENCODE(name) + ":{\n")
        opened = True
        sep = ""
        for key, doc in docs:
            parts.append(sep + ENCODE(key) + ":" + ENCODE(doc))
            sep = ",\n"
            if len(parts) >= per_chunk:
                yield "".join(parts).encode("utf-8")
                parts = []
        parts.append("\n}" if sep else "}")
    parts.append("\n}\n" if opened else "}\n")
    yield "".join(parts).encode("utf-8")


class NotLaidOut(Exception):
    """A snapshot not laid out as ``snapshot_chunks`` writes it (or not sound there): the
    caller reads it whole, which accepts what ``json.loads`` accepts and names the fault."""


def stream_snapshot(handle: BinaryIO, frozen: bool = False) -> Tables | None:
    """The tables of a snapshot laid out as ``snapshot_chunks`` writes it, parsed
    ``STREAM_RECORDS`` lines at a time (``snapshot_batches``); None when it is laid out
    otherwise or is not sound JSON (the caller parses it whole)."""
    tables: Tables = {}
    try:
        for name, part in snapshot_batches(handle, frozen):
            tables.setdefault(name, {}).update(part)
    except NotLaidOut:
        return None
    return tables


def snapshot_batches(
    handle: BinaryIO, frozen: bool = False
) -> Iterator[tuple[str, dict[str, Doc]]]:
    """A snapshot's records, ``STREAM_RECORDS`` lines at a time, as (table, {id: record});
    each table's first batch is empty; repeated values are shared (``_TableRecords``).

    Raises ``NotLaidOut`` (possibly after some batches: a reader that must not count them
    twice reads the file whole instead) when the layout is not ``snapshot_chunks``'s.
    ``frozen``: records that look alike are kept as parsed, not shared (``read_snapshot``). Lines
    are cut only between members of a table (a cut anywhere else leaves a part that does not
    parse) and the commas at the cuts are checked, so this accepts only what ``json.loads``
    accepts, and gives the same records.
    """
    if handle.readline(3) != b"{\n":
        raise NotLaidOut
    names: set[str] = set()
    memo: dict[str, str] = {}
    uids: dict[str, set[str]] = {}  # the uids of the tables other tables name (``UIDS_OF``)
    lines: Iterator[bytes] = iter(handle)
    more = True  # whether another table may follow (the last one closes with "}\n")
    while (header := next(lines, None)) is not None:
        if header in (b"}\n", b"}"):
            if more or b"".join(lines).strip():
                raise NotLaidOut
            return
        if not (more and header.startswith(b'"') and header.endswith(b":{\n")):
            raise NotLaidOut
        name = _loads(header[:-3])
        if not isinstance(name, str) or name in names:
            raise NotLaidOut
        names.add(name)
        yield name, {}
        records = _TableRecords(name, memo, uids, frozen)
        comma = None  # whether the records so far end with a comma (None: no record yet)
        while True:  # a batch of lines, taken and searched in C (100,000 lines at the largest)
            batch = list(islice(lines, STREAM_RECORDS))
            ends = list(map(bytes.startswith, batch, repeat(b"}")))
            end = ends.index(True) if True in ends else len(batch)
            if end:
                if comma is False:
                    raise NotLaidOut  # records follow records without a comma between them
                part, comma = records.parse(batch[:end] if end < len(batch) else batch)
                yield name, part
            if end < len(batch):
                break
            if len(batch) < STREAM_RECORDS:
                raise NotLaidOut  # the file ended inside a table
        if comma or batch[end] not in (b"},\n", b"}\n"):
            raise NotLaidOut  # a comma after the table's last record, or a bad closing line
        more = batch[end] == b"},\n"
        lines = chain(batch[end + 1 :], lines)  # the lines read past the table's end
    raise NotLaidOut  # no closing brace


def _loads(data: bytes) -> Any:
    """A JSON value, or None for anything msgspec refuses: then the whole file is parsed by
    ``json.loads``, which accepts what it accepts (NaN, a lone surrogate) and names a fault.
    msgspec parses a third faster than ``json`` and, unlike orjson, makes dicts no larger."""
    try:
        return _DECODE(data)
    except REFUSED:
        return None


class _TableRecords:
    """One table's batches of lines: parsed into shared values while its records look alike
    (``typed_batches.py``), else parsed as JSON and then shared (``sharing.share``)."""

    def __init__(
        self, name: str, memo: dict[str, str], uids: dict[str, set[str]], frozen: bool
    ) -> None:
        self.name = name
        self.frozen = frozen
        self.memo = memo
        self.uids = uids
        self.typed: TypedBatches | None = None
        self.first = True
        self.named = name in UIDS_OF.values()  # other tables name its records' uids

    def parse(self, lines: list[bytes]) -> tuple[dict[str, Doc], bool]:
        """The records of ``lines`` (``"id":{...},`` each), and whether a comma ends them
        (more must follow); ``NotLaidOut`` when they are not one record a line. Joined once,
        with the braces."""
        last = lines[-1]
        comma = last.endswith(b",\n")
        if not comma and not last.endswith(b"\n"):
            raise NotLaidOut  # a record on the file's last line, or a layout of another kind
        text = b"".join([b"{", *lines[:-1], last[: -2 if comma else -1], b"}"])
        part = self.typed.parse(text, self.memo) if self.typed is not None else None
        if part is None:
            part = _loads(text)
            if part.__class__ is not dict or len(part) != len(lines):
                raise NotLaidOut  # not one record a line (a blank line, a key given twice)
            if not _all_records(part.values()):
                raise NotLaidOut
            typed = self.typed
            if self.first:
                named = {field: self.uids.get(table, set()) for field, table in UIDS_OF.items()}
                self.typed = TypedBatches.of(part, named, self.frozen)
            elif typed is not None:
                self.typed = typed.learn(part)
            again = None
            if self.typed is not None and self.typed is not typed:
                self.typed.share_into(self.memo)  # this batch shares the values the next get
                if self.frozen:  # kept like the batches after it: a table of one kind
                    again = self.typed.parse(text, self.memo)
            if again is not None and len(again) == len(part):
                part = again
            else:
                share(part.values(), self.memo)
        elif len(part) != len(lines):
            raise NotLaidOut  # a key given twice
        self.first = False
        if self.named:
            found = self.uids.setdefault(self.name, set())
            found.update(uid for d in part.values() if (uid := d.get("uid")).__class__ is str)
        return part, comma

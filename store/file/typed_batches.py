"""A table's batches parsed straight into shared values, for tables whose records look alike.

The reader shares the text values records repeat (``sharing.share``): a Python pass over
every field of 100,000 records, as long as the parse itself. When every record of a table has
the same fields, each of one JSON kind, a batch can instead be parsed into a type made for it
(msgspec), where the fields a workshop repeats most (``KNOWN_VALUES``: a presentation's uid,
a country's code, a channel) are ``Literal``s of the values met so far: msgspec gives each the
literal's own object, shared as it is parsed, and only the other repeated fields are left to
the Python pass. Parsed so and made dicts again, 100,000 interests are parsed and shared in
about two thirds of the time (the whole read, about eight ninths).

A batch with a value not met before is refused: the caller parses it as before and its values
are learnt (after ``REFUSALS`` of them the table is read as before to its end). A field more or
less, or a value of another kind, sends the rest of the table back to the old way. The records
are the ones ``json.loads`` gives: equal, their fields in the order of the table's first
record.
"""

from __future__ import annotations

import keyword
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, Literal, get_args

import msgspec

from matchdesk.store.file.frozen_records import RESERVED, FrozenRecord
from matchdesk.store.file.sharing import UNIQUE_FIELDS, share_fields
from matchdesk.store.models import Channel, Doc

# The fields parsed into the values met so far, and the table whose records' uids a field
# names (a presentation's interests name it: its uids are known before the interests).
KNOWN_VALUES = frozenset({"presentation", "country", "channel"})
UIDS_OF = {"presentation": "presentations"}
REFUSALS = 10  # batches a table's parser may refuse before the table is read as before
_ASDICT = msgspec.structs.asdict
# What msgspec raises for a text it will not read: not JSON (a type's refusal included), nested
# too deeply, or not UTF-8 (a UnicodeDecodeError before msgspec 0.23, a DecodeError since).
REFUSED = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)
_SEEDS = {"channel": {channel.value for channel in Channel}}  # the values a field may take


class TypedBatches:
    """The parser of one table's batches (``parse``), made from its first batch (``of``)."""

    def __init__(
        self, fields: Sequence[tuple[str, Any]], known: dict[str, set[str]], frozen: bool = False
    ) -> None:
        """``frozen``: the records are kept as parsed (``frozen_records.py``), not dicts."""
        self.fields = tuple(fields)
        self.known = known
        self.frozen = frozen
        self.refused = 0
        # Shared by the Python pass: text fields whose values are not literals nor unique.
        self.to_share = tuple(
            name
            for name, kind in self.fields
            if kind is not bool and name not in KNOWN_VALUES and name not in UNIQUE_FIELDS
        )
        self._decode = self._decoder()

    @classmethod
    def of(
        cls, part: dict[str, Doc], uids: dict[str, set[str]], frozen: bool = False
    ) -> TypedBatches | None:
        """A parser for batches like ``part`` (parsed as JSON), or None when its records
        differ in their fields or a field's kind: the table is then read as before. ``uids``:
        the uids of the tables read so far (``UIDS_OF``)."""
        docs = list(part.values())
        shapes = set(map(tuple, docs))
        if len(shapes) != 1:
            return None
        names = shapes.pop()
        fields: list[tuple[str, Any]] = []
        known: dict[str, set[str]] = {}
        for name in names:
            if not name.isidentifier() or keyword.iskeyword(name) or name in RESERVED:
                return None
            kinds = set(map(type, map(itemgetter(name), docs)))
            if kinds == {str}:
                fields.append((name, str))
                if name in KNOWN_VALUES:
                    known[name] = set(map(itemgetter(name), docs)) | uids.get(name, set())
                    known[name] |= _SEEDS.get(name, set())
            elif kinds == {bool}:
                fields.append((name, bool))
            elif kinds <= {str, type(None)}:
                fields.append((name, str | None))
            else:
                return None
        return cls(fields, known, frozen)

    def _decoder(self) -> Any:
        literals = {name: Literal[tuple(sorted(values))] for name, values in self.known.items()}
        # The objects the parse gives (``typing`` may hand back an equal Literal made before,
        # with its own strings): ``share_into`` makes them the ones the Python pass shares.
        self.values = [value for literal in literals.values() for value in get_args(literal)]
        fields = [(name, literals.get(name, kind)) for name, kind in self.fields]
        if self.frozen:
            row: Any = msgspec.defstruct(
                "Record", fields, bases=(FrozenRecord,), forbid_unknown_fields=True
            )
        else:
            row = msgspec.defstruct("Row", fields, forbid_unknown_fields=True, gc=False)
        return msgspec.json.Decoder(dict[str, row]).decode

    def share_into(self, memo: dict[str, str]) -> None:
        """Make the values this parser gives the ones ``memo`` shares from now on."""
        memo.update(zip(self.values, self.values, strict=True))

    def parse(self, text: bytes, memo: dict[str, str]) -> dict[str, Doc] | None:
        """The records of ``text`` (an object of records), shared (frozen, as parsed), or None
        when refused (the caller then parses it and ``learn``s, which gives up after
        ``REFUSALS``)."""
        try:
            rows = self._decode(text)
        except REFUSED:
            self.refused += 1
            return None
        if self.frozen:
            return rows  # type: ignore[no-any-return]  # frozen records read as Docs
        part = dict(zip(rows, map(_ASDICT, rows.values()), strict=True))
        share_fields(part.values(), memo, self.to_share)
        return part

    def learn(self, part: dict[str, Doc]) -> TypedBatches | None:
        """This parser with the values of a batch it refused (parsed as JSON), or None
        when that batch's records differ in their fields or kinds."""
        if self.refused >= REFUSALS:
            return None
        other = TypedBatches.of(part, {}, self.frozen)
        if other is None or other.fields != self.fields:
            return None
        if all(other.known[name] <= values for name, values in self.known.items()):
            return self  # refused for another reason (a number where text was): keep count
        known = {name: values | other.known[name] for name, values in self.known.items()}
        learnt = TypedBatches(self.fields, known, self.frozen)
        learnt.refused = self.refused
        return learnt

"""JSON: the facade's lossless dump, serialised as it is (no neutralising: JSON is data).

The bytes are exactly ``json.dumps(dump, ensure_ascii=False, indent=2)`` and a newline, written
a few hundred records at a time: the standard library's indenting encoder is pure Python
(3 s for 100,000 records), so records of plain values are laid out here, with the C encoder's
strings, and anything else goes through ``json.dumps`` itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

import msgspec

from matchdesk.store.file.frozen_records import all_frozen, plain

try:
    import orjson as _orjson
except ImportError:  # an install without it: the layout below writes the same bytes
    _orjson = None  # type: ignore[assignment]  # the module, or None: then json writes

_STRING = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses
_INDENT = "  "
_BATCH = 500  # records per piece written
_PLAIN = frozenset({str, bool, int, type(None)})  # record values orjson writes as json does
_DICTS = frozenset({dict})  # records orjson writes as json does (not a subclass)
_LAYOUTS: dict[tuple[tuple[Any, ...], str], str] = {}  # see ``_layout``
# What orjson and msgspec write around the records of ``{"": records}``: '{\n  "": [' and
# '\n  ]\n}'.
_WRAPPED_HEAD, _WRAPPED_TAIL = b'{\n  "": [', b"\n  ]\n}"


def render_json(dump: Mapping[str, Any]) -> bytes:
    """Pretty, key order kept, non-ASCII kept readable; same dump -> same bytes."""
    return b"".join(json_chunks(dump))


def json_chunks(dump: Mapping[str, Any]) -> Iterator[bytes]:
    """``render_json`` in pieces: the lists of records (tables) a few hundred at a time."""
    if not dump or not all(key.__class__ is str for key in dump):
        yield (json.dumps(dump, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        return
    inner = _INDENT * 2
    separator = "\n"
    yield b"{"
    for key, value in dump.items():
        head = f"{separator}{_INDENT}{_STRING(key)}: "
        separator = ",\n"
        if value.__class__ is not list or not value:
            yield (head + _pretty(value, _INDENT)).encode("utf-8")
            continue
        yield (head + "[").encode("utf-8")
        for start in range(0, len(value), _BATCH):
            batch = value[start : start + _BATCH]
            fast = _fast_records(batch)
            if fast is None:
                batch = plain(batch)
                fast = "".join(
                    f"{',' if start or number else ''}\n{inner}{_pretty(record, inner)}"
                    for number, record in enumerate(batch)
                ).encode("utf-8")
            elif start:
                fast = b"," + fast
            yield fast
        yield f"\n{_INDENT}]".encode()
    yield b"\n}\n"


def _fast_records(records: list[Any]) -> bytes | None:
    """``records`` as ``json_chunks`` lays them out in a table (each on its own lines after a
    newline, four spaces deep, with commas between), by orjson when it is installed: seven
    times as fast as the layout here. None when orjson is missing or would write them
    otherwise than ``json.dumps``: records that are not plain (a float, which orjson writes in
    its own way, a nested list or object), or that it refuses (an integer beyond 64 bits, a
    key that is not text, a lone surrogate). Frozen records (``frozen_records.py``: text,
    booleans and nulls only) are written by msgspec, which lays them out as json does."""
    if all_frozen(records):
        return _unwrapped(msgspec.json.format(msgspec.json.encode({"": records}), indent=2))
    if _orjson is None or not _DICTS.issuperset(map(type, records)):  # by C loops, as below
        return None
    if not _PLAIN.issuperset(map(type, chain.from_iterable(map(dict.values, records)))):
        return None
    try:
        # Inside an object, as the dump holds them: already four spaces deep.
        text = _orjson.dumps({"": records}, option=_orjson.OPT_INDENT_2)
    except TypeError:  # orjson.JSONEncodeError
        return None
    return _unwrapped(text)


def _unwrapped(text: bytes) -> bytes:
    return text[len(_WRAPPED_HEAD) : -len(_WRAPPED_TAIL)]


def _pretty(value: Any, pad: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as it reads ``pad`` deep."""
    kind = value.__class__
    if kind is str:
        return _STRING(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    inner = pad + _INDENT
    if kind is dict:
        if not value:
            return "{}"
        layout = _layout(tuple(value), pad)  # records of a table share their keys
        if layout is not None:
            fields = [
                _STRING(v) if v.__class__ is str else _pretty(v, inner) for v in value.values()
            ]
            return layout % tuple(fields)
    if kind is list:
        if not value:
            return "[]"
        items = ",\n".join(inner + _pretty(item, inner) for item in value)
        return f"[\n{items}\n{pad}]"
    # A float, a subclass, a key that is not text: json's own encoder, indented to ``pad``
    # (its output never holds a raw line break inside a string).
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


def _layout(keys: tuple[Any, ...], pad: str) -> str | None:
    """A %-template of an object with these keys ``pad`` deep, its values left as ``%s``;
    None when a key is not text (``json.dumps`` then lays the object out)."""
    found = _LAYOUTS.get((keys, pad))
    if found is None:
        if not all(key.__class__ is str for key in keys):
            return None
        if len(_LAYOUTS) > 1000:  # records of a few shapes; anything else is not kept
            _LAYOUTS.clear()
        inner = pad + _INDENT
        fields = ",\n".join(f"{inner}{_STRING(key).replace('%', '%%')}: %s" for key in keys)
        found = _LAYOUTS[keys, pad] = f"{{\n{fields}\n{pad}}}"
    return found

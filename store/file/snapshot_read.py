"""Reading a snapshot's pieces with orjson, when it reads them exactly as ``json.loads`` does.

Every command opens the workshop first; at 100,000 interests the standard library's parse of
the pieces is half of that. orjson parses the bytes as they are (no decoding into a second
copy first) about a quarter faster. It reads a few things otherwise: an integer beyond 64
bits becomes a float, and it refuses what the standard library accepts (NaN, a lone
surrogate). So a piece is taken from orjson only when it refused nothing and holds no float
(a workshop's records hold text, integers, booleans and nulls); anything else is left to the
standard library (``storage._loads``), which names the fault as before.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # an install without it reads with the standard library alone
    _orjson = None  # type: ignore[assignment]

_SCALARS = frozenset({str, int, bool, type(None)})
_CONTAINERS = frozenset({dict, list})


def exact_loads(data: bytes) -> Any:
    """The JSON value of ``data`` as ``json.loads`` gives it, or None when orjson is missing,
    refuses it, or may have read it otherwise (then ask the standard library)."""
    if _orjson is None:
        return None
    try:
        value = _orjson.loads(data)
    except _orjson.JSONDecodeError:
        return None
    return value if exactly_read(value) else None


def exactly_read(value: Any) -> bool:
    """Whether ``value``, as orjson made it, is what ``json.loads`` makes of the same text:
    nothing but objects, arrays, text, booleans, nulls and integers (one that did not fit in
    64 bits would be a float). One level at a time, so a deep value costs no recursion."""
    level = [value]
    while level:
        kinds = set(map(type, level))
        if not kinds <= _SCALARS | _CONTAINERS:
            return False
        if kinds.isdisjoint(_CONTAINERS):
            return True
        if kinds == {dict}:  # a table of records, its records: their values, in C
            level = list(chain.from_iterable(map(dict.values, level)))
            continue
        inner: list[Any] = []
        for item in level:
            if item.__class__ is dict:
                inner += item.values()
            elif item.__class__ is list:
                inner += item
        level = inner
    return True

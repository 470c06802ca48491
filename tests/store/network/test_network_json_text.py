"""``network --json`` is written by orjson: the same text as ``json.dumps(ensure_ascii=False,
indent=2)`` wrote before, for whatever text the workshops hold."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.store.network.output import indented_json

# Any text (control characters, U+2028, emoji, a byte-order mark, lone surrogates), integers
# within and beyond 64 bits: what a workshop file may hold and the view may carry.
_TEXT = st.text(max_size=10)
_LEAF = _TEXT | st.integers() | st.booleans() | st.none()
_DATA = st.recursive(
    _LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(data=_DATA)
def test_it_writes_what_json_dumps_writes(data: Any) -> None:
    assert indented_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_what_orjson_refuses_is_still_written() -> None:
    data = {"title": "half a pair \ud800", "count": 2**70, "rows": [{"é": True}]}
    assert indented_json(data) == json.dumps(data, ensure_ascii=False, indent=2)

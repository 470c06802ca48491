"""``one_line_encoder`` writes what ``json.dumps`` writes, byte for byte: the follow-up's and
the tallies' JSON are contracts that scripts read."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.store.exchange.json_text import one_line_encoder

_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=_VALUE)
def test_a_value_is_written_as_json_dumps_writes_it(value: object) -> None:
    for items, keys in ((", ", ": "), (",", ":")):
        expected = json.dumps(value, ensure_ascii=False, separators=(items, keys))
        assert one_line_encoder(items, keys)(value) == expected


def test_text_the_json_module_escapes_is_escaped_the_same() -> None:
    tricky = {"é\u2028": ['"\\\n\r\t\x00\x1f\x7f', "🎉", "\ud800"], "n": [math.inf, -0.0]}
    assert one_line_encoder()(tricky) == json.dumps(tricky, ensure_ascii=False)

"""A snapshot's pieces read by orjson are what the standard library reads, or left to it:
a workshop file opens to the same records whichever parser read them."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.store.file import snapshot_read
from matchdesk.store.file.snapshot_read import exact_loads

pytestmark = pytest.mark.skipif(snapshot_read._orjson is None, reason="orjson is not installed")

_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(value=_VALUE)
def test_a_value_is_read_as_json_loads_reads_it_or_left_to_it(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, written raw
        data = json.dumps(value).encode("ascii")  # ... or escaped
    found = exact_loads(data)
    if found is not None:
        assert repr(found) == repr(json.loads(data.decode("utf-8")))


@pytest.mark.parametrize(
    "data",
    [
        b'{"n":123456789012345678901234567890}',  # orjson: a float
        b'{"n":-9223372036854775809}',
        b'{"a":[{"b":[1.5]}]}',
        b'{"a":NaN}',  # orjson refuses what json accepts
        b'{"a":"\\ud800"}',
        b'{"a":1E400}',
        b"not json",
    ],
)
def test_what_orjson_reads_otherwise_is_left_to_the_standard_library(data: bytes) -> None:
    assert exact_loads(data) is None


def test_records_of_text_integers_booleans_and_nulls_are_read_by_orjson() -> None:
    data = b'{"1":{"uid":"u","n":18446744073709551615,"deleted":false,"note":null,"l":[["x"]]}}'
    assert exact_loads(data) == json.loads(data)

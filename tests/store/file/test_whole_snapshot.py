"""A snapshot read whole (``whole_snapshot.read_whole``, the network's reader) gives what the
stream reader gives, or refuses a file with the very same words."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.store.errors import CorruptWorkshop
from matchdesk.store.file.snapshot import read_snapshot, snapshot_chunks
from matchdesk.store.file.whole_snapshot import read_whole

_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
_VALUE = st.recursive(
    _TEXT | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.none(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)
_TABLES = st.dictionaries(
    st.sampled_from(["meta", "presentations", "interests", "ü ✓"]),
    st.dictionaries(st.integers(1, 40).map(str), st.dictionaries(_TEXT, _VALUE), max_size=8),
)


@settings(max_examples=200, deadline=None)
@given(tables=_TABLES, indent=st.sampled_from([None, 1]))
def test_it_gives_the_tables_the_stream_reader_gives(
    tmp_path_factory: pytest.TempPathFactory, tables: dict, indent: int | None
) -> None:
    """Laid out as a checkpoint writes it, or re-indented by an editor (read whole by both)."""
    path = tmp_path_factory.mktemp("whole") / "w.json"
    if indent is None:
        path.write_bytes(b"".join(snapshot_chunks(tables)))
    else:
        path.write_text(json.dumps(tables, indent=indent, ensure_ascii=False), "utf-8")
    got = read_whole(path)
    assert got == read_snapshot(path) == tables
    assert list(got) == list(tables)  # tables, and records, in the file's order
    assert [list(t) for t in got.values()] == [list(t) for t in tables.values()]


def _laid_out() -> bytes:
    tables = {"meta": {"1": {"uid": "m"}}, "interests": {"1": {"uid": "i", "note": "x"}}}
    return b"".join(snapshot_chunks(tables))


def _swap(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    return lambda text: text.replace(old, new)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: b"",
        lambda t: b"\x00" * 64,
        lambda t: t[:-5],  # half-written
        lambda t: b"\xef\xbb\xbf" + t,  # a byte-order mark
        _swap(b'"x"', b'"\xff"'),  # not UTF-8
        _swap(b'"x"', b"NaN"),  # JSON's grammar refuses it; json.loads reads it
        _swap(b'"x"', b'"\\ud800"'),  # a lone surrogate: json.loads keeps it
        _swap(b'"x"', b"1e400"),  # beyond a double: json.loads makes it infinity
        _swap(b'"x"', b"[" * 5000 + b"]" * 5000),  # nested too deeply
        _swap(b'{"uid":"i","note":"x"}', b"[1]"),  # a record that is not a record
        _swap(b'"meta":{\n', b'"meta":[\n'),
        lambda t: b"[" + t + b"]",
        lambda t: t + b"{}",
    ],
)
def test_what_it_refuses_or_msgspec_cannot_read_is_read_as_before(
    tmp_path: Path, body: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(body(_laid_out()))
    try:
        expected = read_snapshot(path)
    except CorruptWorkshop as exc:
        with pytest.raises(CorruptWorkshop) as refused:
            read_whole(path)
        assert str(refused.value) == str(exc)
    else:
        assert read_whole(path) == expected

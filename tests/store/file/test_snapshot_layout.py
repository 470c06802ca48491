"""The snapshot's layout: one record per line, read a batch of lines at a time, the same tables
as ``json.loads`` gives (or the file read whole, as before, when it is laid out otherwise)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from matchdesk.store.errors import CorruptWorkshop
from matchdesk.store.file import snapshot
from matchdesk.store.file.snapshot import read_snapshot, snapshot_chunks, stream_snapshot
from matchdesk.store.workshop import Workshop


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two records a batch, so a few records cross several cuts (and fill one exactly)."""
    monkeypatch.setattr(snapshot, "STREAM_RECORDS", 2)


def _tables() -> dict[str, dict[str, dict[str, object]]]:
    note = 'a "quoted", line\nbreak, } and { and ,\n'
    return {
        "countries": {},
        "meta": {"1": {"uid": "m", "organisers": ["A", "B"], "schema_version": 3}},
        "presentations": {"1": {"uid": "p", "title": "Ünïcode ✓", "position": 1}},
        "interests": {
            str(n): {"uid": f"i{n}", "presentation": "p", "note": note, "deleted": False}
            for n in range(1, 5)  # four records: two full batches, the second one the last
        },
    }


def _write(path: Path, tables: dict) -> Path:
    path.write_bytes(b"".join(snapshot_chunks(tables)))
    return path


def test_a_snapshot_is_one_record_per_line_and_plain_tinydb(workshop_file: Path) -> None:
    with Workshop.open(workshop_file) as workshop:
        uid = workshop.add_presentation("Rapid Digitization", "Bangladesh").uid
        workshop.record_interests(uid, "kaz, tha")
    lines = workshop_file.read_bytes().splitlines()
    assert lines[0] == b"{" and lines[-1] == b"}"
    assert sum(line.startswith(b'"') and b'"uid":' in line for line in lines) == 4  # records
    db = TinyDB(workshop_file, storage=JSONStorage, access_mode="r")
    assert len(db.table("interests")) == 2
    db.close()


def test_batches_give_the_tables_json_gives(tmp_path: Path, small_batches: None) -> None:
    path = _write(tmp_path / "w.json", _tables())
    with path.open("rb") as handle:
        assert stream_snapshot(handle) == json.loads(path.read_bytes()) == _tables()


def test_repeated_values_are_one_object(tmp_path: Path, small_batches: None) -> None:
    with _write(tmp_path / "w.json", _tables()).open("rb") as handle:
        tables = stream_snapshot(handle)
    assert tables is not None
    first, *others = tables["interests"].values()
    assert all(o["presentation"] is first["presentation"] for o in others)
    assert all(o["note"] is first["note"] for o in others)


def test_a_snapshot_written_whole_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps(_tables()))  # how snapshots were written before
    with path.open("rb") as handle:
        assert stream_snapshot(handle) is None
    assert read_snapshot(path) == _tables()


def _cut(text: bytes, old: bytes, new: bytes) -> bytes:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    "damage",
    [
        # the comma at a cut between two batches
        lambda t: _cut(t, b'"deleted":false},\n"3"', b'"deleted":false}\n"3"'),
        # a comma after a table's last record
        lambda t: _cut(t, b'"deleted":false}\n}', b'"deleted":false},\n}'),
        # a record line cut short, the file ending in a table
        lambda t: t[: t.index(b'"4":') + 20],
        # no closing brace, or something after it
        lambda t: t.rstrip()[:-1],
        lambda t: t + b"{}",
        # two records on one line without a comma between them
        lambda t: _cut(t, b'"deleted":false},\n"2"', b'"deleted":false} "2"'),
    ],
)
def test_a_damaged_snapshot_is_refused_as_json_refuses_it(
    tmp_path: Path, small_batches: None, damage
) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(damage(b"".join(snapshot_chunks(_tables()))))
    with pytest.raises(json.JSONDecodeError):
        json.loads(path.read_bytes())
    with path.open("rb") as handle:
        assert stream_snapshot(handle) is None
    with pytest.raises(CorruptWorkshop, match="invalid JSON at line"):
        read_snapshot(path)


def test_an_edited_snapshot_in_another_layout_is_read_whole(
    tmp_path: Path, small_batches: None
) -> None:
    """A person's editor re-indents the file: same meaning, read the slow way."""
    path = tmp_path / "w.json"
    path.write_text(json.dumps(_tables(), indent=2))
    with path.open("rb") as handle:
        assert stream_snapshot(handle) is None
    assert read_snapshot(path) == _tables()


@pytest.mark.parametrize(
    ("line", "value"),
    [
        (b'"note":NaN', "nan"),  # the batch parser refuses what JSON's grammar does not allow
        (b'"note":"\\ud800"', "\ud800"),  # a lone surrogate: json.loads keeps it
        (b'"note":1e400', "inf"),  # beyond a double: json.loads makes it infinity
    ],
)
def test_a_record_only_json_accepts_is_read_as_json_reads_it(
    tmp_path: Path, small_batches: None, line: bytes, value: str
) -> None:
    """Batches are parsed by a stricter parser (msgspec): what it refuses, the whole file read
    by ``json.loads`` still gives, so no file that opened before is refused now."""
    path = tmp_path / "w.json"
    text = b"".join(snapshot_chunks(_tables()))
    path.write_bytes(_cut(text, b'"note":"a \\"quoted', line + b',"x":"a \\"quoted'))
    tables = read_snapshot(path)
    assert tables == json.loads(path.read_bytes())
    assert str(tables["interests"]["1"]["note"]) == value


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
_RECORD = st.dictionaries(
    st.sampled_from(["uid", "note", "country", "deleted", "position"]),
    _TEXT | st.booleans() | st.integers(-5, 5) | st.none(),
)
_TABLES = st.dictionaries(
    st.sampled_from(["meta", "presentations", "interests", "x"]),
    st.dictionaries(st.integers(1, 40).map(str), _RECORD, max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(
    tables=_TABLES,
    size=st.integers(1, 5),
    at=st.integers(0, 10_000),
    drop=st.integers(0, 2),
    put=st.sampled_from([b"", b",", b"}", b"\n", b"},\n", b"{", b'"', b" "]),
)
def test_batches_accept_only_what_json_accepts(
    tmp_path_factory: pytest.TempPathFactory,
    tables: dict,
    size: int,
    at: int,
    drop: int,
    put: bytes,
) -> None:
    """Any tables, any batch size, the text damaged where the layout lives (a comma, a line
    end, a brace dropped or added): what the batches give, ``json.loads`` gives too; a sound
    snapshot is read in batches."""
    text = b"".join(snapshot_chunks(tables))
    marks = [i for i, c in enumerate(text) if c in b",\n}{"]
    where = marks[at % len(marks)]
    damaged = text[:where] + put + text[where + drop :]
    path = tmp_path_factory.mktemp("snap") / "w.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshot, "STREAM_RECORDS", size)
        for body in (text, damaged):
            path.write_bytes(body)
            with path.open("rb") as handle:
                got = stream_snapshot(handle)
            if body == text:
                assert got == tables or (not tables and got is None)  # no table: read whole
            elif got is not None:
                assert got == json.loads(body)

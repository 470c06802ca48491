"""Batches of records that look alike are parsed straight into shared values
(``typed_batches.py``): the tables are still exactly the ones ``json.loads`` gives, whatever a
later batch holds that the first did not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from matchdesk.store.file import snapshot, typed_batches
from matchdesk.store.file.snapshot import read_snapshot, snapshot_chunks


def _interest(n: int, **changes: Any) -> dict[str, Any]:
    record = {
        "uid": f"i{n}",
        "presentation": f"p{n % 3}",
        "country": ["KAZ", "THA", "PHL"][n % 3],
        "channel": "online",
        "note": "",
        "created_at": "2021-10-29T10:00:00.000Z",
        "device": "podium",
        "deleted": False,
        "captured_at": "2021-10-29T10:00:00Z",
        "hlc": f"2021-10-29T10:00:00.000Z/{n:06d}/podium",
    }
    record.update(changes)
    return record


def _tables(*later: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    interests = [_interest(n) for n in range(30)] + list(later)
    return {
        "meta": {"1": {"uid": "m", "schema_version": 3}},
        "presentations": {str(n): {"uid": f"p{n}", "title": f"P{n}"} for n in range(3)},
        "interests": {str(n + 1): doc for n, doc in enumerate(interests)},
    }


@pytest.fixture
def parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The file's tables as read (batches of four records), and how many the typed parser
    gave."""
    monkeypatch.setattr(snapshot, "STREAM_RECORDS", 4)
    given = []
    parse = typed_batches.TypedBatches.parse

    def counted(self: typed_batches.TypedBatches, text: bytes, memo: dict[str, str]) -> Any:
        part = parse(self, text, memo)
        given.append(part is not None)
        return part

    monkeypatch.setattr(typed_batches.TypedBatches, "parse", counted)

    def read(tables: dict[str, Any]) -> tuple[dict[str, Any], int]:
        path = tmp_path / "w.json"
        path.write_bytes(b"".join(snapshot_chunks(tables)))
        given.clear()
        got = read_snapshot(path)
        assert got == json.loads(path.read_bytes())
        return got, sum(given)

    return read


def test_alike_records_are_read_typed_and_shared(parsed: Any) -> None:
    tables, typed = parsed(_tables())
    assert typed == 7  # every batch of interests after the first
    docs = list(tables["interests"].values())
    for field in ("presentation", "country", "channel", "device", "captured_at"):
        values = {doc[field] for doc in docs}
        objects = {id(doc[field]) for doc in docs}
        assert len(objects) == len(values), field  # one object per distinct value
    assert list(docs[-1]) == list(_interest(0))  # the fields in the file's order


@pytest.mark.parametrize(
    ("odd", "typed_after"),
    [
        (_interest(40, country="FJI"), 3),  # a value not met before: learnt, then typed again
        (_interest(41, presentation="p-missing"), 3),  # a presentation the file lacks
        (_interest(42, captured_at=None), 0),  # another kind: the rest is read as before
        (_interest(43, note=7), 0),
        ({**_interest(44), "extra": "kept"}, 0),
        ({k: v for k, v in _interest(45).items() if k != "hlc"}, 0),  # an older record
        (_interest(46, deleted="no"), 0),
    ],
    ids=["new-country", "missing-presentation", "null", "number", "extra", "fewer", "kind"],
)
def test_a_record_unlike_the_first_ones_is_read_as_json_reads_it(
    parsed: Any, odd: dict, typed_after: int
) -> None:
    """The batch that holds it is read as JSON reads it (and so are the batches after it,
    when it is not only a value not met before)."""
    after = [_interest(n) for n in range(50, 60)]  # three batches after the odd one's
    tables, typed = parsed(_tables(odd, *after))
    assert tables["interests"]["31"] == odd
    assert typed == 6 + typed_after  # the batches before it, then after it

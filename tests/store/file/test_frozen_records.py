"""A reader that reports keeps its records as parsed (``frozen_records.py``): they read like
the dicts a writer holds, nobody can change one, and every count, export and check made from
them is the one made from dicts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from matchdesk.store.exchange.export.json_export import render_json
from matchdesk.store.file import snapshot
from matchdesk.store.file.frozen_records import FrozenRecord, plain, read_in_c
from matchdesk.store.file.paths import journal_path
from matchdesk.store.file.snapshot import read_snapshot, snapshot_chunks
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop
from tests.store.conftest import TwoLaptops
from tests.store.file.test_typed_batches import _interest, _tables

HOSTILE = 'a "quote", \\ & <b>\r\n\t\x00\x7f\u2028 لاجئين Côte d\'Ivoire'
OLD_FILE = Path(__file__).parents[2] / "fixtures" / "workshop_v1.json"


def _written(tmp_path: Path, tables: dict[str, Any]) -> Path:
    path = tmp_path / "w.json"
    path.write_bytes(b"".join(snapshot_chunks(tables)))
    return path


def _same_records(got: dict[str, Any], expected: dict[str, Any]) -> None:
    """Table by table, record by record: equal as dicts, fields in the file's order."""
    assert list(got) == list(expected)
    for name, docs in expected.items():
        assert list(got[name]) == list(docs), name
        for doc, want in zip(plain(list(got[name].values())), docs.values(), strict=True):
            assert doc.__class__ is dict
            assert doc == want
            assert list(doc) == list(want)


@pytest.mark.parametrize(
    "later",
    [
        (),
        (_interest(40, country="FJI"),),  # a value not met before: a second kind of record
        (_interest(42, captured_at=None),),  # another kind: the rest read as dicts
        ({**_interest(44), "extra": "kept"},),
    ],
    ids=["alike", "new-country", "null", "extra"],
)
def test_a_frozen_read_gives_the_records_json_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: tuple[dict[str, Any], ...]
) -> None:
    monkeypatch.setattr(snapshot, "STREAM_RECORDS", 4)
    path = _written(tmp_path, _tables(*later, *(_interest(n) for n in range(50, 60))))
    expected = json.loads(path.read_bytes())
    tables = read_snapshot(path, frozen=True)
    _same_records(tables, expected)
    interests = list(tables["interests"].values())
    assert isinstance(interests[0], FrozenRecord)  # the first batch too: a table of one kind
    assert tables == expected  # a frozen record equals its dict, both ways round
    assert expected == tables


def test_a_frozen_record_reads_like_a_dict_and_cannot_be_changed(tmp_path: Path) -> None:
    path = _written(tmp_path, _tables())
    doc = read_snapshot(path, frozen=True)["interests"]["1"]
    want = _interest(0)
    assert isinstance(doc, FrozenRecord)
    assert doc["country"] == "KAZ" and doc.get("note", "x") == ""
    assert doc.get("clock") is None and doc.get("clock", 3) == 3
    assert "hlc" in doc and "clock" not in doc and "get" not in doc
    assert list(doc) == list(want) and len(doc) == len(want)
    assert dict(doc) == want == {**doc} == doc.copy()
    assert list(doc.items()) == list(want.items()) and list(doc.values()) == list(want.values())
    assert doc != {**want, "note": "changed"} and doc != [*want]
    with pytest.raises(KeyError):
        doc["clock"]
    with pytest.raises(TypeError):
        doc["note"] = "changed"  # type: ignore[index]
    with pytest.raises(AttributeError):
        doc.note = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(doc)
    copy = doc.copy()
    copy["note"] = "changed"  # a copy is a dict, to change
    assert doc["note"] == ""


def test_a_field_named_like_the_reading_face_keeps_its_table_as_dicts(tmp_path: Path) -> None:
    """A record with a field ``get`` would hide the method that reads it: such a table is
    read as dicts, as before."""
    tables = _tables()
    tables["interests"] = {k: {**d, "get": "x"} for k, d in tables["interests"].items()}
    path = _written(tmp_path, tables)
    got = read_snapshot(path, frozen=True)
    assert {type(d) for d in got["interests"].values()} == {dict}
    assert got == json.loads(path.read_bytes())


def test_fields_are_read_in_c_only_from_frozen_records_holding_them(tmp_path: Path) -> None:
    docs = list(read_snapshot(_written(tmp_path, _tables()), frozen=True)["interests"].values())
    read = read_in_c(docs, "uid", "country")
    assert read is not None and read(docs[1]) == ("i1", "THA")
    assert read_in_c(docs, "uid", "clock") is None  # a field they lack
    assert read_in_c([*docs, dict(docs[0])], "uid", "country") is None  # a dict among them
    assert read_in_c([], "uid", "country") is None


def _views(workshop: Workshop) -> dict[str, Any]:
    """What the reporting commands read of a workshop."""
    return {
        "tallies": workshop.tallies(),
        "totals": workshop.totals(),
        "dump": render_json(workshop.dump(copies=False)),
        "copies": json.dumps(workshop.dump()),
        "captures": [workshop.capture_fields(p.uid) for p in workshop.presentations()],
        "interests": workshop.interests(),
        "check": workshop.check(),
    }


def _frozen_and_not(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The views of ``path`` read frozen and read as dicts, and the kinds of interest records
    each holds."""
    with Workshop.open(path, readonly=True, frozen=True) as frozen:
        got = _views(frozen)
        got["kinds"] = {type(d).__name__ for d in frozen.ledger.raw("interests").values()}
    with Workshop.open(path, readonly=True) as reader:
        expected = _views(reader)
        expected["kinds"] = {type(d).__name__ for d in reader.ledger.raw("interests").values()}
    assert expected.pop("kinds") == {"dict"}
    return got, expected


def _with_a_withdrawal_in_the_journal(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """``path``, with a note JSON must escape in its snapshot, read frozen and not while its
    writer holds a withdrawal in the journal."""
    with Workshop.open(path, device="room") as writer:
        first = writer.presentations()[0]
        writer.record_interests(first.uid, "Fiji", Channel.IN_ROOM, HOSTILE)
    with Workshop.open(path, device="room") as writer:
        writer.withdraw_interest(writer.interests()[0].uid)
        assert writer.journaled()
        return _frozen_and_not(path)


def test_every_report_of_a_file_with_a_journal_is_the_same_frozen(seeded_file: Path) -> None:
    """Replayed from the journal, the withdrawal's record is a dict among frozen ones."""
    frozen, dicts = _with_a_withdrawal_in_the_journal(seeded_file)
    assert frozen.pop("kinds") == {"Record", "dict"}
    assert frozen == dicts
    assert frozen["totals"].interests == 39  # Table 1's 39 and Fiji, one withdrawn
    note = json.loads(frozen["dump"])["interests"][-1]["note"]  # as the app cleaned it
    assert all(part in note for part in ('"quote", \\', "\n", "\u2028", "لاجئين"))


def test_every_report_of_a_merged_file_is_the_same_frozen(two_laptops: TwoLaptops) -> None:
    """Merged, the interests are of several shapes (a clock on some): read as dicts, as
    before; the tables of one shape (the countries) are frozen."""
    with Workshop.open(two_laptops.room, device="room") as workshop:
        merge_files(workshop, [two_laptops.chat])
    frozen, dicts = _with_a_withdrawal_in_the_journal(two_laptops.room)
    assert frozen.pop("kinds") == {"dict"}
    assert frozen == dicts
    assert frozen["totals"].interests == 39  # the merge's 39 and Fiji, one withdrawn
    with Workshop.open(two_laptops.room, readonly=True, frozen=True) as reader:
        countries = reader.ledger.raw("countries").values()
        assert countries and all(isinstance(d, FrozenRecord) for d in countries)


def test_an_old_file_read_frozen_is_migrated_in_memory_as_before(tmp_path: Path) -> None:
    """A migration changes records: they are made dicts first."""
    target = _written(tmp_path, json.loads(OLD_FILE.read_bytes()))  # one record a line
    before = target.read_bytes()
    assert any(
        isinstance(d, FrozenRecord) for d in read_snapshot(target, True)["interests"].values()
    )
    frozen, dicts = _frozen_and_not(target)
    assert frozen.pop("kinds") == {"dict"}
    assert frozen == dicts
    assert [i.country.code for i in frozen["interests"]] == ["KAZ", "THA"]
    assert target.read_bytes() == before  # a reader wrote nothing


def _kinds(workshop: Workshop) -> set[str]:
    return {type(d).__name__ for d in workshop.ledger.raw("interests").values()}


def _copies(seeded_file: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of the seed's workshop, one to open frozen and one as dicts."""
    return (
        Path(shutil.copy(seeded_file, tmp_path / "frozen.json")),
        Path(shutil.copy(seeded_file, tmp_path / "dicts.json")),
    )


def test_the_apps_writer_reads_frozen_until_its_first_paint_then_writes_dicts(
    seeded_file: Path, tmp_path: Path
) -> None:
    """The app opens its file frozen and ``index_later`` (its first paint reads the records
    as parsed); ``ready_to_write`` makes them dicts, their repeated text shared, and every
    capture after that writes the file a dict writer writes."""
    frozen_path, dicts_path = _copies(seeded_file, tmp_path)
    files = []
    for path, frozen in ((frozen_path, True), (dicts_path, False)):
        workshop = Workshop.open(path, device="podium", index_later=True, frozen=frozen)
        with workshop:
            assert _kinds(workshop) == ({"Record"} if frozen else {"dict"})
            first = workshop.interests()[0]  # what the first paint reads
            workshop.ready_to_write()
            assert _kinds(workshop) == {"dict"}
            docs = list(workshop.ledger.raw("interests").values())
            assert len({id(d["presentation"]) for d in docs}) == len(workshop.presentations())
            assert len({id(d["device"]) for d in docs}) == 1  # shared, as a dict reader's
            workshop.withdraw_interest(first.uid)
            workshop.record_interests(first.presentation_uid, "Fiji", Channel.ONLINE, HOSTILE)
        files.append(json.loads(path.read_bytes()))
    strip = ("created_at", "updated_at", "hlc", "clock", "uid", "captured_at")  # times, uids
    frozen_file, dicts_file = (
        [{k: v for k, v in d.items() if k not in strip} for d in f["interests"].values()]
        for f in files
    )
    assert frozen_file == dicts_file  # the same records, times and uids aside


def test_a_writer_that_read_frozen_and_writes_before_its_first_paint_writes_dicts(
    seeded_file: Path, tmp_path: Path
) -> None:
    """A change before ``ready_to_write`` (a title set at once) makes the records dicts
    first; so does the checkpoint that folds a journal left by a writer that never closed."""
    path, _ = _copies(seeded_file, tmp_path)
    with Workshop.open(path, device="podium", index_later=True, frozen=True) as workshop:
        workshop.set_info(title="Renamed " + HOSTILE)
        assert _kinds(workshop) == {"dict"}
    with Workshop.open(path, readonly=True) as reader:
        assert reader.info().title.startswith("Renamed")
        assert reader.totals().interests == 39
    # A writer that ends without closing leaves its withdrawal in the journal: the frozen
    # writer after it folds the journal into the snapshot as it opens.
    crashed = (
        "import os, sys\nfrom matchdesk.store.workshop import Workshop\n"
        "w = Workshop.open(sys.argv[1], device='podium')\n"
        "w.withdraw_interest(w.interests()[0].uid)\nos._exit(0)"
    )
    subprocess.run([sys.executable, "-c", crashed, str(path)], check=True)
    assert journal_path(path).stat().st_size
    with Workshop.open(path, device="podium", index_later=True, frozen=True) as workshop:
        assert not workshop.journaled()  # folded as it opened
        assert workshop.totals().interests == 38
    assert len(json.loads(path.read_bytes())["interests"]) == 39  # one now a tombstone
    with Workshop.open(path, readonly=True) as reader:
        assert reader.totals().interests == 38 and reader.check() == []

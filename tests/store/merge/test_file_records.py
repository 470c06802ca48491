"""Another laptop's file read a batch of records at a time (``file_records``): the same records
a whole read gives, whatever the file's layout, journal or schema, and a merge or a peer that
holds the same record as this laptop keeps one of them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from matchdesk.store.file import snapshot
from matchdesk.store.file.storage import JournalStorage
from matchdesk.store.merge.combined import open_combined
from matchdesk.store.merge.join import file_records, state_of
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.workshop import Workshop


def _whole(path: Path) -> dict:
    """The records as the whole read gives them (as before streaming)."""
    store = JournalStorage(path, readonly=True, create=False)
    try:
        return state_of({t: d.values() for t, d in store.read().items()})
    finally:
        store.close()


def _streamed(path: Path) -> dict:
    state: dict = {}
    for table, doc in file_records(path):
        state.setdefault(table, {})[doc["uid"]] = doc
    return state


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A laptop's file with records in its snapshot and more in its journal (a capture, a
    withdrawal, a changed title), read two records a batch."""
    monkeypatch.setattr(snapshot, "STREAM_RECORDS", 2)
    path = tmp_path / "chat.json"
    with Workshop.open(path, device="chat") as workshop:
        workshop.set_info(title="Astana 2021")
        uid = workshop.add_presentation("ASAN service", "AZE").uid
        workshop.record_interests(uid, "kaz, tha, phl, per, chl")
    with Workshop.open(path, device="chat") as workshop:  # open: its journal not folded yet
        workshop.record_interests(uid, "gha")
        thailand = next(i for i in workshop.interests(uid) if i.country.code == "THA")
        workshop.withdraw_interest(thailand.uid)
        workshop.update_presentation(uid, title="ASAN service centres")
        yield path


def test_the_records_are_those_a_whole_read_gives(chat: Path) -> None:
    assert chat.with_name("chat.json.journal").stat().st_size > 0
    streamed = _streamed(chat)
    assert streamed == {t: d for t, d in _whole(chat).items() if d}
    titles = [d["title"] for d in streamed["presentations"].values()]
    assert titles == ["ASAN service centres"]  # the journal's change, not the snapshot's


def test_a_file_laid_out_otherwise_gives_the_same_records(chat: Path, tmp_path: Path) -> None:
    edited = tmp_path / "edited.json"
    shutil.copy(chat, edited)
    edited.write_text(json.dumps(json.loads(edited.read_text()), indent=2))
    for suffix in (".journal",):
        shutil.copy(chat.with_name(chat.name + suffix), edited.with_name(edited.name + suffix))
    assert _streamed(edited) == _streamed(chat)


def test_an_older_schema_is_migrated_as_before(tmp_path: Path) -> None:
    path = tmp_path / "v2.json"
    with Workshop.open(path, device="old") as workshop:
        workshop.add_presentation("ASAN service", "AZE")
    tables = json.loads(path.read_text())
    for meta in tables["meta"].values():
        meta["schema_version"] = 2
        del meta["language"]
    path.write_bytes(b"".join(snapshot.snapshot_chunks(tables)))
    [meta] = _streamed(path)["meta"].values()
    assert meta["schema_version"] == 3 and meta["language"] == "en"


def test_a_merge_of_a_copy_writes_nothing_and_keeps_its_records(tmp_path: Path) -> None:
    room = tmp_path / "room.json"
    with Workshop.open(room, device="room") as workshop:
        workshop.record_interests(workshop.add_presentation("ASAN service", "AZE").uid, "kaz")
    shutil.copy(room, tmp_path / "copy.json")
    with Workshop.open(room) as workshop:
        before = list(workshop.ledger.peek("interests"))
        report = merge_files(workshop, [tmp_path / "copy.json"])
        assert report.written == 0
        assert all(a is b for a, b in zip(before, workshop.ledger.peek("interests"), strict=True))


def test_a_peer_holding_this_laptops_records_shares_them(tmp_path: Path) -> None:
    room = tmp_path / "room.json"
    with Workshop.open(room, device="room") as workshop:
        workshop.record_interests(workshop.add_presentation("ASAN service", "AZE").uid, "kaz")
    shutil.copy(room, tmp_path / "copy.json")
    with open_combined(room, [tmp_path / "copy.json"], readonly=True) as view:
        [peer] = view.peers
        [interest] = peer.state["interests"].values()
        assert interest is next(view.ledger.peek("interests"))
        assert view.totals().interests == 1

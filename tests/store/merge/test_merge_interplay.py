"""Merging meets the rest of the store: the board's highlight, the workshop's language, stamps
through background checkpoints and chunked imports, custom countries under the names rules."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pycountry
import pytest

from matchdesk.store.clock import is_stamp, stamp_device
from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.file.paths import journal_path
from matchdesk.store.file.snapshot import read_snapshot
from matchdesk.store.merge.combined import CombinedWorkshop, open_combined
from matchdesk.store.merge.conflicts import conflicts, pick
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.workshop import Workshop
from tests.store.conftest import TwoLaptops


def _follow(workshop: CombinedWorkshop) -> None:
    for peer in workshop.peers:
        workshop.absorb(peer, peer.read(workshop.workshop_uid))


def _highlight(path: Path, device: str, index: int) -> str:
    with Workshop.open(path, device=device) as workshop:
        workshop.set_current_presentation(workshop.presentations()[index].uid)
        return workshop.presentations()[index].title


def _meta_clock(path: Path) -> dict[str, object]:
    meta = next(iter(read_snapshot(path)["meta"].values()))
    return meta.get("clock") or {}


def test_each_laptop_keeps_its_own_highlight_and_it_is_never_a_conflict(
    two_laptops: TwoLaptops,
) -> None:
    """The highlight is what this laptop's board shows: the chat laptop moving its own later
    neither moves the room's board nor asks anyone to pick."""
    room_title = _highlight(two_laptops.room, "room", 2)
    chat_title = _highlight(two_laptops.chat, "chat", 5)
    for path, other, device, title in (
        (two_laptops.room, two_laptops.chat, "room", room_title),
        (two_laptops.chat, two_laptops.room, "chat", chat_title),
    ):
        with Workshop.open(path, device=device) as workshop:
            report = merge_files(workshop, [other])
            assert report.conflicts == () and conflicts(workshop) == ()
            assert workshop.current_presentation().title == title
        assert "current_presentation" not in _meta_clock(path)
    with open_combined(two_laptops.room, [two_laptops.chat]) as view:
        assert view.current_presentation().title == room_title
        _highlight(two_laptops.chat, "chat", 7)
        _follow(view)
        assert view.current_presentation().title == room_title
        view.set_current_presentation(view.presentations()[4].uid)
        moved = view.presentations()[4].title
    with Workshop.open(two_laptops.room, readonly=True) as room:
        assert room.current_presentation().title == moved


def test_the_workshop_language_merges_like_any_detail_and_names_follow_it(
    two_laptops: TwoLaptops,
) -> None:
    with Workshop.open(two_laptops.room, device="room") as workshop:
        workshop.set_info(language="fr")
    with Workshop.open(two_laptops.chat, device="chat") as workshop:
        workshop.set_info(venue="Astana")
    with open_combined(two_laptops.chat, [two_laptops.room]) as view:
        assert (view.info().language, view.info().venue) == ("fr", "Astana")
        assert view.country("NOR").name == "Norvège"
    with Workshop.open(two_laptops.chat, device="chat") as workshop:
        assert workshop.country("NOR").name == "Norway"  # following wrote nothing here
        merge_files(workshop, [two_laptops.room])
        assert workshop.country("NOR").name == "Norvège"
        workshop.set_info(language="es")
    with Workshop.open(two_laptops.room, device="room") as workshop:
        workshop.set_info(language="ru")  # without having seen the chat's change
        merge_files(workshop, [two_laptops.chat])
        [conflict] = conflicts(workshop)
        assert (conflict.record, conflict.field) == ("Workshop details", "language")
        spanish = next(c for c in conflict.candidates if c.value == "es")
        pick(workshop, conflict, spanish)
        assert workshop.info().language == "es" and workshop.country("NOR").name == "Noruega"


def _big_csv(path: Path, presentations: int, countries: int) -> int:
    codes = [c.alpha_3 for c in pycountry.countries][:countries]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country"])
        for n in range(presentations):
            writer.writerows([f"Practice {n}", "KAZ", code] for code in codes)
    return presentations * countries


def test_stamps_reach_the_disk_through_chunked_imports_and_background_checkpoints(
    tmp_path: Path,
) -> None:
    """Every record is stamped before the storage holds it: an import written as several
    journal chunks, and captures that start background checkpoints, all reach the snapshot
    with their creation stamps, in the order they were written, and merge as they are."""
    path = tmp_path / "room.json"
    rows = _big_csv(tmp_path / "big.csv", 4, 160)
    with Workshop.open(path, device="room") as workshop:
        import_sources(workshop, [tmp_path / "big.csv"])
        assert journal_path(path).read_text().count('"more":1') >= 1  # one import, chunked
    with Workshop.open(path, device="room", checkpoint_bytes=1_500) as workshop:
        first = workshop.presentations()[0].uid
        for name in ("Norway", "Fiji", "Nepal", "Peru", "Chile", "Ghana"):
            workshop.record_interest(workshop.add_presentation(name, "KAZ").uid, name)
            workshop.ledger.storage.wait()  # each one's background checkpoint, done
        workshop.withdraw_interest(workshop.interests(first)[0].uid)
    snapshot = read_snapshot(path)
    assert not journal_path(path).exists() or not journal_path(path).stat().st_size
    records = [d for table in ("presentations", "interests") for d in snapshot[table].values()]
    assert len(records) == 4 + 6 + rows + 6
    stamps = [d["hlc"] for d in records]
    assert all(is_stamp(s) and stamp_device(s) == "room" for s in stamps)
    interests = [d["hlc"] for d in snapshot["interests"].values()]
    assert interests == sorted(set(interests))  # one clock: distinct and in capture order
    withdrawn = [d for d in snapshot["interests"].values() if d["deleted"]]
    assert [sorted(d["clock"]) for d in withdrawn] == [["deleted"]]
    copy = tmp_path / "chat.json"
    copy.write_bytes(path.read_bytes())
    with Workshop.open(path, device="room") as workshop:
        report = merge_files(workshop, [copy])
        assert report.conflicts == () and workshop.totals().interests == rows + 6 - 1


def test_custom_countries_follow_the_names_rules_on_every_laptop(
    two_laptops: TwoLaptops,
) -> None:
    """A blank or a name that means two countries is never a custom country, here or in a view
    with a peer; a custom country only a peer made is captured by its name and brings its
    record into this laptop's file."""
    with Workshop.open(two_laptops.chat, device="chat") as workshop:
        workshop.add_custom_country("Atlantis")
    with open_combined(two_laptops.room, [two_laptops.chat]) as view:
        for name in ("Korea", "N/A", "-"):
            with pytest.raises(InvalidValue):
                view.add_custom_country(name)
        [atlantis] = view.record_interests(view.presentations()[0].uid, "atlantis").recorded
        assert atlantis.country.name == "Atlantis" and atlantis.country.custom
    with Workshop.open(two_laptops.room, readonly=True) as room:
        assert room.check() == []
        assert "Atlantis" in {c.name for c in room.custom_countries()}
    with Workshop.open(two_laptops.room, device="room") as workshop:
        merge_files(workshop, [two_laptops.chat])
        names = sorted(c.name for c in workshop.custom_countries())
        assert names == ["Atlantis", "Carpathian Ukraine"]
        assert workshop.check() == []
    assert not any(
        "korea" in json.dumps(d).lower() for d in read_snapshot(two_laptops.room).values()
    )

"""Merging laptops' files: the seed split across the room and the chat comes back whole, the
report says what happened, and the merge lands whole or not at all."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from matchdesk.store.errors import CorruptWorkshop, InvalidValue
from matchdesk.store.merge.conflicts import conflicts, pick
from matchdesk.store.merge.join import read_state
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.workshop import Workshop
from tests.store.conftest import TwoLaptops, pairs_of


@pytest.mark.parametrize("into", ["room", "chat"])
def test_the_split_seed_merges_to_the_39_interests_in_either_order(
    two_laptops: TwoLaptops, into: str
) -> None:
    target, other = (
        (two_laptops.room, two_laptops.chat)
        if into == "room"
        else (two_laptops.chat, two_laptops.room)
    )
    with Workshop.open(target, device=into) as workshop:
        report = merge_files(workshop, [other])
        assert pairs_of(workshop) == two_laptops.expected
        totals = workshop.totals()
    assert (totals.presentations, totals.interests, totals.interested_countries) == (10, 39, 9)
    assert totals.countries_involved == 13
    # One Carpathian Ukraine from both laptops, named as the room (first to add it) wrote it.
    assert [c.name for c in workshop.custom_countries()] == ["Carpathian Ukraine"]
    # The overlap: a third of the table was captured on both laptops, counted once.
    assert len(report.duplicates) == 12
    assert all(d.captured_on == ("room", "chat") for d in report.duplicates)
    [kept] = report.kept
    assert (kept.presentation, kept.withdrawn_on, kept.captured_on) == (
        two_laptops.kept[0][0],
        ("room",),
        ("chat",),
    )
    assert report.totals.interests == 39
    if into == "room":  # the chat withdrew the slip the room still held
        [withdrawn] = report.withdrawals
        assert (withdrawn.country, withdrawn.withdrawn_on) == ("Norway", ("chat",))
    # The same file read again from disk agrees (the merge was written, not only shown).
    with Workshop.open(target, readonly=True) as reader:
        assert pairs_of(reader) == two_laptops.expected
        assert reader.check() == []


def test_merging_again_writes_nothing(two_laptops: TwoLaptops) -> None:
    with Workshop.open(two_laptops.room) as workshop:
        merge_files(workshop, [two_laptops.chat])
    before = read_state(two_laptops.room)
    with Workshop.open(two_laptops.room) as workshop:
        again = merge_files(workshop, [two_laptops.chat])
    assert again.written == 0 and again.added == () and again.duplicates == ()
    assert read_state(two_laptops.room) == before


def test_a_merged_file_merges_back_into_the_other_laptop_to_the_same_records(
    two_laptops: TwoLaptops,
) -> None:
    with Workshop.open(two_laptops.room, device="room") as workshop:
        merge_files(workshop, [two_laptops.chat])
    with Workshop.open(two_laptops.chat, device="chat") as workshop:
        merge_files(workshop, [two_laptops.room])
    assert read_state(two_laptops.room) == read_state(two_laptops.chat)


def test_a_file_of_another_workshop_is_refused_naming_both_titles(
    two_laptops: TwoLaptops, tmp_path: Path
) -> None:
    stranger = tmp_path / "other.json"
    with Workshop.open(stranger) as workshop:
        workshop.set_info(title="Bangkok 2023")
        workshop.add_presentation("Rapid Digitization", "Bangladesh")
    before = two_laptops.room.read_bytes()
    with Workshop.open(two_laptops.room) as workshop, pytest.raises(InvalidValue) as refused:
        merge_files(workshop, [stranger])
    assert "Bangkok 2023" in str(refused.value) and "Astana 2021" in str(refused.value)
    assert two_laptops.room.read_bytes() == before
    with Workshop.open(two_laptops.room) as workshop:
        report = merge_files(workshop, [stranger], force=True)
        # Forced: one workshop record, the stranger's title kept as a conflict to pick.
        assert workshop.info().title in ("Astana 2021", "Bangkok 2023")
        assert any(c.field == "title" for c in report.conflicts)
        # The presentation both registered (same title and presenting country) is one.
        titles = [p.title for p in workshop.presentations()]
        assert titles.count("Rapid Digitization") == 1


def test_nothing_is_written_when_one_of_the_files_is_damaged(
    two_laptops: TwoLaptops, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(two_laptops.chat.read_bytes()[:500])  # half a copy
    before = two_laptops.room.read_bytes()
    with Workshop.open(two_laptops.room) as workshop, pytest.raises(CorruptWorkshop):
        merge_files(workshop, [two_laptops.chat, broken])
    assert two_laptops.room.read_bytes() == before
    assert not two_laptops.room.with_name("room.json.journal").read_bytes()


def test_presentations_registered_on_two_laptops_become_one(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    with Workshop.open(a, device="a") as workshop:
        workshop.set_info(title="Late agenda")
    shutil.copy(a, b)
    for path, device, country in ((a, "a", "kaz"), (b, "b", "tha")):
        with Workshop.open(path, device=device) as workshop:
            late = workshop.add_presentation(
                " project  RANGEET" if device == "b" else "Project Rangeet", "India"
            )
            workshop.record_interests(late.uid, f"{country}, phl")
    with Workshop.open(a, device="a") as workshop:
        report = merge_files(workshop, [b])
        [presentation] = workshop.presentations()
        assert workshop.interest_count(presentation.uid) == 3  # KAZ, PHL (both), THA
        assert report.presentations_collapsed == (presentation.title,)
        assert workshop.totals().interests == 3
        # Editing or removing it acts on the presentation, whichever laptop's record shows.
        workshop.update_presentation(presentation.uid, theme="health")
        assert workshop.presentations()[0].theme == "health"
        workshop.remove_presentation(presentation.uid)
        assert workshop.presentations() == () and workshop.totals().interests == 0
        workshop.undo()
        assert workshop.totals().interests == 3


def test_a_conflict_is_listed_with_both_values_and_a_pick_settles_it_everywhere(
    two_laptops: TwoLaptops,
) -> None:
    for path, device, theme in (
        (two_laptops.room, "room", "governance"),
        (two_laptops.chat, "chat", "digital government"),
    ):
        with Workshop.open(path, device=device) as workshop:
            workshop.update_presentation(workshop.presentations()[3].uid, theme=theme)
    with Workshop.open(two_laptops.room, device="room") as workshop:
        merge_files(workshop, [two_laptops.chat])
        [conflict] = conflicts(workshop)
        assert conflict.field == "theme"
        assert {(c.text, c.device) for c in conflict.candidates} == {
            ("governance", "room"),
            ("digital government", "chat"),
        }
        shown = next(c for c in conflict.candidates if c.shown)
        assert workshop.presentations()[3].theme == shown.text
        older = next(c for c in conflict.candidates if not c.shown)
        pick(workshop, conflict, older)
        assert conflicts(workshop) == ()
        assert workshop.presentations()[3].theme == older.text
    # The pick is a write like any other: merged into the chat laptop, it settles it there.
    with Workshop.open(two_laptops.chat, device="chat") as workshop:
        merge_files(workshop, [two_laptops.room])
        assert conflicts(workshop) == ()
        assert workshop.presentations()[3].theme == older.text


def test_sequential_edits_are_not_conflicts_even_with_a_wrong_clock(
    two_laptops: TwoLaptops,
) -> None:
    """The chat laptop's clock is a year behind; its edit, made after it saw the room's, still
    wins: the hybrid logical clock orders it after what it had seen."""
    from matchdesk.store.clock import Clock

    with Workshop.open(two_laptops.room, device="room") as workshop:
        workshop.set_info(venue="Astana Civil Service Hub")
    with Workshop.open(two_laptops.chat, device="chat") as workshop:
        merge_files(workshop, [two_laptops.room])
        workshop.ledger.clock = Clock("chat", now=lambda: "2020-01-01T00:00:00.000Z")
        workshop.set_info(venue="Nur-Sultan")
    with Workshop.open(two_laptops.room, device="room") as workshop:
        merge_files(workshop, [two_laptops.chat])
        assert workshop.info().venue == "Nur-Sultan"
        assert conflicts(workshop) == ()


def test_files_written_before_stamps_merge_identically_everywhere(tmp_path: Path) -> None:
    """A version-2 file has no stamps: every laptop derives the same ones, so two untouched
    copies are equal, and edits made later on each still merge without spurious conflicts."""
    old = Path(__file__).parents[2] / "fixtures" / "workshop_v1.json"
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    shutil.copy(old, a)
    shutil.copy(old, b)
    assert "hlc" not in json.dumps(json.loads(old.read_text()))
    assert read_state(a) == read_state(b)
    with Workshop.open(b, device="b") as workshop:
        workshop.set_info(venue="Almaty")
    with Workshop.open(a, device="a") as workshop:
        report = merge_files(workshop, [b])
        assert workshop.info().venue == "Almaty"
        assert report.conflicts == ()
        assert workshop.totals().interests == 2

"""The Workshop facade: what a facilitator does, and what the records then say."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchdesk.store.errors import (
    DuplicateInterest,
    InvalidValue,
    ReadOnlyWorkshop,
    UnknownCountry,
)
from matchdesk.store.models import Channel, Mode
from matchdesk.store.workshop import Workshop


def test_records_carry_identity(workshop: Workshop) -> None:
    p = workshop.add_presentation("Project Rangeet", "Republic of India", theme="education")
    interest = workshop.record_interest(p.uid, "kaz", Channel.ONLINE, note="via chat")
    raw = workshop.dump()
    [doc] = [d for d in raw["interests"] if d["uid"] == interest.uid]
    assert len(doc["uid"]) == 36 and doc["device"] == "test-device"
    assert doc["created_at"].endswith("Z") and doc["deleted"] is False
    assert doc["channel"] == "online" and doc["note"] == "via chat"


def test_duplicate_is_refused_and_not_counted(workshop: Workshop) -> None:
    p = workshop.add_presentation("Project Rangeet", "India")
    workshop.record_interest(p.uid, "Thailand")
    with pytest.raises(DuplicateInterest, match="Thailand already expressed interest"):
        workshop.record_interest(p.uid, "THA")
    assert workshop.tallies().totals.interests == 1


def test_unknown_country_is_not_guessed(workshop: Workshop) -> None:
    p = workshop.add_presentation("Project Rangeet", "India")
    with pytest.raises(UnknownCountry) as err:
        workshop.record_interest(p.uid, "Kazakstan")
    assert "Kazakhstan" in err.value.suggestions
    with pytest.raises(UnknownCountry):
        workshop.record_interest(p.uid, "Carpathian Ukraine")
    custom = workshop.add_custom_country("Carpathian Ukraine")
    assert custom.custom and custom.code != "UKR"
    assert workshop.record_interest(p.uid, "carpathian ukraine").country == custom


def test_several_at_once(workshop: Workshop) -> None:
    p = workshop.add_presentation("Rapid Digitization", "Bangladesh")
    workshop.record_interest(p.uid, "Russia")
    result = workshop.record_interests(p.uid, "kaz, tha; phl, rus, atlantis, KAZ", Channel.IN_ROOM)
    assert [i.country.code for i in result.recorded] == ["KAZ", "THA", "PHL"]
    assert [c.code for c in result.duplicates] == ["RUS", "KAZ"]
    assert result.unknown == ("atlantis",)
    assert workshop.interest_count(p.uid) == 4
    assert workshop.undo() is not None  # the three go back in one step
    assert workshop.interest_count(p.uid) == 1


def test_undo_redo_and_tombstones(workshop: Workshop) -> None:
    p = workshop.add_presentation("Project Rangeet", "India")
    interest = workshop.record_interest(p.uid, "Fiji")
    assert workshop.undo().label == "record Fiji"
    assert workshop.tallies().totals.interests == 0
    tomb = [d for d in workshop.dump()["interests"] if d["uid"] == interest.uid]
    assert tomb and tomb[0]["deleted"] is True  # kept as a tombstone, not removed
    assert workshop.redo().label == "record Fiji"
    assert workshop.tallies().totals.interests == 1
    workshop.withdraw_interest(interest.uid)
    assert workshop.tallies().totals.interests == 0
    workshop.undo()
    assert workshop.interests(p.uid)[0].uid == interest.uid
    assert workshop.redo() is not None and workshop.redo() is None


def test_new_change_clears_redo(workshop: Workshop) -> None:
    p = workshop.add_presentation("Project Rangeet", "India")
    workshop.record_interest(p.uid, "Fiji")
    workshop.undo()
    workshop.record_interest(p.uid, "Fiji")
    assert workshop.redo() is None
    assert workshop.interest_count(p.uid) == 1


def test_removed_presentation_stops_counting_until_undo(workshop: Workshop) -> None:
    a = workshop.add_presentation("A", "India")
    b = workshop.add_presentation("B", "Nepal")
    workshop.record_interests(a.uid, "kaz, tha")
    workshop.record_interests(b.uid, "fji")
    workshop.remove_presentation(a.uid)
    totals = workshop.tallies().totals
    assert (totals.presentations, totals.interests, totals.countries_involved) == (1, 1, 2)
    workshop.undo()
    assert workshop.tallies().totals.interests == 3


def test_agenda_order_and_move(workshop: Workshop) -> None:
    titles = ["One", "Two", "Three", "Four"]
    uids = [workshop.add_presentation(t, "Fiji").uid for t in titles]
    workshop.move_presentation(uids[3], 0)
    assert [p.title for p in workshop.presentations()] == ["Four", "One", "Two", "Three"]
    workshop.undo()
    assert [p.title for p in workshop.presentations()] == titles


def test_presentation_identity_is_title_and_country(workshop: Workshop) -> None:
    workshop.add_presentation("Project Rangeet", "India")
    with pytest.raises(InvalidValue, match="already presents"):
        workshop.add_presentation("project  rangeet", "IND")
    workshop.add_presentation("Project Rangeet", "Nepal")
    with pytest.raises(InvalidValue, match="cannot be empty"):
        workshop.add_presentation("   ", "India")


def test_edit_presentation(workshop: Workshop) -> None:
    p = workshop.add_presentation("Rangeet", "India")
    edited = workshop.update_presentation(p.uid, title="Project Rangeet", presenter="A. Rao")
    assert (edited.title, edited.presenter, edited.country.code) == (
        "Project Rangeet",
        "A. Rao",
        "IND",
    )
    assert workshop.presentation(p.uid).title == "Project Rangeet"


def test_workshop_details_are_validated(workshop: Workshop) -> None:
    info = workshop.set_info(
        title="Astana",
        date="2021-10-29",
        mode="hybrid",
        attendance_in_room="40",
        organisers="SSN4PSI; UNOSSC",
    )
    assert info.mode is Mode.HYBRID and info.attendance_in_room == 40
    assert info.organisers == ("SSN4PSI", "UNOSSC")
    for bad in ({"attendance_online": -1}, {"date": "29/10/2021"}, {"mode": "zoom"}):
        with pytest.raises(InvalidValue):
            workshop.set_info(**bad)
    assert workshop.info() == info


def test_everything_survives_reopen(workshop_file: Path) -> None:
    with Workshop.open(workshop_file) as workshop:
        p = workshop.add_presentation("Project Rangeet", "India")
        workshop.record_interests(p.uid, "kaz, tha", Channel.ONLINE)
        workshop.set_info(title="Astana")
        expected = workshop.tallies()
    with Workshop.open(workshop_file) as reopened:
        assert reopened.tallies() == expected
        assert reopened.info().title == "Astana"


def test_readonly_workshop_refuses_writes(seeded_file: Path) -> None:
    with Workshop.open(seeded_file, readonly=True) as reader:
        with pytest.raises(ReadOnlyWorkshop):
            reader.add_presentation("New", "Fiji")
        assert reader.tallies().totals.interests == 39


def test_undo_history_is_bounded(workshop: Workshop) -> None:
    workshop.history.limit = 3
    p = workshop.add_presentation("Project Rangeet", "India")
    for code in ["KAZ", "THA", "PHL", "FJI", "NPL"]:
        workshop.record_interest(p.uid, code)
    undone = [c.label if (c := workshop.undo()) else None for _ in range(4)]
    assert undone == ["record Nepal", "record Fiji", "record Philippines", None]
    assert workshop.interest_count(p.uid) == 2

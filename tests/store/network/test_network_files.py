"""Discovery, decisions and regions: what the network reads, skips, and records."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest

from matchdesk.store import left_to_exit
from matchdesk.store.errors import CorruptWorkshop, InvalidValue, NotFound
from matchdesk.store.network.decisions import decide, set_region
from matchdesk.store.network.records import NETWORK_FILE, NetworkFile, read_records
from matchdesk.store.network.rollup import Filters, build, recount
from matchdesk.store.workshop import Ledger, Workshop, now_iso


def _next_millisecond() -> None:
    """Decisions are ordered by their millisecond stamps: let one pass between two."""
    start = now_iso()
    while now_iso() == start:
        pass


def test_other_files_are_skipped_quietly_and_damaged_ones_reported(network: Path) -> None:
    (network / "notes.json").write_text('{"agenda": ["not", "a", "workshop"]}', encoding="utf-8")
    (network / "empty-dict.json").write_text("{}", encoding="utf-8")
    with Workshop.open(network / "astana-2021.json", readonly=True) as workshop:
        (network / "astana.export.json").write_text(json.dumps(workshop.dump()), "utf-8")
    broken = network / "sub" / "broken.json"
    broken.parent.mkdir()
    shutil.copy(network / "generated-2022.json", broken)
    broken.write_bytes(broken.read_bytes()[:200])  # torn by a bad copy
    broken.with_name("broken.json.journal").write_bytes(b"")
    view, loaded = build([network])
    assert len(loaded.workshops) == 3  # no journal, backup, lock or export counted
    notes = {note.path.name: note for note in view.notes}
    assert set(notes) == {"notes.json", "empty-dict.json", "astana.export.json", "broken.json"}
    assert notes["broken.json"].damaged and "invalid JSON" in notes["broken.json"].reason
    assert not notes["notes.json"].damaged and notes["notes.json"].reason == "not a workshop file"


def test_a_copy_of_a_workshop_counts_once(network: Path) -> None:
    copy = network / "copy" / "astana-on-another-laptop.json"
    copy.parent.mkdir()
    shutil.copy(network / "astana-2021.json", copy)
    view, _ = build([network])
    assert view.totals.workshops == 3 and view.totals.possibilities == 75
    assert any("the same workshop as" in note.reason for note in view.notes)


def test_links_are_checked_before_they_are_recorded(network: Path) -> None:
    view, _ = build([network])
    astana = [ref for ref in view.refs if ref.workshop == 0]
    other = next(ref for ref in view.refs if ref.workshop == 1 and ref.country != "GEO")
    with pytest.raises(InvalidValue, match="same workshop"):
        decide(view, network, astana[0].uid, astana[1].uid, same=True)
    with pytest.raises(InvalidValue, match="different countries"):
        decide(view, network, astana[0].uid, other.uid, same=True)
    with pytest.raises(NotFound):
        decide(view, network, "ffffffff", astana[0].uid, same=True)
    with pytest.raises(InvalidValue, match="too short"):
        decide(view, network, "ab", astana[0].uid, same=True)
    assert not (network / NETWORK_FILE).exists()  # nothing refused reaches the disk


def test_a_rejected_match_is_not_suggested_again(network: Path) -> None:
    view, loaded = build([network])
    [match] = view.suggestions
    decide(view, network, match.earlier.uid, match.later.uid, same=False)
    fresh = recount(loaded)
    assert fresh.suggestions == () and fresh.repeated == ()
    assert fresh.totals.practices == view.totals.practices


def test_decisions_merge_across_network_files_latest_wins(network: Path) -> None:
    view, _ = build([network])
    [match] = view.suggestions
    pair = (match.earlier.uid, match.later.uid)
    laptop = network / "from-another-laptop"
    laptop.mkdir()
    with NetworkFile(laptop, device="laptop-b") as other:
        other.decide(*pair, "different", {})
    _next_millisecond()
    with NetworkFile(network, device="laptop-a") as mine:
        mine.decide(*pair, "same", {})  # later: wins
    records, problems = read_records([laptop / NETWORK_FILE, network / NETWORK_FILE])
    assert not problems
    assert records.decision(*pair) == "same"
    view, _ = build([network])
    assert len(view.repeated) == 1
    _next_millisecond()
    with NetworkFile(laptop, device="laptop-b") as other:
        other.decide(*pair, "different", {})  # now the latest
    view, _ = build([network])
    assert view.repeated == () and view.suggestions == ()


def test_a_custom_country_is_unassigned_until_a_person_places_it(network: Path) -> None:
    view, loaded = build([network])
    carpathian = next(r for r in view.countries if r.country.name == "Carpathian Ukraine")
    assert carpathian.place.region == "unassigned"
    with pytest.raises(InvalidValue, match="ISO country"):
        set_region(view, network, "Kazakhstan", "Eastern Europe")
    with pytest.raises(InvalidValue, match="not a UN M49 sub-region"):
        set_region(view, network, "Carpathian Ukraine", "Transcarpathia")
    said = set_region(view, network, "carpathian ukraine", "eastern europe")
    assert "Eastern Europe (Europe)" in said
    fresh = recount(loaded)
    carpathian = next(r for r in fresh.countries if r.country.name == "Carpathian Ukraine")
    assert (carpathian.place.region, carpathian.place.sub_region) == ("Europe", "Eastern Europe")
    assert "unassigned" not in fresh.regions.labels
    assert fresh.regions.total == fresh.totals.possibilities


def test_a_damaged_network_file_loses_its_decisions_not_the_view(network: Path) -> None:
    (network / NETWORK_FILE).write_text("{not json", encoding="utf-8")
    view, _ = build([network])
    assert view.totals.workshops == 3
    assert any(n.damaged and n.path.name == NETWORK_FILE for n in view.notes)
    with pytest.raises(CorruptWorkshop, match="not a readable matchdesk network file"):
        NetworkFile(network)  # never written over


def test_year_filter_counts_only_that_year(network: Path) -> None:
    view, _ = build([network], Filters(years=(2021,)))
    assert view.totals.workshops == 1 and view.totals.possibilities == 39
    assert view.left_out == 2 and view.suggestions == ()


def test_suggestions_need_one_country_and_a_close_title() -> None:
    from matchdesk.store.network.practices import Groups, PracticeRef, suggest
    from matchdesk.store.network.records import NO_RECORDS

    refs = [
        PracticeRef("a1", 0, "Digital Public Services, phase 2", "KAZ"),
        PracticeRef("b1", 1, "Digital public services — phase 3", "KAZ"),  # another phase
        PracticeRef("a2", 0, "One-Stop Shops", "KAZ"),
        PracticeRef("b2", 1, "One-stop shops!", "KAZ"),  # equal once normalised
        PracticeRef("b3", 1, "One-Stop Shops", "GEO"),  # another country's
        PracticeRef("a4", 0, "Youth Innovation Labs", "BRA"),
        PracticeRef("b4", 1, "Youth innovation labs in five states", "BRA"),  # a subtitle
    ]
    found = suggest(refs, Groups(refs, NO_RECORDS), NO_RECORDS)
    assert [(s.earlier.uid, s.later.uid, s.same_title) for s in found] == [
        ("a2", "b2", True),
        ("a4", "b4", False),
    ]


def test_an_equal_title_is_matched_with_its_latest_showing() -> None:
    """Another numbered plan in between never stands in the way of the latest equal title."""
    from matchdesk.store.network.practices import Groups, PracticeRef, suggest
    from matchdesk.store.network.records import NO_RECORDS

    refs = [
        PracticeRef("a", 0, "Water Safety Plan 2", "KEN"),
        PracticeRef("b", 1, "Water safety plan 2", "KEN"),
        PracticeRef("c", 1, "Water Safety Plan 3", "KEN"),  # another plan
        PracticeRef("d", 2, "Water Safety Plan 2", "KEN"),
    ]
    found = suggest(refs, Groups(refs, NO_RECORDS), NO_RECORDS)
    assert [(s.earlier.uid, s.later.uid, s.score) for s in found] == [
        ("a", "b", 100),
        ("b", "d", 100),
    ]


def test_text_output_never_carries_control_characters() -> None:
    from matchdesk.store.exchange.document import Document, Paragraph
    from matchdesk.store.exchange.export.text import render_text

    shown = render_text(Document("Title\x1b[2J", "en", (Paragraph("bell\x07 and \x9b"),)))
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "bell" in shown and shown.count("\n") >= 3


def test_each_workshop_is_freed_once_counted(network: Path) -> None:
    """As ``matchdesk network`` runs (its records left to the process's end), the workshops
    it counted are not held: 50 workshops of 2,000 interests took 130 MB, and as many times a
    workshop's size as there are workshops in the folder."""
    with left_to_exit():
        view, loaded = build([network])
    gc.collect()
    held = [o for o in gc.get_objects() if isinstance(o, Ledger) and o.path.parent == network]
    assert len(loaded.workshops) == 3 and view.totals.possibilities == 75
    assert held == []

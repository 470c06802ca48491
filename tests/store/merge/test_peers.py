"""Following peers: the combined view shows both laptops, writes only this laptop's file, and
keeps going through every way a sync tool or a USB copy changes the peer's file."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from matchdesk.store.errors import CorruptWorkshop
from matchdesk.store.merge.combined import CombinedWorkshop, open_combined
from matchdesk.store.merge.join import read_state
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop
from tests.store.conftest import TwoLaptops, pairs_of


def _follow(workshop: CombinedWorkshop) -> bool:
    """One poll, as the app does it: True when a peer's change reached the view."""
    changed = False
    for peer in workshop.peers:
        if peer.changed():
            changed |= workshop.absorb(peer, peer.read(workshop.workshop_uid)) is not None
    return changed


def _capture_on(path: Path, device: str, country: str, index: int = 0) -> None:
    with Workshop.open(path, device=device) as workshop:
        workshop.record_interests(workshop.presentations()[index].uid, country, Channel.ONLINE)


def test_the_combined_view_counts_both_laptops_and_writes_only_this_one(
    two_laptops: TwoLaptops,
) -> None:
    chat_before = two_laptops.chat.read_bytes()
    with open_combined(two_laptops.room, [two_laptops.chat]) as workshop:
        assert pairs_of(workshop) == two_laptops.expected
        assert workshop.totals().interests == 39
        assert workshop.totals().interested_countries == 9
        # Provenance: the overlap shows both laptops.
        assert sorted({i.captured_on for i in workshop.interests()}) == [
            ("chat",),
            ("room",),
            ("room", "chat"),
        ]
        # Captured on the chat laptop: already counted here.
        chat_only = next(i for i in workshop.interests() if i.captured_on == ("chat",))
        result = workshop.record_interests(chat_only.presentation_uid, [chat_only.country])
        assert result.duplicates == (chat_only.country,)
        new = workshop.record_interests(workshop.presentations()[0].uid, "Nepal")
        assert [i.captured_on for i in new.recorded] == [("test-device",)]
        assert workshop.totals().interests == 40
        # Withdrawing an interest only the chat captured: this laptop had seen it, so the
        # withdrawal covers it when the files merge.
        workshop.withdraw_interest(chat_only.uid)
        assert workshop.totals().interests == 39
    assert two_laptops.chat.read_bytes() == chat_before
    with Workshop.open(two_laptops.room, readonly=True) as room:
        assert "NPL" in {i.country.code for i in room.interests(room.presentations()[0].uid)}
        assert room.ledger.record("interests", chat_only.uid)["deleted"] is True
    with Workshop.open(two_laptops.chat) as chat:
        merge_files(chat, [two_laptops.room])
        assert chat.totals().interests == 39
        assert not chat.has_interest(chat_only.presentation_uid, chat_only.country)


def test_undo_in_the_combined_view_undoes_this_laptops_write(two_laptops: TwoLaptops) -> None:
    with open_combined(two_laptops.room, [two_laptops.chat]) as workshop:
        first = workshop.presentations()[0].uid
        workshop.record_interests(first, "Nepal")
        workshop.undo()
        assert workshop.totals().interests == 39
    with Workshop.open(two_laptops.room, readonly=True) as room:
        assert "NPL" not in {i.country.code for i in room.interests(first)}


def _replace_by_rename(source: Path, target: Path) -> None:
    """How Syncthing (and a careful copy) lands a file: a temp file, then a rename."""
    temp = target.with_name(f".syncthing.{target.name}.tmp")
    shutil.copyfile(source, temp)
    os.replace(temp, target)


def test_a_peer_replaced_by_rename_or_rewritten_in_place_is_followed(
    two_laptops: TwoLaptops, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    chat_copy = elsewhere / "chat.json"
    shutil.copy(two_laptops.chat, chat_copy)
    with open_combined(two_laptops.room, [two_laptops.chat]) as workshop:
        assert not _follow(workshop)
        _capture_on(chat_copy, "chat", "Nepal")
        _replace_by_rename(chat_copy, two_laptops.chat)
        assert _follow(workshop)
        assert workshop.totals().interests == 40

        # A USB copy rewrites in place: caught half-written, the view keeps its last good
        # records, says why, and capture goes on; once whole, it is read.
        _capture_on(chat_copy, "chat", "Fiji", index=1)
        whole = chat_copy.read_bytes()
        room_before = read_state(two_laptops.room)
        with two_laptops.chat.open("r+b") as handle:
            handle.write(whole[: len(whole) // 2])
            handle.truncate()
        assert not _follow(workshop)
        [problem] = workshop.problems()
        assert "chat.json" in problem
        assert workshop.totals().interests == 40
        workshop.record_interests(workshop.presentations()[2].uid, "Norway")
        assert workshop.totals().interests == 41
        assert read_state(two_laptops.room) != room_before  # only by this laptop's capture
        with two_laptops.chat.open("r+b") as handle:
            handle.write(whole)
            handle.truncate()
        assert _follow(workshop)
        assert workshop.problems() == []
        assert workshop.totals().interests == 42


def test_a_sync_conflict_copy_is_joined_in(two_laptops: TwoLaptops, tmp_path: Path) -> None:
    conflict = two_laptops.chat.with_name("chat.sync-conflict-20211029-103000-ABCDEFG.json")
    shutil.copy(two_laptops.chat, conflict)
    _capture_on(conflict, "chat", "Nepal")
    with open_combined(two_laptops.room, [two_laptops.chat]) as workshop:
        assert workshop.totals().interests == 40
        conflict.with_name("chat.sync-conflict-20211029-110000-ABCDEFG.json").write_text("{")
        assert not _follow(workshop)  # a broken copy is skipped; the file itself is sound
        assert workshop.problems() == []


@pytest.mark.parametrize("damage", ["missing", "garbage", "empty", "foreign", "odd records"])
def test_a_bad_peer_is_a_warning_and_never_touches_this_file(
    two_laptops: TwoLaptops, tmp_path: Path, damage: str
) -> None:
    peer = tmp_path / "peer.json"
    if damage == "garbage":
        peer.write_bytes(b'{"meta": {"1": {"uid": ')
    elif damage == "empty":
        peer.write_bytes(b"")
    elif damage == "foreign":
        with Workshop.open(peer) as other:
            other.set_info(title="Bangkok 2023")
            other.add_presentation("Rapid Digitization", "Bangladesh")
    elif damage == "odd records":  # valid JSON, a workshop, but records the store can't use
        data = json.loads(two_laptops.chat.read_text(encoding="utf-8"))
        first = next(iter(data["interests"].values()))
        del first["country"]
        first["clock"] = {"note": [{"v": "x", "at": 7}]}
        peer.write_text(json.dumps(data), encoding="utf-8")
        with Workshop.open(two_laptops.room) as room, pytest.raises(CorruptWorkshop):
            merge_files(room, [peer])
    with open_combined(two_laptops.room, [peer]) as workshop:
        [problem] = workshop.problems()
        assert "peer.json" in problem
        if damage == "foreign":
            assert "another workshop" in problem
        assert workshop.totals().interests == 26  # the room's own, as without the peer
        workshop.record_interests(workshop.presentations()[0].uid, "Nepal")
    with Workshop.open(two_laptops.room, readonly=True) as room:
        assert room.totals().interests == 27
        assert room.check() == []


def test_the_merging_page_recipe_holds_the_stignore_the_e2e_test_uses() -> None:
    from matchdesk.store.merge.peers import STIGNORE

    page = (Path(__file__).resolve().parents[3] / "docs" / "merging.md").read_text("utf-8")
    for line in STIGNORE.splitlines():
        assert f"  {line}\n" in page, line


def test_merging_while_following_writes_the_peer_into_this_file(two_laptops: TwoLaptops) -> None:
    """The view already shows the chat's captures; merging its file (f7) must still put them
    in this laptop's file, which is what the merge is for."""
    with open_combined(two_laptops.room, [two_laptops.chat]) as workshop:
        report = merge_files(workshop, [two_laptops.chat])
        assert report.totals.interests == 39 and report.interests_before == 26
        assert workshop.totals().interests == 39
    with Workshop.open(two_laptops.room, readonly=True) as room:
        assert pairs_of(room) == two_laptops.expected

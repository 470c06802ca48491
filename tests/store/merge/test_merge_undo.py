"""Undoing a merge puts this laptop's file back as it was before it and writes nothing in
anybody's name: the records that came in are taken out again (they live on in the peer's
file), so merging again brings them back, and merging the other way withdraws nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from matchdesk.store.merge.combined import open_combined
from matchdesk.store.merge.join import read_state
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.workshop import Workshop
from tests.store.conftest import TwoLaptops, pairs_of


def test_undo_of_a_merge_takes_the_colleagues_captures_out_without_withdrawing_them(
    two_laptops: TwoLaptops, tmp_path: Path
) -> None:
    room, chat = two_laptops.room, two_laptops.chat
    before, chat_before = read_state(room), read_state(chat)
    once = tmp_path / "once.json"
    shutil.copy(room, once)
    with Workshop.open(once, device="room") as workshop:
        merge_files(workshop, [chat])
        merged = pairs_of(workshop)
    with Workshop.open(room, device="room") as workshop:
        merge_files(workshop, [chat])
        undone = workshop.undo()
        assert undone is not None and undone.label == "merge chat.json"
        assert workshop.totals().interests == len(pairs_of(workshop)) < len(merged)
    assert read_state(room) == before  # nothing stamped, nothing left behind
    with Workshop.open(room, device="room") as workshop:
        merge_files(workshop, [chat])
        assert pairs_of(workshop) == merged
    assert read_state(room) == read_state(once)  # merge, undo, merge = merge
    with Workshop.open(chat, device="chat") as workshop:
        merge_files(workshop, [room])
        assert pairs_of(workshop) == merged  # nothing of chat's own withdrawn
    assert chat_before != read_state(chat)


def test_redo_of_an_undone_merge_brings_the_same_records_back(two_laptops: TwoLaptops) -> None:
    with Workshop.open(two_laptops.room, device="room") as workshop:
        merge_files(workshop, [two_laptops.chat])
        merged = read_state(two_laptops.room)
        workshop.undo()
        assert workshop.redo() is not None
        assert pairs_of(workshop) == two_laptops.expected - {two_laptops.slip}
    assert read_state(two_laptops.room) == merged


def test_undo_of_a_merge_while_following_puts_the_file_back_and_still_shows_the_peer(
    two_laptops: TwoLaptops,
) -> None:
    """``open --with`` then f7: undo puts the file back; the view still shows the peer's
    captures, which it follows (they live in the peer's file)."""
    before = read_state(two_laptops.room)
    with open_combined(two_laptops.room, [two_laptops.chat]) as view:
        shown = pairs_of(view)
        merge_files(view, [two_laptops.chat])
        assert read_state(two_laptops.room) != before
        assert view.undo() is not None
        assert read_state(two_laptops.room) == before
        assert pairs_of(view) == shown and view.totals().interests == len(shown)
        view.redo()
        assert pairs_of(view) == shown
    with Workshop.open(two_laptops.room, readonly=True) as workshop:
        assert pairs_of(workshop) == shown

"""Two facilitators in the app: following a peer live, the merge dialog, the conflicts view."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from matchdesk.store.merge.join import State, read_state
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.merge import MergeDialog
from matchdesk.tui.screens.conflicts import ConflictsScreen
from matchdesk.tui.widgets.tallies_panel import TalliesPanel
from tests.store.conftest import TwoLaptops, split_seed

from .conftest import SIZE, capture, said, text_of, type_text, wait_for


def _total(app) -> str:  # type: ignore[no-untyped-def]
    panel = capture(app).query_one("#tallies", TalliesPanel)
    return text_of(panel).split(" possibilities", 1)[0].strip()


def _records(path: Path) -> State:
    """The file's records but for the highlight the app saves for the board (its own field,
    with the stamps of that write, and the session's timeline the chat reads)."""
    state = read_state(path)
    state.pop("timeline", None)
    for meta in state["meta"].values():
        for field in ("current_presentation", "updated_at", "device"):
            meta.pop(field, None)
    return state


def _row_texts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]


async def test_following_a_peer_shows_the_combined_tally_and_its_changes(
    tmp_path: Path,
) -> None:
    laptops = split_seed(tmp_path)
    chat_before = laptops.chat.read_bytes()
    app = make_app(laptops.room, peers=[laptops.chat])
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await wait_for(pilot, lambda: _total(app) == "39")
        # Provenance in the interest list: the first presentation's second interest was
        # captured on both laptops, then withdrawn on the room's (which had not seen the
        # chat's capture); the second presentation has one captured on both.
        assert [r[-1] for r in _row_texts(screen.interest_table)] == ["room", "chat", "chat"]
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.current_uid == app.session.presentations[1].uid)
        rows = _row_texts(screen.interest_table)
        assert any(row[-1] == "room + chat" for row in rows), rows
        await pilot.press("up")
        # A capture here goes to this laptop's file only.
        await type_text(pilot, "Nepal")
        await pilot.press("enter")
        await wait_for(pilot, lambda: _total(app) == "40")
        assert laptops.chat.read_bytes() == chat_before
        # The chat laptop captures (its own process would; a sync tool brings the file):
        # the room's screen shows it unasked (how soon: tests/benchmarks/follower_bench.py).
        with Workshop.open(laptops.chat, device="chat") as chat:
            chat.record_interests(chat.presentations()[4].uid, "Fiji", Channel.ONLINE)
        await wait_for(pilot, lambda: _total(app) == "41")
        # A damaged peer: a quiet warning; capture goes on; this laptop's file is unharmed.
        laptops.chat.write_bytes(b'{"meta": {"1": ')
        await wait_for(pilot, lambda: any("chat.json" in m for m in messages))
        await pilot.press("down")
        await type_text(pilot, "Norway")
        await pilot.press("enter")
        await wait_for(pilot, lambda: _total(app) == "42")
        await pilot.press("ctrl+q")
    with Workshop.open(laptops.room, readonly=True) as room:
        assert room.check() == []
        codes = {i.country.code for i in room.interests()}
        assert {"NPL", "NOR"} <= codes and "FJI" not in codes


async def test_open_with_a_missing_peer_still_opens_and_captures(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    app = make_app(laptops.room, peers=[tmp_path / "not-yet-synced.json"])
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any("not-yet-synced.json" in m for m in messages))
        assert _total(app) == "26"
        await type_text(pilot, "Nepal")
        await pilot.press("enter")
        await wait_for(pilot, lambda: _total(app) == "27")
        # The peer appears later (a sync tool delivers it by rename): followed from then on.
        temp = tmp_path / ".syncthing.not-yet-synced.json.tmp"
        shutil.copy(laptops.chat, temp)
        os.replace(temp, tmp_path / "not-yet-synced.json")
        await wait_for(pilot, lambda: _total(app) == "40")
        await pilot.press("ctrl+q")


async def test_the_merge_dialog_merges_and_shows_the_report(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    before = _records(laptops.room)
    app = make_app(laptops.room)
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        assert "chat.json" in [str(o.prompt) for o in dialog.query_one("#files")._options]
        assert text_of(dialog.query_one("#marked")) == "No file marked."
        await pilot.press("space")  # mark chat.json (the newest file beside room.json)
        # the marks differ only in colour: the line under the list says them in words
        await wait_for(pilot, lambda: text_of(dialog.query_one("#marked")) == "Marked: chat.json.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: dialog.query_one("#report").display)
        report = text_of(dialog.query_one("#report-text"))
        assert "Duplicates collapsed (captured on several laptops, counted once): 12" in report
        assert "Interests kept despite a withdrawal" in report and "withdrawn on room" in report
        assert "now holds 39 interest(s) from 9 countries" in report
        assert "\n" in report and "␊" not in report  # one report line per line
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, MergeDialog))
        assert _total(app) == "39"
        assert any(m.startswith("Merged chat.json") for m in messages)
        await pilot.press("ctrl+z")  # one undo step
        await wait_for(pilot, lambda: _total(app) == "26")
        # Undone means the file as it was: no withdrawal of the chat's captures written.
        assert _records(laptops.room) == before
        await pilot.press("ctrl+q")
    with Workshop.open(laptops.chat, device="chat") as chat:  # the chat merges the room's
        from matchdesk.store.merge.merging import merge_files

        merge_files(chat, [laptops.room])
        assert chat.totals().interests == 39  # nothing of the chat's own withdrawn


async def test_undo_of_a_merge_while_following_puts_the_file_back(tmp_path: Path) -> None:
    """``open room --with chat``, f7 merges chat, ctrl+z: the file is as it was, and the
    screen still counts the chat's captures (it follows the chat's file)."""
    laptops = split_seed(tmp_path)
    before = _records(laptops.room)
    app = make_app(laptops.room, peers=[laptops.chat])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: _total(app) == "39")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: dialog.query_one("#report").display)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, MergeDialog))
        assert _records(laptops.room) != before
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: _records(laptops.room) == before)
        assert _total(app) == "39"
        await pilot.press("ctrl+q")


async def test_a_file_of_another_workshop_is_refused_in_the_dialog(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    stranger = tmp_path / "elsewhere" / "other.json"
    stranger.parent.mkdir()
    with Workshop.open(stranger) as other:
        other.set_info(title="Bangkok 2023")
    before = _records(laptops.room)
    app = make_app(laptops.room)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeDialog))
        dialog = app.screen
        dialog.query_one("#path").focus()
        await pilot.pause()
        await type_text(pilot, str(stranger))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Bangkok 2023" in text_of(dialog.query_one(".dialog-error")))
        assert "Nothing was merged" in text_of(dialog.query_one(".dialog-error"))
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert _records(laptops.room) == before  # its clock too: a highlight is not a detail


async def _conflicting(laptops: TwoLaptops) -> None:
    for path, device, theme in (
        (laptops.room, "room", "governance"),
        (laptops.chat, "chat", "digital government"),
    ):
        with Workshop.open(path, device=device) as workshop:
            workshop.update_presentation(workshop.presentations()[3].uid, theme=theme)


async def test_the_conflicts_view_lists_both_values_and_a_key_keeps_one(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    await _conflicting(laptops)
    app = make_app(laptops.room, peers=[laptops.chat])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        table = app.screen.query_one("#conflicts")
        rows = _row_texts(table)
        assert {(r[2], r[3]) for r in rows} == {
            ("governance", "room"),
            ("digital government", "chat"),
        }
        shown = next(r for r in rows if r[4] == "shown")
        other = next(r for r in rows if r[4] == "")
        await pilot.press("down" if rows[0] == shown else "up")
        await pilot.press("enter")
        await wait_for(pilot, lambda: table.row_count == 0)
        assert "No conflicts" in text_of(app.screen.query_one("#conflicts-title"))
        workshop = app.session.workshop
        await pilot.press("ctrl+z")  # in the view itself: the value shown before is back
        await wait_for(pilot, lambda: workshop.presentations()[3].theme == shown[2])
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: workshop.presentations()[3].theme == other[2])
        assert table.row_count == 0  # an undo is an edit too: it has seen both values
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictsScreen))
        assert app.session.workshop.presentations()[3].theme == other[2]
        await pilot.press("ctrl+q")
    # The pick was written to this laptop's file; merged into the chat's, it settles it there.
    from matchdesk.store.merge.conflicts import conflicts
    from matchdesk.store.merge.merging import merge_files

    with Workshop.open(laptops.chat, device="chat") as chat:
        merge_files(chat, [laptops.room])
        assert conflicts(chat) == ()
        assert chat.presentations()[3].theme == other[2]

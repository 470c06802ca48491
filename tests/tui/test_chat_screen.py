"""The chat review screen, driven by keys: accept, reject, edit, accept the sure ones, undo, and
a chat file that grows while the screen is open; what the screen paints is compared with what
the file holds."""

from __future__ import annotations

import json
from pathlib import Path

from matchdesk.store.chat import ChatDesk, Status, read_chat
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.chat_edit import ProposalDialog
from matchdesk.tui.screens.chat import ChatScreen
from tests.conftest import run_cli
from tests.store.chat.conftest import make_agenda
from tests.tui.conftest import SIZE, answerable, said, stored_interests, type_text, wait_for
from tests.tui.test_hostile_tui import screen_text

CHAT = (
    "10:30:00 From Host to Everyone:\n\t▶ Practice 3 — Fostering e-governance\n"
    "10:31:00 From Ana Cruz (Philippines) to Everyone:\n\tPhilippines interested in #7\n"
    "10:32:00 From Ana Cruz (Philippines) to Host(Direct Message):\n\tsecret-pineapple\n"
    "10:33:00 From Somchai to Everyone:\n\tThailand too [bold]x[/]\n"
    "10:34:00 From Ivan to Everyone:\n\tРоссия: проект 5\n"
)


def statuses(path: Path, chat: Path) -> list[tuple[int, str, str]]:
    with Workshop.open(path, readonly=True) as workshop:
        readings = ChatDesk(workshop).read(read_chat(chat, date="2021-10-29"))
    return [(p.number, p.country.code, p.status.value) for r in readings for p in r.proposals]


def total(path: Path) -> int:
    """Interests as another process reads them (``tally --json`` is checked at the end)."""
    return stored_interests(path)


async def test_review_with_one_key_each(tmp_path: Path) -> None:
    path = make_agenda(tmp_path / "workshop.json")
    chat = tmp_path / "meeting_saved_chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    app = make_app(path)
    app.chat_path = chat
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        await wait_for(pilot, lambda: "Philippines" in screen_text(app))
        painted = screen_text(app)
        assert "secret-pineapple" not in painted
        assert "Thailand too [bold]x[/]" in painted  # hostile text drawn as typed
        assert "announces presentation 3" in painted
        # Row 0 is the announcement (no proposal); row 1 Philippines for #7.
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: total(path) == 1)
        await wait_for(pilot, lambda: "new 2 · already counted 0 · accepted 1" in screen_text(app))
        assert statuses(path, chat)[0] == (7, "PHL", "accepted")
        await pilot.press("n")  # the cursor moved on to Thailand (#3, from the announcement)
        await wait_for(pilot, lambda: statuses(path, chat)[1][2] == "rejected")
        await wait_for(pilot, lambda: "accepted 1 · rejected 1" in screen_text(app))
        await pilot.press("ctrl+z")  # the rejection
        await pilot.press("ctrl+z")  # the acceptance
        await wait_for(pilot, lambda: total(path) == 0)
        await wait_for(pilot, lambda: "new 3 · already counted 0 · accepted 0" in screen_text(app))
        # e: Ivan's proposal moved to presentation 6, then accepted.
        await pilot.press("end")
        await pilot.press("e")
        dialog = await answerable(pilot, ProposalDialog)
        dialog.query_one("#number").value = "6"  # type: ignore[attr-defined]
        dialog.query_one("#country").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: "6. Russian Federation" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: total(path) == 1)
        tally = json.loads(run_cli("tally", path, "--json").stdout)
        sixth = tally["presentations"][5]
        assert [c["code"] for c in sixth["interested"]] == ["RUS"]
        # a: the sure ones (Philippines #7; Ivan's is decided already).
        await pilot.press("a")
        await wait_for(pilot, lambda: total(path) == 2)
        tally = json.loads(run_cli("tally", path, "--json").stdout)
        assert tally["totals"]["by_channel"].get("online") == 2
        # The chat grows while the screen is open: the new message shows within a poll.
        with chat.open("a", encoding="utf-8") as handle:
            handle.write("10:40:00 From Ram to Everyone:\n\tNepal interested in practice 8\n")
        await wait_for(pilot, lambda: "Nepal" in screen_text(app), timeout=10)
        assert statuses(path, chat)[-1] == (8, "NPL", Status.NEW.value)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ChatScreen))
    for stored in tmp_path.iterdir():
        if stored.is_file() and stored != chat:
            assert b"secret-pineapple" not in stored.read_bytes()


async def test_chat_path_typed_in_the_screen(tmp_path: Path) -> None:
    path = make_agenda(tmp_path / "workshop.json")
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    app = make_app(path)
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        await type_text(pilot, str(tmp_path / "missing.txt"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("does not exist" in m for m in messages))
        app.screen.query_one("#chat-path").value = ""  # type: ignore[attr-defined]
        await type_text(pilot, str(chat))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Philippines" in screen_text(app))
        await pilot.press("r")
        await wait_for(pilot, lambda: "Reactions are counted as a +1." in messages)


async def test_new_proposals_announced_on_the_capture_screen(tmp_path: Path) -> None:
    """open --chat: while the facilitator captures, a chat saved again with a new proposal
    says so (f9 reviews it); what was there at the start is not announced."""
    path = make_agenda(tmp_path / "workshop.json")
    chat = tmp_path / "meeting_saved_chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    app = make_app(path)
    app.chat_path = chat
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app, "chat_desk", None) is not None, timeout=15)
        with chat.open("a", encoding="utf-8") as handle:
            handle.write("10:40:00 From Ram to Everyone:\n\tNepal interested in practice 8\n")
        await wait_for(
            pilot, lambda: "1 new proposal(s) in the chat: f9 reviews." in messages, timeout=15
        )
        assert not any("3 new" in m for m in messages)

"""Accepting, rejecting and undoing proposals; importing again; a grown file; two laptops."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from matchdesk.store.chat import ChatDesk, Status, read_chat
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli

CHAT = (
    "10:30:00 From Host to Everyone:\n\t▶ Practice 3 — Fostering e-governance\n"
    "10:31:00 From Ana Cruz (Philippines) to Everyone:\n\tPhilippines interested in #7\n"
    "10:32:00 From Ana Cruz (Philippines) to Host(Direct Message):\n\tsecret-pineapple\n"
    "10:33:00 From Somchai to Everyone:\n\tThailand too\n"
    "10:34:00 From Ivan to Everyone:\n\tРоссия: проект 5\n"
)
GROWN = "10:40:00 From Ram to Everyone:\n\tNepal interested in practice 8\n"


def write_chat(folder: Path, text: str) -> Path:
    path = folder / "meeting_saved_chat.txt"
    path.write_text(text, encoding="utf-8")
    return path


def proposals(workshop: Workshop, chat: Path) -> list:
    desk = ChatDesk(workshop)
    return [p for r in desk.read(read_chat(chat, date="2021-10-29")) for p in r.proposals]


def test_accept_reject_undo_and_import_again(agenda_file: Path) -> None:
    chat = write_chat(agenda_file.parent, CHAT)
    with Workshop.open(agenda_file) as workshop:
        desk = ChatDesk(workshop)
        found = proposals(workshop, chat)
        assert [(p.number, p.country.code, p.sure) for p in found] == [
            (7, "PHL", True),
            (3, "THA", False),
            (5, "RUS", True),
        ]
        desk.accept(found[0])
        interest = workshop.interests(found[0].presentation.uid)[0]
        assert interest.channel == Channel.ONLINE
        assert interest.note == "chat: Philippines interested in #7"
        assert interest.captured_at == found[0].message.time
        desk.reject(found[1])
        assert workshop.totals().interests == 1
        statuses = [p.status for p in proposals(workshop, chat)]
        assert statuses == [Status.ACCEPTED, Status.REJECTED, Status.NEW]
        assert desk.accept(proposals(workshop, chat)[0]) is None  # never counted twice
        workshop.undo()  # the rejection
        workshop.undo()  # the acceptance: interest and decision together
        assert workshop.totals().interests == 0
        assert [p.status for p in proposals(workshop, chat)] == [Status.NEW] * 3
        desk.accept(found[0])
    with Workshop.open(agenda_file) as workshop:  # a rejection and an acceptance are kept
        desk = ChatDesk(workshop)
        desk.reject(proposals(workshop, chat)[1])
    write_chat(agenda_file.parent, CHAT + GROWN)
    with Workshop.open(agenda_file) as workshop:
        again = proposals(workshop, chat)
        assert [p.status for p in again] == [
            Status.ACCEPTED,
            Status.REJECTED,
            Status.NEW,
            Status.NEW,
        ]
        assert again[-1].country.code == "NPL"
        ChatDesk(workshop).accept_sure([r for r in ChatDesk(workshop).read(read_chat(chat))])
        assert workshop.totals().interests == 3  # PHL once, RUS and NPL: the sure ones
    for path in agenda_file.parent.iterdir():  # snapshot, journal, backups: never stored
        if path.is_file() and path != chat:
            assert b"secret-pineapple" not in path.read_bytes(), path


def test_already_counted(agenda_file: Path) -> None:
    chat = write_chat(agenda_file.parent, CHAT)
    with Workshop.open(agenda_file) as workshop:
        workshop.record_interests(workshop.presentations()[6].uid, "Philippines")
        first = proposals(workshop, chat)[0]
        assert first.status == Status.COUNTED
        assert ChatDesk(workshop).accept(first) is None
        assert workshop.totals().interests == 1


def test_same_message_accepted_on_two_laptops_is_one_interest(agenda_file: Path) -> None:
    chat = write_chat(agenda_file.parent, CHAT)
    other = agenda_file.with_name("other.json")
    shutil.copy(agenda_file, other)
    for path, device in ((agenda_file, "podium"), (other, "second")):
        with Workshop.open(path, device=device) as workshop:
            found = proposals(workshop, chat)
            ChatDesk(workshop).accept(found[0])
            if device == "second":
                ChatDesk(workshop).reject(found[1])
    with Workshop.open(agenda_file, device="podium") as workshop:
        merge_files(workshop, [other])
        assert workshop.totals().interests == 1
        assert [p.status for p in proposals(workshop, chat)] == [
            Status.ACCEPTED,
            Status.REJECTED,
            Status.NEW,
        ]
        merge_files(workshop, [other])  # idempotent
        assert workshop.totals().interests == 1


def test_chat_command(agenda_file: Path) -> None:
    chat = write_chat(agenda_file.parent, CHAT)
    listed = run_cli("chat", agenda_file, chat, "--json", "--date", "2021-10-29")
    assert listed.returncode == 0, listed.stderr
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [line["sender"] for line in lines] == [
        "Host",
        "Ana Cruz (Philippines)",
        "Somchai",
        "Ivan",
    ]
    assert "secret-pineapple" not in listed.stdout
    assert lines[1]["proposals"][0] | {"reason": ""} == {
        "presentation": 7,
        "title": "Project Rangeet",
        "country": {"code": "PHL", "name": "Philippines"},
        "reason": "",
        "status": "new",
        "sure": True,
    }
    assert lines[0]["proposals"] == []
    tally = json.loads(run_cli("tally", agenda_file, "--json").stdout)
    assert tally["totals"]["interests"] == 0  # listing writes nothing
    accepted = run_cli("chat", agenda_file, chat, "--accept-sure")
    assert accepted.returncode == 0, accepted.stderr
    assert "Recorded 2 interest(s)" in accepted.stdout
    tally = json.loads(run_cli("tally", agenda_file, "--json").stdout)
    assert tally["totals"]["interests"] == 2
    assert tally["totals"]["by_channel"]["online"] == 2
    again = run_cli("chat", agenda_file, chat, "--accept-sure")
    assert "Recorded 0 interest(s)" in again.stdout
    bad = run_cli("chat", agenda_file, agenda_file)
    assert bad.returncode == 1 and "line 1" in bad.stderr and "Traceback" not in bad.stderr
    assert run_cli("chat", agenda_file).returncode == 2
    missing = run_cli("chat", agenda_file.with_name("nothere.json"), chat)
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    assert run_cli("chat", agenda_file, chat, "--date", "29/10/2021").returncode == 1


def test_ten_thousand_messages(agenda_file: Path) -> None:
    """A very large meeting's day of chat reads whole, and its sure proposals count once each
    (the time it takes: tests/benchmarks/chat_bench.py)."""
    from tests.store.chat.hybrid_session import MESSAGES, long_zoom_text

    chat = write_chat(agenda_file.parent, long_zoom_text(10_000))
    read = read_chat(chat, date="2021-10-29")
    private = sum(1 for n in range(10_000) if MESSAGES[n % len(MESSAGES)][2] != "Everyone")
    assert len(read.messages) == 10_000 - private and read.private_dropped == private
    with Workshop.open(agenda_file) as workshop:
        desk = ChatDesk(workshop)
        readings = desk.read(read)
        sure = {
            (p.presentation.uid, p.country.code) for r in readings for p in r.proposals if p.sure
        }
        desk.accept_sure(readings)
        assert workshop.totals().interests == len(sure)


def test_the_json_archive_keeps_the_chats_decisions(agenda_file: Path) -> None:
    """``export --format json`` is the whole workshop: a chat's decisions (and the timeline)
    come with it, so an archive does not lose what the facilitator accepted or rejected."""
    chat = write_chat(agenda_file.parent, CHAT)
    with Workshop.open(agenda_file) as workshop:
        desk = ChatDesk(workshop)
        found = proposals(workshop, chat)
        desk.accept(found[0])
        desk.reject(found[1])
    result = run_cli("export", str(agenda_file), "--format", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    archive = json.loads(result.stdout)
    assert len(archive["chat"]) == 2
    assert "secret-pineapple" not in result.stdout

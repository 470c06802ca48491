"""The merge report says what happened in a rapporteur's words: an interest withdrawn here and
withdrawn-then-recaptured elsewhere is kept despite a withdrawal (not "added"), a follow-up
changed on two laptops is a conflict, and the sentences read as English."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matchdesk.store.errors import CorruptWorkshop, InvalidValue, StorageWriteFailed
from matchdesk.store.file import storage as storage_module
from matchdesk.store.followup import Followup
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop
from matchdesk.tui.cli import main


def _two(tmp_path: Path, title: str = "Astana 2021") -> tuple[Path, Path]:
    start = tmp_path / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        if title:
            workshop.set_info(title=title)
        p = workshop.add_presentation("ASAN service", "AZE")
        workshop.record_interests(p.uid, "Kazakhstan, Ghana")
    room, chat = tmp_path / "room.json", tmp_path / "chat.json"
    shutil.copy(start, room)
    shutil.copy(start, chat)
    return room, chat


def _withdraw(workshop: Workshop, country: str) -> None:
    [interest] = [i for i in workshop.interests() if i.country.name == country]
    workshop.withdraw_interest(interest.uid)


def test_withdrawn_here_and_recaptured_there_is_kept_despite_a_withdrawal(
    tmp_path: Path,
) -> None:
    room, chat = _two(tmp_path)
    with Workshop.open(room, device="room") as workshop:
        _withdraw(workshop, "Kazakhstan")
    with Workshop.open(chat, device="chat") as workshop:
        _withdraw(workshop, "Kazakhstan")
        workshop.record_interests(workshop.presentations()[0].uid, "Kazakhstan", Channel.ONLINE)
    with Workshop.open(room, device="room") as workshop:
        report = merge_files(workshop, [chat])
    assert report.added == ()
    [kept] = report.kept
    assert kept.country == "Kazakhstan" and kept.captured_on == ("chat",)
    assert "room" in kept.withdrawn_on
    assert "Interests kept despite a withdrawal" in "\n".join(report.lines())
    assert report.totals.interests == 2


def test_a_follow_up_changed_on_two_laptops_is_counted_as_a_conflict(tmp_path: Path) -> None:
    room, chat = _two(tmp_path)
    for path, device, owner in ((room, "room", "Aigerim"), (chat, "chat", "Bolat")):
        with Workshop.open(path, device=device) as workshop:
            desk = Followup(workshop)
            desk.set_owner([desk.possibilities()[0].key], owner)
    with Workshop.open(room, device="room") as workshop:
        report = merge_files(workshop, [chat])
    [line] = report.followup_conflicts
    assert line.startswith("Kazakhstan → “ASAN service”") and "owner" in line
    text = "\n".join(report.lines())
    assert "Field conflicts (the newest is shown; pick one in the app: f8): 1" in text
    assert report.as_json()["followup_conflicts"] == [line]


def test_another_untitled_workshop_is_named_in_plain_words(tmp_path: Path) -> None:
    room, _ = _two(tmp_path, title="")
    stranger = tmp_path / "stranger.json"
    with Workshop.open(stranger) as workshop:
        workshop.add_presentation("Telehealth", "BGD")
    with Workshop.open(room, device="room") as workshop, pytest.raises(InvalidValue) as refused:
        merge_files(workshop, [stranger])
    assert str(refused.value).startswith(
        "stranger.json belongs to another workshop (an untitled one), not to the untitled one "
        "in room.json; nothing was merged."
    )


def test_an_unreadable_record_is_named_in_words(tmp_path: Path) -> None:
    room, chat = _two(tmp_path)
    text = chat.read_text(encoding="utf-8").replace('"country":"KAZ"', '"country":7', 1)
    chat.write_text(text, encoding="utf-8")
    unreadable = pytest.raises(CorruptWorkshop, match="holds an interest record matchdesk cannot")
    with Workshop.open(room, device="room") as workshop, unreadable:
        merge_files(workshop, [chat])


def test_a_merge_that_landed_exits_0_when_only_the_final_fold_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room, chat = _two(tmp_path)
    with Workshop.open(chat, device="chat") as workshop:
        workshop.record_interests(workshop.presentations()[0].uid, "Peru")

    def disk_full(targets: list[Path], chunks: object, mode: int | None = None) -> None:
        raise StorageWriteFailed(f"Could not write {targets[0]}: the disk is full.", errno.ENOSPC)

    monkeypatch.setattr(storage_module, "write_atomically", disk_full)
    done = CliRunner().invoke(main, ["merge", str(room), str(chat)])
    assert done.exit_code == 0, done.output
    assert "The merge itself is saved, in room.json.journal" in done.output
    monkeypatch.undo()
    with Workshop.open(room, readonly=True) as workshop:
        assert {i.country.name for i in workshop.interests()} == {"Kazakhstan", "Ghana", "Peru"}

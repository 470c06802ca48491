"""Faults at the venue, in the running app: refused writes, save elsewhere, quitting, read-only.

Errors are injected at the storage layer (its ``os.write``), as
tests/store/file/test_faults.py does, and once for real on a small tmpfs.
"""

from __future__ import annotations

import errno
import os
import shutil
import types
from pathlib import Path

import pytest

from matchdesk.store.file import atomic as atomic_module
from matchdesk.store.file import journal as journal_module
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import MatchdeskApp, make_app
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.dialogs.save_as import SaveAsDialog
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.launch import farewell
from matchdesk.tui.widgets.save_banner import SaveBanner

from .conftest import SIZE, answerable, capture, said, text_of, type_text, wait_for


class RefusingDisk:
    """While ``on``, the storage layer's writes into ``folder`` (any folder when None) fail
    with ``code``. Only the storage module's ``os`` is swapped, so Textual's own writes and
    other files are untouched."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, code: int, folder: Path | None = None
    ) -> None:
        self.on = False
        self.code = code
        real_write = os.write

        def write(fd: int, data: bytes) -> int:
            if self.on and (folder is None or _folder_of(fd) == folder.resolve()):
                raise OSError(self.code, os.strerror(self.code))
            return real_write(fd, data)

        proxy = types.ModuleType("os")
        proxy.__dict__.update(os.__dict__)
        proxy.write = write  # type: ignore[attr-defined]
        monkeypatch.setattr(journal_module, "os", proxy)  # the journal appends


def _folder_of(fd: int) -> Path:
    return Path(os.readlink(f"/proc/self/fd/{fd}")).parent


def fast(app: MatchdeskApp) -> MatchdeskApp:
    """Retry and follow every 0.1 s so tests wait on conditions, not on the 1-2 s timers."""
    app.retry_every = 0.1
    app.follow_every = 0.1
    return app


def banner(app: MatchdeskApp) -> SaveBanner:
    return capture(app).query_one("#banner", SaveBanner)


def stored_codes(path: Path, presentation_uid: str) -> list[str]:
    with Workshop.open(path, readonly=True) as reader:
        return [i.country.code for i in reader.interests(presentation_uid)]


def said_text(notes: list[str]) -> str:
    return "\n".join(notes)


async def enter(pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")


@pytest.mark.parametrize(
    ("code", "words", "advice"),
    [
        (errno.ENOSPC, "the disk is full", "Free some space"),
        (errno.EROFS, "the disk is read-only", "Make the drive writable again"),
        (errno.EACCES, "permission was denied", "Give back write permission"),
        (errno.EIO, "input/output error", "Put the drive back"),
    ],
)
async def test_refused_capture_is_kept_unsaved_with_a_banner(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str, advice: str
) -> None:
    disk = RefusingDisk(monkeypatch, code)
    app = make_app(demo_file)
    app.retry_every = 3600  # no automatic retry in this test
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        first = app.session.presentations[0].uid
        assert not banner(app).display
        disk.on = True
        await enter(pilot, "fji")
        await wait_for(pilot, lambda: app.session.unsaved == 1)
        shown = text_of(banner(app))
        assert banner(app).display
        assert shown.startswith("1 entry not saved yet — ") and words in shown, shown
        assert advice in shown and "F6 to save to another file" in shown and "F5" in shown
        assert "NOT saved yet: Fiji" in text_of(screen.query_one("#hint"))
        assert "Saved" not in text_of(screen.query_one("#hint"))
        assert app.session.workshop.totals().interests == 39  # no count change
        assert screen.table.get_cell(first, "count").plain == "3"
        assert screen.interest_table.row_count == 4  # 3 saved + 1 marked unsaved
        assert "not saved yet" in str(screen.interest_table.get_row_at(3)[1])
        assert "1 not saved yet" in text_of(screen.query_one("#current"))
        assert screen.country_input.value == ""
    assert stored_codes(demo_file, first)[-1] != "FJI"


async def test_entries_typed_meanwhile_keep_their_order_and_are_written_on_retry(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = RefusingDisk(monkeypatch, errno.ENOSPC)
    app = fast(make_app(demo_file))
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        first, second = (p.uid for p in app.session.presentations[:2])
        before_first = stored_codes(demo_file, first)
        before_second = stored_codes(demo_file, second)
        await enter(pilot, "bhutan")  # written: the disk still accepts
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        disk.on = True
        await enter(pilot, "fji")
        await enter(pilot, "chad, peru, xyzzy")
        await answerable(pilot, UnknownCountryDialog)
        await pilot.press("escape")  # the unknown-country dialog: not now
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.country_input.value == "xyzzy"  # back in the input, to correct
        screen.country_input.value = ""
        await enter(pilot, "fiji")  # already waiting: not queued twice
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.current_uid == second)
        await enter(pilot, "nepal")
        await wait_for(pilot, lambda: app.session.unsaved == 4)
        assert "4 entries not saved yet — the disk is full" in text_of(banner(app))
        assert app.session.workshop.totals().interests == 40
        await pilot.press("ctrl+z")  # undo waits for the queue, in words
        await wait_for(pilot, lambda: "Undo waits until the 4 unsaved" in said_text(notes))
        assert stored_codes(demo_file, first) == [*before_first, "BTN"]
        disk.on = False  # space is back: the automatic retry writes the queue in order
        await wait_for(pilot, lambda: app.session.unsaved == 0)
        await wait_for(pilot, lambda: not banner(app).display)
        assert app.session.workshop.totals().interests == 44
        assert screen.table.get_cell(first, "count").plain == str(len(before_first) + 4)
        await wait_for(pilot, lambda: "Saved the 4 entries that were waiting" in said_text(notes))
        assert "Every entry is saved now" in text_of(screen.query_one("#hint"))
    assert stored_codes(demo_file, first) == [*before_first, "BTN", "FJI", "TCD", "PER"]
    assert stored_codes(demo_file, second) == [*before_second, "NPL"]


async def test_f5_retries_now_and_other_refused_writes_change_nothing(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = RefusingDisk(monkeypatch, errno.EROFS)
    app = make_app(demo_file)
    notes = said(app)
    app.retry_every = 3600
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        first = app.session.presentations[0].uid
        disk.on = True
        screen.interest_table.focus()
        await pilot.press("delete")  # withdraw: refused, nothing changes on screen
        await wait_for(pilot, lambda: "Nothing was changed" in said_text(notes))
        assert "the disk is read-only" in said_text(notes)
        assert screen.interest_table.row_count == 3
        assert app.session.workshop.interest_count(first) == 3
        assert not banner(app).display  # nothing typed waits
        screen.country_input.focus()
        await enter(pilot, "fji")
        await wait_for(pilot, lambda: app.session.unsaved == 1)
        await pilot.press("f5")
        await wait_for(pilot, lambda: "Still not saved" in said_text(notes))
        disk.on = False
        await pilot.press("f5")
        await wait_for(pilot, lambda: app.session.unsaved == 0)
        assert app.session.workshop.interest_count(first) == 4
    assert stored_codes(demo_file, first)[-1] == "FJI"


async def test_save_to_another_file_continues_there(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    RefusingDisk(monkeypatch, errno.EIO, folder=demo_file.parent).on = True
    original = demo_file.read_bytes()
    rescue = tmp_path / "laptop [" / "b] [@click=app.quit]" / "rescue.json"  # "[/b]": no markup
    rescue.parent.mkdir(parents=True)
    taken = rescue.with_name("taken.json")
    taken.write_text("someone else's file")
    app = make_app(demo_file)
    notes = said(app)
    app.retry_every = 3600
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        first = app.session.presentations[0].uid
        await enter(pilot, "fji, chad")
        await wait_for(pilot, lambda: app.session.unsaved == 2)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveAsDialog))
        field = app.screen.query_one("#path")
        assert field.value.endswith(".json") and "astana" in field.value  # a new name offered
        field.value = str(taken)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "already exists" in said_text(notes))
        assert isinstance(app.screen, SaveAsDialog)
        assert taken.read_text() == "someone else's file"
        field.value = str(rescue)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: app.session.unsaved == 0)
        assert app.session.workshop.path == rescue
        assert "rescue.json" in text_of(screen.query_one("#header"))
        await wait_for(pilot, lambda: f"now continues in {rescue}" in said_text(notes))
        assert app.sub_title == "rescue.json"
        await enter(pilot, "peru")  # later captures go to the new file
        await wait_for(pilot, lambda: app.session.workshop.interest_count(first) == 6)
    assert stored_codes(rescue, first)[-3:] == ["FJI", "TCD", "PER"]
    assert demo_file.read_bytes() == original


async def test_quit_with_unsaved_entries_asks_first(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = RefusingDisk(monkeypatch, errno.ENOSPC)
    app = make_app(demo_file)
    app.retry_every = 3600
    async with app.run_test(size=SIZE) as pilot:
        disk.on = True
        await enter(pilot, "fji, chad, peru")
        await wait_for(pilot, lambda: app.session.unsaved == 3)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = text_of(app.screen.query_one("#question"))
        assert question.startswith("3 entries are not saved. Quit anyway and lose them?")
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert app.is_running and app.session.unsaved == 3
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.session.discarded == 3
    assert "3 entries typed while the disk refused them were not saved" in "".join(farewell(app))


async def test_quit_writes_waiting_entries_when_the_disk_is_back(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = RefusingDisk(monkeypatch, errno.ENOSPC)
    app = make_app(demo_file)
    app.retry_every = 3600
    async with app.run_test(size=SIZE) as pilot:
        first = app.session.presentations[0].uid
        disk.on = True
        await enter(pilot, "fji")
        await wait_for(pilot, lambda: app.session.unsaved == 1)
        disk.on = False
        await pilot.press("ctrl+q")  # no question: the retry on quit saved it
        await wait_for(pilot, lambda: not app.is_running)
    assert app.session.discarded == 0
    assert stored_codes(demo_file, first)[-1] == "FJI"


async def test_a_refused_final_save_is_said_but_loses_nothing(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        first = app.session.presentations[0].uid
        await enter(pilot, "fji")
        await wait_for(pilot, lambda: app.session.workshop.interest_count(first) == 4)

        def refuse(*args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic_module.os, "replace", refuse)  # the checkpoint fails
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    monkeypatch.undo()
    said = " ".join(farewell(app))
    assert "the disk is full" in said and "Nothing acknowledged is lost" in said
    assert app.session.discarded == 0
    assert stored_codes(demo_file, first)[-1] == "FJI"  # replayed from the journal


# -- a real full disk -----------------------------------------------------------------------


async def test_real_full_disk_during_captures(small_disk: Path) -> None:
    """Fill a real filesystem while the facilitator types: every acknowledged entry is on disk,
    every refused one is written, in order, once space returns."""
    import pycountry

    path = small_disk / "w.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Project Rangeet", "India")
    codes = [c.alpha_3 for c in pycountry.countries if c.alpha_3 != "IND"][:24]
    ballast = small_disk / "ballast"
    app = make_app(path)
    app.retry_every = 3600
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        uid = app.session.presentations[0].uid
        free = shutil.disk_usage(small_disk).free
        ballast.write_bytes(b"\x00" * max(0, free - 5_000))
        acknowledged: list[str] = []
        for code in codes:
            await enter(pilot, code)
            hint = text_of(screen.query_one("#hint"))
            if hint.startswith("Saved"):
                acknowledged.append(code)
            else:
                assert hint.startswith("NOT saved yet"), hint
        assert acknowledged and app.session.unsaved, "the disk never filled"
        assert "the disk is full" in text_of(banner(app))
        assert app.session.workshop.interest_count(uid) == len(acknowledged)
        assert stored_codes(path, uid) == acknowledged
        ballast.unlink()
        await pilot.press("f5")
        await wait_for(pilot, lambda: app.session.unsaved == 0)
        assert app.session.workshop.interest_count(uid) == len(codes)
    assert stored_codes(path, uid) == codes
    with Workshop.open(path, readonly=True) as reader:
        assert reader.check() == []

"""Faults at the venue, at the store level: refused writes, a full disk, restore from backup."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from matchdesk.store.errors import StorageWriteFailed
from matchdesk.store.file import storage as storage_module
from matchdesk.store.file.paths import journal_path
from matchdesk.store.file.recovery import list_backups
from matchdesk.store.pending import PendingQueue
from matchdesk.store.workshop import Workshop
from tests.conftest import crash_after


class RefusingDisk:
    """Makes the journal append fail with ``code`` while ``on`` is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
        self.on = False
        real_write = os.write

        def write(fd: int, data: bytes) -> int:
            if self.on:
                raise OSError(code, os.strerror(code))
            return real_write(fd, data)

        monkeypatch.setattr(storage_module.os, "write", write)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission was denied"),
        (errno.EIO, "input/output error"),
    ],
)
def test_refused_write_is_not_saved_and_changes_nothing(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    p = workshop.add_presentation("Project Rangeet", "India")
    workshop.record_interest(p.uid, "Kazakhstan")
    disk = RefusingDisk(monkeypatch, code)
    disk.on = True
    with pytest.raises(StorageWriteFailed, match=words) as err:
        workshop.record_interests(p.uid, "tha, phl")
    assert err.value.errno == code
    assert workshop.interest_count(p.uid) == 1  # not shown as saved
    assert not workshop.has_interest(p.uid, workshop.resolve("THA"))
    queue = PendingQueue()
    queue.add(p.uid, "tha, phl")
    queue.add(p.uid, "fji")
    with pytest.raises(StorageWriteFailed):
        queue.flush(workshop)
    assert len(queue) == 2
    disk.on = False
    results = queue.flush(workshop)
    assert [len(r.recorded) for r in results] == [2, 1]
    assert len(queue) == 0
    with Workshop.open(workshop.path, readonly=True) as reader:
        assert [i.country.code for i in reader.interests(p.uid)] == ["KAZ", "THA", "PHL", "FJI"]
        assert reader.check() == []


def test_save_as_continues_elsewhere(workshop: Workshop, tmp_path: Path) -> None:
    p = workshop.add_presentation("Project Rangeet", "India")
    workshop.record_interest(p.uid, "Kazakhstan")
    old = workshop.path
    other = tmp_path / "elsewhere" / "rescue.json"
    other.parent.mkdir()
    workshop.save_as(other)
    workshop.record_interest(p.uid, "Fiji")
    assert workshop.path == other
    with Workshop.open(other, readonly=True) as reader:
        assert reader.interest_count(p.uid) == 2
    with Workshop.open(old) as again:  # the old file's lock was released, content untouched
        assert again.interest_count(p.uid) == 1


def test_restore_end_to_end(tmp_path: Path, seed_csv: Path, cli) -> None:
    target = tmp_path / "w.json"
    assert cli("import", target, seed_csv).returncode == 0
    damaged = b'{"meta": {"1": {"schema'
    target.write_bytes(damaged)
    result = cli("tally", target)
    assert result.returncode == 1
    assert "matchdesk restore" in result.stderr and "39 interests" in result.stderr
    assert target.read_bytes() == damaged
    listing = cli("check", target)
    assert listing.returncode == 1
    assert "w.json.bak1" in listing.stdout and "sound" in listing.stdout
    restored = cli("restore", target)
    assert restored.returncode == 0, restored.stderr
    kept = list(tmp_path.glob("w.json.damaged-*"))
    assert kept and kept[0].read_bytes() == damaged
    tally = json.loads(cli("tally", target, "--json").stdout)
    assert tally["totals"]["interests"] == 39


def test_restore_from_named_backup_and_damaged_backup_refused(seeded_file: Path, cli) -> None:
    backups = list_backups(seeded_file)
    assert backups and all(b.sound for b in backups)
    bad = seeded_file.with_name("broken.json")
    bad.write_bytes(b"\x00" * 64)
    result = cli("restore", seeded_file, "--from", bad)
    assert result.returncode == 1 and "cannot be restored" in result.stderr
    result = cli("restore", seeded_file, "--from", backups[-1].path)
    assert result.returncode == 0, result.stderr


def test_restore_refused_while_a_writer_holds_the_file(workshop: Workshop, cli) -> None:
    workshop.add_presentation("Project Rangeet", "India")
    result = cli("restore", workshop.path)
    assert result.returncode == 1
    assert "already open for writing" in result.stderr


def test_lock_names_the_live_holder(workshop: Workshop, seed_csv: Path, cli) -> None:
    result = cli("import", workshop.path, seed_csv)
    assert f"process {os.getpid()}" in result.stderr


FILL = 200


def test_real_full_disk(small_disk: Path) -> None:
    """Fill a real small filesystem during captures: acknowledged entries stay on disk, the
    refused ones are written once space returns."""
    import pycountry

    path = small_disk / "w.json"
    codes = [c.alpha_3 for c in pycountry.countries][:FILL]
    ballast = small_disk / "ballast"
    with Workshop.open(path, checkpoint_bytes=1 << 30) as workshop:
        p = workshop.add_presentation("Project Rangeet", "India")
        free = shutil.disk_usage(small_disk).free
        ballast.write_bytes(b"\x00" * max(0, free - 8_000))
        acknowledged: list[str] = []
        queue = PendingQueue()
        for code in codes:
            if len(queue):
                queue.add(p.uid, code)
                continue
            try:
                workshop.record_interest(p.uid, code)
                acknowledged.append(code)
            except StorageWriteFailed as exc:
                assert "disk is full" in str(exc)
                queue.add(p.uid, code)
        assert acknowledged and len(queue) > 0, "the disk never filled"
        with Workshop.open(path, readonly=True) as reader:
            assert [i.country.code for i in reader.interests(p.uid)] == acknowledged
        ballast.unlink()
        queue.flush(workshop)
    with Workshop.open(path, readonly=True) as reader:
        assert [i.country.code for i in reader.interests(p.uid)] == codes
        assert reader.check() == []


def _crash_with_journal(path: Path, extra: bytes = b"") -> str:
    """Leave ``path`` as a crash would: two captures only in the journal (plus ``extra``)."""
    with Workshop.open(path) as workshop:
        p = workshop.add_presentation("Project Rangeet", "India")
    crash_after(path, f"workshop.record_interests({p.uid!r}, 'kaz, tha')")
    journal = journal_path(path)
    journal.write_bytes(journal.read_bytes() + extra)
    return p.uid


@pytest.mark.parametrize(
    "extra",
    [b"", b'{"c":[["interests","99",{"uid":"torn"', b'{"c":[]}'],
    ids=["clean", "torn-tail", "no-final-newline"],
)
def test_reopen_on_a_full_disk_keeps_the_journal_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: bytes
) -> None:
    path = tmp_path / "w.json"
    uid = _crash_with_journal(path, extra)

    def disk_full(targets: list[Path], chunks: object, mode: int | None = None) -> None:
        raise StorageWriteFailed(f"Could not write {targets[0]}: the disk is full.", errno.ENOSPC)

    monkeypatch.setattr(storage_module, "write_atomically", disk_full)
    workshop = Workshop.open(path)  # the checkpoint fails; the open does not
    assert workshop.interest_count(uid) == 2
    workshop.record_interest(uid, "Fiji")
    with pytest.raises(StorageWriteFailed, match="disk is full"):
        workshop.close()  # the disk is still full at close: the journal keeps the capture
    monkeypatch.undo()
    with Workshop.open(path, readonly=True) as reader:
        assert [i.country.code for i in reader.interests(uid)] == ["KAZ", "THA", "FJI"]
        assert reader.check() == []

"""The journaled storage: durable appends, torn tails, checkpoints, backups, concurrent readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from matchdesk.store.errors import CorruptWorkshop, WorkshopLocked
from matchdesk.store.file.paths import backup_paths, journal_path
from matchdesk.store.file.schema import SCHEMA_VERSION
from matchdesk.store.file.snapshot import read_snapshot
from matchdesk.store.file.storage import JournalStorage
from matchdesk.store.workshop import Workshop
from tests.conftest import crash_after


def _add_two(workshop: Workshop) -> str:
    p = workshop.add_presentation("Rapid Digitization", "Bangladesh")
    workshop.record_interest(p.uid, "Kazakhstan")
    workshop.record_interest(p.uid, "Thailand")
    return p.uid


def test_capture_is_one_small_journal_line(workshop: Workshop) -> None:
    p = workshop.add_presentation("Rapid Digitization", "Bangladesh")
    size = journal_path(workshop.path).stat().st_size
    snapshot = workshop.path.read_bytes()
    workshop.record_interest(p.uid, "Kazakhstan")
    added = journal_path(workshop.path).stat().st_size - size
    assert 0 < added < 600
    assert workshop.path.read_bytes() == snapshot  # the snapshot is not rewritten per capture


def test_reader_sees_acknowledged_capture_while_writer_holds_file(workshop: Workshop) -> None:
    _add_two(workshop)
    with Workshop.open(workshop.path, readonly=True) as reader:
        assert reader.tallies().totals.interests == 2


def test_second_writer_is_refused_with_file_name(workshop: Workshop) -> None:
    with pytest.raises(WorkshopLocked, match=r"workshop\.json") as err:
        Workshop.open(workshop.path)
    assert "already open for writing" in str(err.value)


def test_second_writer_cli_exit_1(workshop: Workshop, seed_csv: Path, cli) -> None:
    result = cli("import", workshop.path, seed_csv)
    assert result.returncode == 1
    assert "already open for writing" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli("tally", workshop.path).returncode == 0


def test_close_folds_journal_into_a_plain_tinydb_snapshot(workshop_file: Path) -> None:
    with Workshop.open(workshop_file) as workshop:
        _add_two(workshop)
    assert journal_path(workshop_file).stat().st_size == 0
    db = TinyDB(workshop_file, storage=JSONStorage, access_mode="r")
    assert len(db.table("interests")) == 2
    assert db.table("meta").all()[0]["schema_version"] == SCHEMA_VERSION
    db.close()


def test_torn_last_line_is_ignored(workshop_file: Path) -> None:
    with Workshop.open(workshop_file) as workshop:
        uid = workshop.add_presentation("Project Rangeet", "India").uid
    crash_after(workshop_file, f"workshop.record_interests({uid!r}, 'kaz, tha')")
    journal = journal_path(workshop_file)
    journal.write_bytes(journal.read_bytes() + b'{"c":[["interests","9",{"uid":"x"')
    with Workshop.open(workshop_file, readonly=True) as reader:
        assert reader.interest_count(uid) == 2
    assert journal.read_bytes().endswith(b'"x"')  # readers never write
    with Workshop.open(workshop_file) as writer:
        assert writer.interest_count(uid) == 2
        writer.record_interest(uid, "Fiji")
    with Workshop.open(workshop_file, readonly=True) as reader:
        assert reader.interest_count(uid) == 3
        assert reader.check() == []


def test_damaged_line_before_the_end_is_refused(workshop_file: Path, cli) -> None:
    with Workshop.open(workshop_file) as workshop:
        _add_two(workshop)
    journal = journal_path(workshop_file)
    journal.write_bytes(b"garbage\n" + b'{"c":[]}\n')
    before = workshop_file.read_bytes()
    result = cli("check", workshop_file)
    assert result.returncode == 1
    assert "damaged at line 1" in result.stderr
    assert workshop_file.read_bytes() == before
    assert journal.read_bytes() == b"garbage\n" + b'{"c":[]}\n'


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"meta": {"1": {"schema_version": 2', "invalid JSON"),
        (b"\x00" * 512, "no data"),
        (b"this is not json", "invalid JSON"),
        (b"[1, 2, 3]", "not a matchdesk workshop"),
        (b"", "is empty"),
        (b'{"presentations": {"1": {"uid": "a"}}}', "no meta record"),
    ],
)
def test_corrupt_workshop_file_is_left_untouched(
    workshop_file: Path, cli, content: bytes, words: str
) -> None:
    workshop_file.write_bytes(content)
    for command in ("tally", "check", "import", "export", "restore"):
        args = [command, workshop_file]
        if command == "import":
            args.append(workshop_file)  # any source: the workshop itself is refused first
        if command == "export":
            args += ["--format", "md"]
        result = cli(*args)
        assert result.returncode == 1, (command, result.stdout)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert str(workshop_file) in result.stderr
        if command not in ("import", "restore"):
            assert words in result.stderr
        assert workshop_file.read_bytes() == content
    with pytest.raises(CorruptWorkshop):
        Workshop.open(workshop_file)
    assert workshop_file.read_bytes() == content


def test_checkpoint_when_journal_grows_and_backups_rotate(workshop_file: Path) -> None:
    with Workshop.open(workshop_file, checkpoint_bytes=2_000) as workshop:
        p = workshop.add_presentation("Project Rangeet", "India")
        for name in ["KAZ", "THA", "RUS", "BIH", "PHL", "FRA", "NPL", "FJI", "NGA", "GEO"]:
            workshop.record_interest(p.uid, name)
        workshop.ledger.storage.wait()  # the background checkpoint
        assert journal_path(workshop_file).stat().st_size < 2_000
        # the snapshot alone (without the journal) already holds most captures
        on_disk = json.loads(workshop_file.read_bytes())
        assert len(on_disk["interests"]) >= 4
    backups = [b for b in backup_paths(workshop_file) if b.exists()]
    assert len(backups) == 3
    for backup in backups:
        json.loads(backup.read_bytes())  # every backup is a sound snapshot


def test_opening_missing_file_readonly_is_refused(tmp_path: Path, cli) -> None:
    result = cli("tally", tmp_path / "nothing.json")
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert not (tmp_path / "nothing.json").exists()


def test_an_in_memory_storage_keeps_transactions_and_writes_nothing(seeded_file: Path) -> None:
    """``open --with``'s combined view: the same transactions (grouped, rolled back when they
    fail, TinyDB's own tables over its ``Storage`` interface too) over tables that never reach
    the disk, even named after a real workshop file and past the checkpoint size."""
    folder = seeded_file.parent
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    storage = JournalStorage.in_memory(seeded_file, read_snapshot(seeded_file))
    storage.checkpoint_bytes = 0  # every transaction would start a checkpoint on disk
    db = TinyDB(storage=lambda: storage)  # TinyDB's own tables: read() and whole write()s
    with storage.transaction():
        doc_id = storage.put("interests", None, {"uid": "new", "country": "KAZ"})
    assert storage.read()["interests"][str(doc_id)]["uid"] == "new"
    with pytest.raises(RuntimeError), storage.transaction():
        storage.put("interests", doc_id, None)
        raise RuntimeError("the caller failed half-way")
    assert storage.read()["interests"][str(doc_id)]["uid"] == "new"  # rolled back
    db.table("presentations").update({"title": "Renamed"})
    assert {d["title"] for d in storage.read()["presentations"].values()} == {"Renamed"}
    storage.write(storage.read())
    storage.checkpoint()
    assert not storage.unfolded()
    db.close()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files

"""Nothing lost: restore replays the journal, a missing snapshot is refused, copies never clash."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchdesk.store.errors import MissingSnapshot
from matchdesk.store.file.paths import backup_paths, journal_path
from matchdesk.store.file.recovery import restore
from matchdesk.store.workshop import Workshop
from tests.conftest import crash_after

FIVE = "kaz, tha, phl, syr, fji"


def _five_in_the_journal(path: Path) -> str:
    """A session that captured five countries and crashed: they are only in the journal."""
    with Workshop.open(path) as workshop:
        uid = workshop.add_presentation("Project Rangeet", "India").uid
    crash_after(path, f"for code in {FIVE!r}.split(', '): workshop.record_interest({uid!r}, code)")
    assert journal_path(path).stat().st_size > 0
    return uid


def _stored(path: Path, uid: str) -> list[str]:
    with Workshop.open(path, readonly=True) as reader:
        return [i.country.code for i in reader.interests(uid)]


def test_restore_replays_the_journal_on_the_backup(tmp_path: Path, cli) -> None:
    path = tmp_path / "w.json"
    uid = _five_in_the_journal(path)
    path.write_bytes(b'{"meta": {"1": {"schema')  # the snapshot is damaged
    result = cli("restore", path)
    assert result.returncode == 0, result.stderr
    assert "replayed 5 journal entries" in result.stdout
    assert "5 interests" in result.stdout
    assert _stored(path, uid) == ["KAZ", "THA", "PHL", "SYR", "FJI"]
    kept = list(tmp_path.glob("w.json.journal.restored-*"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0  # the journal is kept, not dropped
    assert cli("check", path).returncode == 0


@pytest.mark.parametrize("command", ["open", "import", "tally", "export", "check"])
def test_missing_snapshot_beside_a_journal_is_refused(tmp_path: Path, cli, command: str) -> None:
    path = tmp_path / "w.json"
    _five_in_the_journal(path)
    path.unlink()
    journal = journal_path(path).read_bytes()
    backups = {b: b.read_bytes() for b in backup_paths(path) if b.exists()}
    args: list[str | Path] = [command, path]
    if command == "import":
        source = tmp_path / "more.csv"
        source.write_text("title,presenter_country\nX,India\n", encoding="utf-8")
        args.append(source)
    if command == "export":
        args += ["--format", "md"]
    result = cli(*args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"matchdesk restore {path}" in result.stderr
    assert "w.json.journal" in result.stderr and "w.json.bak1" in result.stderr
    assert not path.exists()
    assert journal_path(path).read_bytes() == journal  # never truncated
    assert {b: b.read_bytes() for b in backup_paths(path) if b.exists()} == backups


def test_restore_rebuilds_a_missing_snapshot_from_backup_and_journal(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    uid = _five_in_the_journal(path)
    path.unlink()
    with pytest.raises(MissingSnapshot):
        Workshop.open(path)
    result = restore(path)
    assert result.replayed == 5 and result.damaged_copy is None
    assert _stored(path, uid) == ["KAZ", "THA", "PHL", "SYR", "FJI"]


def test_a_missing_snapshot_with_backups_only_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Project Rangeet", "India")
    path.unlink()
    with pytest.raises(MissingSnapshot, match=r"w\.json\.bak1"):
        Workshop.open(path)
    assert not path.exists()


def test_damaged_copies_never_overwrite_each_other(seeded_file: Path, cli) -> None:
    for _ in range(3):  # well within one second
        seeded_file.write_bytes(b"not json")
        assert cli("restore", seeded_file).returncode == 0
    copies = sorted(seeded_file.parent.glob("workshop.json.damaged-*"))
    assert len(copies) == 3
    assert all(c.read_bytes() == b"not json" for c in copies)


def test_restore_stops_at_a_damaged_journal_line_and_says_so(tmp_path: Path, cli) -> None:
    path = tmp_path / "w.json"
    uid = _five_in_the_journal(path)
    journal = journal_path(path)
    journal.write_bytes(journal.read_bytes() + b"garbage\n" + b'{"c":[]}\n')
    result = cli("restore", path)
    assert result.returncode == 0, result.stderr
    assert "replayed 5 journal entries" in result.stdout
    assert "damaged at line 6" in result.stdout
    assert _stored(path, uid) == ["KAZ", "THA", "PHL", "SYR", "FJI"]


def test_check_counts_backups_and_checks_their_records_only_when_deep(
    seeded_file: Path, cli
) -> None:
    import json

    backup = backup_paths(seeded_file)[0]
    tables = json.loads(backup.read_bytes())
    orphan = dict(next(iter(tables["interests"].values())), uid="orphan", presentation="gone")
    tables["interests"]["999"] = orphan
    backup.write_text(json.dumps(tables), encoding="utf-8")
    plain = cli("check", seeded_file)
    assert plain.returncode == 0
    assert f"{backup} (" in plain.stdout and "sound, 10 presentations, 39 interests" in plain.stdout
    deep = cli("check", "--deep", seeded_file)
    assert deep.returncode == 0
    assert "1 problem(s): interest orphan names a presentation that is missing" in deep.stdout

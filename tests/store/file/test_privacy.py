"""Files keep their owner's privacy: created 0600, shared on request, the workshop's mode carried
to every file beside it, a write-protected workshop refused even for root."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from matchdesk.store.errors import WriteProtected
from matchdesk.store.file.paths import backup_paths, journal_path
from matchdesk.store.workshop import Workshop


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _beside(path: Path) -> list[Path]:
    return [path, journal_path(path), *backup_paths(path), path.with_name(path.name + ".lock")]


def _session(path: Path, title: str = "A practice") -> None:
    with Workshop.open(path, checkpoint_bytes=500) as workshop:
        p = workshop.add_presentation(title, "India")
        for code in ("KAZ", "THA", "PHL", "SYR", "FJI"):
            workshop.record_interest(p.uid, code)
            workshop.ledger.storage.wait()


def test_new_files_are_private(tmp_path: Path, seed_csv: Path, cli) -> None:
    path = tmp_path / "w.json"
    assert cli("import", path, seed_csv).returncode == 0
    _session(path)
    assert cli("export", path, "--format", "md").returncode == 0
    files = [*_beside(path), tmp_path / "w.md"]
    assert {f.name: _mode(f) for f in files if f.exists()} == {
        f.name: 0o600 for f in files if f.exists()
    }
    assert len([f for f in files if f.exists()]) >= 6


def test_shared_setting_gives_0644(tmp_path: Path, seed_csv: Path, cli) -> None:
    path = tmp_path / "w.json"
    assert cli("import", "--shared", path, seed_csv).returncode == 0
    assert _mode(path) == 0o644
    assert cli("export", "--shared", path, "--format", "csv").returncode == 0
    assert _mode(tmp_path / "w.csv") == 0o644


def test_shared_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_csv: Path
) -> None:
    monkeypatch.setenv("MATCHDESK_SHARED", "1")
    path = tmp_path / "w.json"
    _session(path)
    assert {_mode(f) for f in _beside(path) if f.exists()} == {0o644}


def test_the_workshops_mode_is_carried_to_every_file_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MATCHDESK_SHARED", "1")
        _session(path)  # everything 0644, as before this change
    path.chmod(0o640)
    _session(path, "Another practice")
    modes = {f.name: _mode(f) for f in _beside(path) if f.exists()}
    assert modes == dict.fromkeys(modes, 0o640)


def test_a_write_protected_workshop_is_refused_even_for_root(seeded_file: Path, cli) -> None:
    seeded_file.chmod(0o444)
    before = {f: f.read_bytes() for f in _beside(seeded_file) if f.exists()}
    source = seeded_file.with_name("more.csv")
    source.write_text("title,presenter_country\nNew practice,India\n", encoding="utf-8")
    result = cli("import", seeded_file, source)
    assert result.returncode == 1
    assert "write-protected" in result.stderr and "--read-only" in result.stderr
    assert {f: f.read_bytes() for f in _beside(seeded_file) if f.exists()} == before
    with pytest.raises(WriteProtected):
        Workshop.open(seeded_file)
    with Workshop.open(seeded_file, readonly=True) as reader:  # reading still works
        assert reader.totals().interests == 39
    assert cli("restore", seeded_file).returncode == 1

"""A refused command leaves the disk as it found it: no workshop, backup, journal or lock
file created, whatever the command (exit 1 and one line on stderr, never a traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matchdesk.store.workshop import Workshop
from matchdesk.tui.cli import main
from tests.conftest import run_cli


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with Workshop.open(tmp_path / "room.json", device="room") as workshop:
        workshop.set_info(title="Astana 2021")
        workshop.add_presentation("ASAN service", "AZE")
    for leftover in tmp_path.glob("room.json.*"):  # a folder synced from elsewhere: no lock
        leftover.unlink()
    with Workshop.open(tmp_path / "other.json", device="other") as workshop:
        workshop.set_info(title="Bangkok 2023")
    for leftover in tmp_path.glob("other.json.*"):
        leftover.unlink()
    (tmp_path / "w.md").write_text("# Not a workshop\n", encoding="utf-8")
    (tmp_path / "sheet.csv").write_text("name,place\nX,Y\n", encoding="utf-8")
    return tmp_path


REFUSED = [
    ("open", "nodir/x.json"),
    ("open", "w.md"),
    ("open", "room.json", "--with", "missing.json", "--read-only"),
    ("followup", "new.json", "--set", "owner=x"),
    ("followup", "g.json", "--import", "sheet.csv"),
    ("followup", "room.json", "--import", "missing.csv"),
    ("followup", "room.json", "--set", "stage=nonsense"),
    ("merge", "missing.json", "room.json"),
    ("merge", "room.json", "missing.json"),
    ("merge", "room.json", "other.json"),
    ("merge", "room.json", "w.md"),
    ("import", "new.json", "sheet.csv"),
    ("import", "room.json", "sheet.csv"),
    ("import", "new.json", "missing.csv"),
    ("restore", "missing.json"),
    ("restore", "room.json"),
    ("check", "missing.json"),
    ("check", "w.md"),
    ("tally", "missing.json"),
    ("tally", "w.md"),
    ("export", "missing.json", "--format", "md"),
    ("export", "w.md", "--format", "csv"),
    ("board", "missing.json"),
    ("network", "missing-folder"),
    ("network", "room.json", "--link", "1", "2"),
]


@pytest.mark.parametrize("args", REFUSED, ids=[" ".join(a) for a in REFUSED])
def test_a_refused_command_creates_nothing(
    folder: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    before = _listing(folder)
    done = CliRunner().invoke(main, list(args))  # in this process: 25 commands, no start-ups
    assert done.exit_code in (1, 2), done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert "Traceback" not in done.output
    assert done.output.strip().count("\n") == 0 or done.exit_code == 2, done.output
    assert _listing(folder) == before


def test_a_folder_that_does_not_exist_is_refused_not_made(folder: Path) -> None:
    done = run_cli("open", folder / "nodir" / "x.json")
    assert done.returncode == 1
    assert "does not exist" in done.stderr
    assert not (folder / "nodir").exists()
    shutil.rmtree(folder / "nodir", ignore_errors=True)

"""Every command that reads another file has a size limit, checked before the file is read: a
file over it is refused (or, where the command goes on without it, left out with a warning) in
one sentence, and the disk is left as it was found: no workshop, backup, journal or lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from matchdesk.store.workshop import Workshop
from matchdesk.tui.cli import main
from matchdesk.tui.launch import open_app


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    with Workshop.open(tmp_path / "room.json", device="room") as workshop:
        workshop.set_info(title="Astana 2021")
        workshop.record_interests(workshop.add_presentation("ASAN service", "AZE").uid, "kaz")
    for leftover in tmp_path.glob("room.json.*"):  # as synced from elsewhere: no lock
        leftover.unlink()
    for name, size in (("big.json", 300 << 20), ("sheet.csv", 60 << 20)):
        with (tmp_path / name).open("wb") as handle:  # sparse: no disk used
            handle.truncate(size)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# (arguments, exit status, what the one line says)
OVER = [
    (("merge", "room.json", "big.json"), 1, "big.json holds 300 MB, over the 200 MB limit"),
    (("check", "big.json"), 1, "big.json holds 300 MB, over the 200 MB limit"),
    (("tally", "room.json", "--with", "big.json"), 0, "over the 200 MB limit"),
    (("network", "big.json", "room.json", "--json"), 0, "over the 200 MB limit"),
    (
        ("followup", "room.json", "--import", "sheet.csv"),
        1,
        "over the import limit of 50",
    ),
]


@pytest.mark.parametrize("args,status,words", OVER, ids=[a[0][0] for a in OVER])
def test_a_file_over_the_limit_is_not_read_and_nothing_is_created(
    folder: Path, args: tuple[str, ...], status: int, words: str
) -> None:
    before = _listing(folder)
    done = CliRunner().invoke(main, list(args))
    assert done.exit_code == status, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert words in done.output
    assert "Traceback" not in done.output
    assert _listing(folder) == before


def test_open_with_a_peer_over_the_limit_follows_without_it_and_max_size_raises_it(
    folder: Path,
) -> None:
    app = open_app(folder / "room.json", peers=[folder / "big.json"])
    assert app is not None
    try:
        [problem] = app.session.workshop.problems()
        assert "big.json holds 300 MB, over the 200 MB limit" in problem
        assert app.session.workshop.totals().interests == 1
    finally:
        app.session.close()
    app = open_app(folder / "room.json", peers=[folder / "big.json"], max_bytes=400 << 20)
    assert app is not None
    try:
        [problem] = app.session.workshop.problems()  # read this time: not a workshop
        assert "over the" not in problem
    finally:
        app.session.close()


def test_open_takes_max_size() -> None:
    done = CliRunner().invoke(main, ["open", "--help"])
    assert "--max-size" in done.output
    refused = CliRunner().invoke(main, ["open", "room.json", "--max-size", "0"])
    assert refused.exit_code == 2


def test_check_and_restore_do_not_read_a_backup_over_the_limit(folder: Path) -> None:
    with (folder / "room.json.bak2").open("wb") as handle:  # a stray 2 MB "backup"
        handle.truncate(2 << 20)
    before = _listing(folder)
    checked = CliRunner().invoke(main, ["check", "room.json", "--max-size", "1"])
    assert checked.exit_code == 0, checked.output
    [line] = [line for line in checked.output.splitlines() if "room.json.bak2" in line]
    assert "over the 1 MB limit" in line and "it was not read" in line
    refused = CliRunner().invoke(
        main, ["restore", "room.json", "--from", "room.json.bak2", "--max-size", "1"]
    )
    assert refused.exit_code == 1
    assert "room.json.bak2 holds 2 MB, over the 1 MB limit" in refused.output
    assert _listing(folder) == before
    raised = CliRunner().invoke(
        main, ["restore", "room.json", "--from", "room.json.bak2", "--max-size", "3"]
    )
    assert raised.exit_code == 1 and "over the" not in raised.output  # read: not a workshop
    assert _listing(folder) == before


def test_followup_max_size_raises_the_sheets_limit(folder: Path) -> None:
    (folder / "sheet.csv").write_text("title,presenter_country\n" + "x,y\n" * 300_000)
    before = _listing(folder)
    refused = CliRunner().invoke(
        main, ["followup", "room.json", "--import", "sheet.csv", "--max-size", "1"]
    )
    assert refused.exit_code == 1 and "over the import limit of 1" in refused.output
    assert _listing(folder) == before  # refused before the workshop was opened: no lock
    raised = CliRunner().invoke(
        main, ["followup", "room.json", "--import", "sheet.csv", "--max-size", "2"]
    )
    assert raised.exit_code == 1 and "import limit" not in raised.output  # read: wrong columns

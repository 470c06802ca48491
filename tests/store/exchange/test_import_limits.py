"""Every import source has a limit and a clear refusal, and a failed import writes nothing."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from matchdesk.store.file.paths import journal_path
from matchdesk.store.workshop import Workshop

HEADER = "title,presenter_country,interested_country,note\n"


def _nothing_beside(path: Path) -> list[str]:
    """Files of the workshop a failed import must not have created (the lock may stay)."""
    return sorted(p.name for p in path.parent.glob(path.name + "*") if not p.name.endswith(".lock"))


def _refused(cli, path: Path, *args: object) -> str:
    result = cli("import", path, *args, timeout=30)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr


def test_a_source_over_the_size_limit_is_refused_and_the_limit_can_be_raised(
    tmp_path: Path, cli
) -> None:
    source = tmp_path / "big.csv"
    row = "Practice,India,Kazakhstan," + "n" * 1000 + "\n"
    source.write_text(HEADER + row * 1100, encoding="utf-8")  # about 1.1 MB
    path = tmp_path / "w.json"
    error = _refused(cli, path, "--max-size", "1", source)
    assert str(source) in error and "--max-size 2" in error
    assert _nothing_beside(path) == []
    result = cli("import", path, "--max-size", "2", source)
    assert result.returncode == 0, result.stderr


def test_a_fifo_is_refused_before_the_lock_and_without_hanging(tmp_path: Path, cli) -> None:
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    path = tmp_path / "w.json"
    with Workshop.open(path):  # another writer holds the lock: the FIFO is refused first
        started = time.monotonic()
        error = _refused(cli, path, fifo)
    assert time.monotonic() - started < 20
    assert "named pipe" in error and str(fifo) in error


@pytest.mark.parametrize("link", [False, True], ids=["device", "symlink-to-device"])
def test_a_device_is_refused(tmp_path: Path, cli, link: bool) -> None:
    source: Path = Path("/dev/zero")
    if link:
        source = tmp_path / "zero.csv"
        source.symlink_to("/dev/zero")
    path = tmp_path / "w.json"
    assert "a device" in _refused(cli, path, source)
    assert _nothing_beside(path) == []


def test_cells_are_as_long_as_in_the_app(tmp_path: Path, cli) -> None:
    source = tmp_path / "long.csv"
    source.write_text(HEADER + "T" * 120_000 + ",India,,\n", encoding="utf-8")
    path = tmp_path / "w.json"
    error = _refused(cli, path, source)
    assert "line 2" in error and "title is longer than 10,000 characters" in error
    assert _nothing_beside(path) == []


def test_a_field_over_the_csv_limit_is_too_long_not_badly_quoted(tmp_path: Path, cli) -> None:
    source = tmp_path / "huge.csv"
    source.write_text(HEADER + "Practice,India,Kazakhstan," + "n" * 140_000 + "\n", "utf-8")
    path = tmp_path / "w.json"
    error = _refused(cli, path, source)
    assert "longer than 131,072 characters" in error and "quotes" not in error
    assert _nothing_beside(path) == []  # no file, no journal, no backups


def test_a_workbook_that_expands_too_far_is_refused_before_it_is_expanded(
    tmp_path: Path, cli
) -> None:
    source = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "a" * (5 << 20) + "</sst>")
    assert source.stat().st_size < 100_000
    path = tmp_path / "w.json"
    error = _refused(cli, path, "--max-size", "1", source)
    assert "would expand to 5.0 MB" in error and str(source) in error


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "matchdesk", "schema_version": ' + "9" * 5000 + "}", "5000 digits"),
        ('{"format": "matchdesk", "schema_version": 1e400}', "too large"),
        ('{"format": "matchdesk", "schema_version": NaN}', "NaN is not a number"),
    ],
    ids=["deep", "long-integer", "version-1e400", "nan"],
)
def test_json_limits_name_the_file(tmp_path: Path, cli, text: str, words: str) -> None:
    source = tmp_path / "odd.json"
    source.write_text(text, encoding="utf-8")
    error = _refused(cli, tmp_path / "w.json", source)
    assert str(source) in error and words in error
    assert "inf" not in error.replace(str(source), "") and "unexpected" not in error


def test_a_large_import_is_one_group_of_chunks_that_lands_whole_or_not_at_all(
    tmp_path: Path, cli
) -> None:
    path = tmp_path / "w.json"
    source = tmp_path / "rows.csv"
    rows = [f"Practice {n},India,Kazakhstan,\n" for n in range(700)]
    source.write_text(HEADER + "".join(rows), encoding="utf-8")
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Kept", "India")
    script = (
        "from matchdesk.store.exchange.importing import import_sources\n"
        f"import_sources(workshop, [{str(source)!r}])"
    )
    from tests.conftest import crash_after

    crash_after(path, script)
    lines = journal_path(path).read_bytes().splitlines(keepends=True)
    assert len(lines) >= 3 and all(json.loads(line).get("more") for line in lines[:-1])
    with Workshop.open(path, readonly=True) as reader:
        assert reader.totals().interests == 700
    journal_path(path).write_bytes(b"".join(lines[:-1]))  # the closing line never landed
    with Workshop.open(path, readonly=True) as reader:
        assert [p.title for p in reader.presentations()] == ["Kept"]
    with Workshop.open(path) as writer:  # a writer cuts the unclosed group
        writer.record_interest(writer.presentations()[0].uid, "Fiji")
    with Workshop.open(path, readonly=True) as reader:
        assert reader.totals().interests == 1 and reader.check() == []

"""Every file matchdesk reads whole has a limit, checked before it is read: a stray huge file
is refused (or, by ``network``, left out) in one sentence, in the time of a ``stat``;
``--max-size MB`` raises the limit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from matchdesk.store.merge.combined import open_combined
from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with Workshop.open(tmp_path / "room.json", device="room") as workshop:
        workshop.set_info(title="Astana 2021")
        workshop.record_interests(workshop.add_presentation("ASAN service", "AZE").uid, "kaz")
    with (tmp_path / "big.json").open("wb") as handle:  # 300 MB on paper (sparse: no disk)
        handle.truncate(300 << 20)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [("merge", "room.json", "big.json"), ("check", "big.json")],
    ids=["merge", "check"],
)
def test_a_file_over_the_limit_is_refused_unread(folder: Path, args: tuple[str, ...]) -> None:
    before = sorted(p.name for p in folder.iterdir())
    started = time.monotonic()
    done = run_cli(*(folder / a if a.endswith(".json") else a for a in args))
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert "big.json holds 300 MB, over the 200 MB limit" in line and "--max-size" in line
    assert time.monotonic() - started < 30  # a stat, not a read of 300 MB (generous on load)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_max_size_raises_the_limit(folder: Path) -> None:
    done = run_cli("merge", folder / "room.json", folder / "big.json", "--max-size", "400")
    assert done.returncode == 1
    assert "over the" not in done.stderr  # read, and refused for what it holds


def test_a_peer_over_the_limit_is_counted_without_and_says_why(folder: Path) -> None:
    done = run_cli("tally", folder / "room.json", "--with", folder / "big.json", "--json")
    assert done.returncode == 0, done.stderr
    assert "over the 200 MB limit" in done.stderr and "Counted without it." in done.stderr
    with open_combined(folder / "room.json", [folder / "big.json"], readonly=True) as view:
        assert view.totals().interests == 1
        [problem] = view.problems()
        assert "big.json holds 300 MB" in problem

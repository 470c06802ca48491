"""A Syncthing conflict copy of a workshop file in a network folder: the workshop file counts,
and the copy is left out, unread, with the one command that counts what it holds (the roll-up
only reads: merging is a person's act, with its own report)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from matchdesk.store.network.rollup import build
from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli

COPY = "astana-2021.sync-conflict-20261206-101500-ABCDEFG.json"


def _copy_with_one_more_capture(network: Path) -> Path:
    """The copy a conflict leaves: the file as the other laptop wrote it, one capture more
    (written later than the workshop file itself)."""
    elsewhere = network.parent / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(network / "astana-2021.json", elsewhere / "astana-2021.json")
    with Workshop.open(elsewhere / "astana-2021.json", device="laptop-b") as workshop:
        first = workshop.presentations()[0]
        workshop.record_interests(first.uid, "Peru")
    copy = network / COPY
    shutil.copy(elsewhere / "astana-2021.json", copy)
    return copy


def test_the_workshop_counts_and_the_copy_is_left_out_with_the_merge_to_run(
    network: Path,
) -> None:
    before, _ = build([network])
    copy = _copy_with_one_more_capture(network)
    view, _ = build([network])
    assert view.totals == before.totals  # counted once: the workshop file, not the copy
    [note] = view.notes
    assert note.path == copy and note.damaged
    assert "conflict copy of astana-2021.json" in note.reason
    assert f"matchdesk merge {network / 'astana-2021.json'} {copy}" in note.reason


def test_the_json_report_counts_it_in_skipped_and_the_merge_counts_its_capture(
    network: Path,
) -> None:
    copy = _copy_with_one_more_capture(network)
    done = run_cli("network", network, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    [skipped] = report["skipped"]
    assert skipped["file"] == str(copy) and skipped["damaged"] is True
    assert f"left out {copy}: a Syncthing conflict copy" in done.stderr
    possibilities = report["totals"]["possibilities"]
    merged = run_cli("merge", network / "astana-2021.json", copy)
    assert merged.returncode == 0, merged.stderr
    copy.unlink()  # merged: the copy has nothing more to give
    after = json.loads(run_cli("network", network, "--json").stdout)
    assert after["totals"]["possibilities"] == possibilities + 1
    assert after["skipped"] == []


def test_a_copy_without_its_workshop_file_is_read_as_a_workshop(network: Path) -> None:
    copy = _copy_with_one_more_capture(network)
    (network / "astana-2021.json").rename(network.parent / "away.json")
    for companion in network.glob("astana-2021.json.*"):
        companion.unlink()
    view, _ = build([network])
    assert view.notes == ()
    assert copy in {w.path for w in view.workshops}

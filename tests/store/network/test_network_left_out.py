"""What the network could not read is said ("left out", with the reason, counted in
``skipped``), never passed off as "not a workshop file"; decisions are ordered by the same
clocks as workshops' records, and a Syncthing conflict copy of the network file is joined in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from matchdesk.store.clock import Clock
from matchdesk.store.network import records as network_records
from matchdesk.store.network.decisions import decide
from matchdesk.store.network.records import NETWORK_FILE, NetworkFile
from matchdesk.store.network.rollup import build

HOUR_AHEAD = "2099-01-01T10:00:00.000Z"


def test_a_later_decision_wins_over_a_laptop_whose_clock_runs_ahead(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, _ = build([network])
    [match] = view.suggestions
    pair = (match.earlier.uid, match.later.uid)
    ahead = network / "from-laptop-a"
    ahead.mkdir()
    with monkeypatch.context() as patched:  # laptop A's clock is far ahead of everyone's
        patched.setattr(network_records, "now_iso", lambda: HOUR_AHEAD)
        clock = Clock("laptop-a", now=lambda: HOUR_AHEAD)
        with NetworkFile(ahead, device="laptop-a", clock=clock) as a:
            a.decide(*pair, "same", {})
    view, _ = build([network])  # synced here: this laptop sees A's link...
    assert len(view.repeated) == 1
    decide(view, network, *pair, same=False)  # ...and, later, keeps the two apart
    view, _ = build([network])
    assert view.repeated == () and view.suggestions == ()


def test_a_sync_conflict_copy_of_the_network_file_is_joined_in(
    network: Path, tmp_path: Path
) -> None:
    view, _ = build([network])
    [match] = view.suggestions
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with NetworkFile(elsewhere, device="laptop-b") as b:
        b.decide(match.earlier.uid, match.later.uid, "same", {})
    copy = network / "matchdesk-network.sync-conflict-20261206-101010-ABCDEFG.json"
    shutil.copy(elsewhere / NETWORK_FILE, copy)
    view, _ = build([network])
    assert len(view.repeated) == 1
    assert all(note.path != copy for note in view.notes)


def test_damaged_and_oversized_files_are_left_out_with_the_reason(network: Path) -> None:
    astana = (network / "astana-2021.json").read_bytes()
    (network / "sub").mkdir()
    (network / "sub" / "truncated.json").write_bytes(astana[: len(astana) // 2])
    with (network / "huge.json").open("wb") as handle:  # sparse: 300 MB on paper, no disk
        handle.truncate(300 << 20)
    (network / "notes.json").write_text('{"agenda": []}', encoding="utf-8")
    view, loaded = build([network])
    notes = {note.path.name: note for note in view.notes}
    assert notes["truncated.json"].damaged
    assert "damaged or half-written" in notes["truncated.json"].reason
    assert (
        notes["huge.json"].damaged and "300 MB, over the 200 MB limit" in notes["huge.json"].reason
    )
    assert not notes["notes.json"].damaged and notes["notes.json"].reason == "not a workshop file"
    assert len(loaded.workshops) == 3


@pytest.fixture
def shared_folder(network: Path) -> Iterator[Path]:
    """The network in a folder another user may read (to read it as someone who may not
    open some of it: root may open anything)."""
    folder = Path(tempfile.mkdtemp(prefix="matchdesk-network-"))
    os.chmod(folder, 0o755)
    target = folder / "network"
    shutil.copytree(network, target)
    for path in [target, *target.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    yield target
    for path in [target, *target.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def test_an_unreadable_file_and_folder_are_left_out_and_counted(shared_folder: Path) -> None:
    locked_away = shared_folder / "locked"
    locked_away.mkdir()
    shutil.copy(shared_folder / "astana-2021.json", locked_away / "copy.json")
    (shared_folder / "mode000.json").write_bytes((shared_folder / "astana-2021.json").read_bytes())
    os.chmod(shared_folder / "mode000.json", 0o000)
    os.chmod(locked_away, 0o000)
    command = [sys.executable, "-m", "matchdesk", "network", str(shared_folder), "--json"]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, cwd="/"
    )
    assert done.returncode == 0, done.stderr
    skipped = {Path(s["file"]).name: s for s in json.loads(done.stdout)["skipped"]}
    assert skipped["mode000.json"]["damaged"]
    assert "permission denied" in skipped["mode000.json"]["reason"]
    assert skipped["locked"]["damaged"]
    assert "could not enter" in skipped["locked"]["reason"]
    assert "left out" in done.stderr and "not a workshop file" not in done.stderr

"""Kill -9 at random moments: the file always opens and checks, and nothing is counted twice."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from matchdesk.store.workshop import Workshop


def _big_csv(path: Path, presentations: int = 150, per: int = 20) -> int:
    codes = [
        "KAZ",
        "THA",
        "PHL",
        "RUS",
        "FRA",
        "NPL",
        "BIH",
        "IND",
        "FJI",
        "NGA",
        "GEO",
        "BGD",
        "KEN",
        "GHA",
        "PER",
        "CHL",
        "BRA",
        "MEX",
        "EGY",
        "JOR",
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country", "note"])
        for n in range(presentations):
            for code in codes[:per]:
                writer.writerow([f"Practice {n}", "Fiji", code, "x" * 40])
    return presentations * per


def _assert_sound(path: Path) -> int:
    with Workshop.open(path, readonly=True) as reader:
        assert reader.check() == []
        return reader.tallies().totals.interests


def test_import_killed_again_and_again(tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    expected = _big_csv(source)
    target = tmp_path / "w.json"
    rng = random.Random(20211029)
    deadline = time.monotonic() + 14
    rounds = 0
    while time.monotonic() < deadline and rounds < 30:
        proc = subprocess.Popen(
            [sys.executable, "-m", "matchdesk", "import", str(target), str(source)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        rounds += 1
        if target.exists():
            assert _assert_sound(target) in (0, expected)
    assert rounds >= 5
    done = subprocess.run(
        [sys.executable, "-m", "matchdesk", "import", str(target), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert _assert_sound(target) == expected


CAPTURE_LOOP = """
import sys
from matchdesk.store.workshop import Workshop
codes = sys.argv[2].split(",")
with Workshop.open(sys.argv[1], checkpoint_bytes=3000) as w:
    p = w.presentations()[0]
    for code in codes:
        w.record_interest(p.uid, code)
        print(code, flush=True)
"""


def test_every_acknowledged_capture_survives_kill(tmp_path: Path) -> None:
    target = tmp_path / "w.json"
    with Workshop.open(target) as workshop:
        workshop.add_presentation("Project Rangeet", "India")
    import pycountry

    codes = [c.alpha_3 for c in pycountry.countries][:200]
    rng = random.Random(7)
    for _ in range(6):
        with Workshop.open(target, readonly=True) as reader:
            done = {i.country.code for i in reader.interests()}
        todo = [c for c in codes if c not in done]
        if not todo:
            break
        proc = subprocess.Popen(
            [sys.executable, "-c", CAPTURE_LOOP, str(target), ",".join(todo)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ},
        )
        acknowledged = []
        stop_after = rng.randint(5, 60)
        assert proc.stdout is not None
        for line in proc.stdout:
            acknowledged.append(line.strip())
            if len(acknowledged) >= stop_after:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Workshop.open(target, readonly=True) as reader:
            assert reader.check() == []
            stored = [i.country.code for i in reader.interests()]
        assert len(stored) == len(set(stored))
        assert set(acknowledged) <= set(stored)


def test_lock_of_a_killed_writer_does_not_block(tmp_path: Path) -> None:
    target = tmp_path / "w.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time\nfrom matchdesk.store.workshop import Workshop\n"
            "w = Workshop.open(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
            str(target),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Workshop.open(target) as workshop:
        assert workshop.tallies().totals.interests == 0
    assert json.loads(target.read_bytes())["meta"]


KILLED_FOLD = """
import sys
import pycountry
from matchdesk.store.workshop import Workshop
codes = sorted(c.alpha_3 for c in pycountry.countries)
with Workshop.open(sys.argv[1], checkpoint_bytes=2000) as w:
    for code in codes:
        for p in w.presentations():
            if not w.has_interest(p.uid, w.country(code)):
                w.record_interest(p.uid, code)
                print(p.uid, code, flush=True)
"""


def test_kill_during_a_background_checkpoint_loses_no_acknowledged_capture(
    tmp_path: Path,
) -> None:
    """Checkpoints run beside the captures: a kill in the middle of one (a half-written temp
    snapshot, a sealed journal segment) still keeps every capture that was acknowledged."""
    from bulk import build_workshop

    from matchdesk.store.file.paths import folding_path

    target = build_workshop(tmp_path / "w.json", presentations=200, per=20)
    rng = random.Random(11)
    mid_fold = 0
    for round_ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", KILLED_FOLD, str(target)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        acknowledged = []
        stop_after = rng.randint(20, 150)
        for line in proc.stdout:
            acknowledged.append(tuple(line.split()))
            if len(acknowledged) >= stop_after:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        mid_fold += folding_path(target).exists()
        with Workshop.open(target, readonly=True) as reader:
            assert reader.check() == []
            for uid, code in acknowledged:
                assert reader.has_interest(uid, reader.country(code)), (round_, uid, code)
    assert mid_fold, "no kill landed during a background checkpoint"
    with Workshop.open(target) as writer:  # a writer cleans up and folds what is left
        assert writer.check() == []
    assert not folding_path(target).exists()
    assert not list(tmp_path.glob(".w.json.*.tmp"))


def test_stale_temp_files_of_a_killed_checkpoint_are_removed_on_open(seeded_file: Path) -> None:
    stale = [
        seeded_file.with_name(".workshop.json.k1l2d3.tmp"),
        seeded_file.with_name(".workshop.json.bak1.x9y8z7.tmp"),
    ]
    for temp in stale:
        temp.write_bytes(b"{" * 100_000)
    other = seeded_file.with_name(".workshop.md.a1b2c3.tmp")  # not ours: an export's
    other.write_bytes(b"x")
    with Workshop.open(seeded_file, readonly=True):
        assert all(t.exists() for t in stale)  # readers never delete
    with Workshop.open(seeded_file) as workshop:
        assert workshop.totals().interests == 39
    assert not any(t.exists() for t in stale)
    assert other.exists()

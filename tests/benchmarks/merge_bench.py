"""Merge benchmarks: two laptops' 10,000-interest files, merged and followed.

``bench_merge(tmpdir)`` is called by ``tests/benchmarks/run.py``; run alone with
``python tests/benchmarks/merge_bench.py``.

- ``merge_s``: ``matchdesk merge ROOM CHAT`` as a process (start-up included), each laptop's
  file holding 10,000 interests over the same 500 presentations, half of them the same
  (presentation, country) captured on both; a fresh copy of ROOM for every run.
- ``merge_peak``: one more such merge's peak resident memory (``peak_rss_mb``), beside the
  interpreter's start-up (``floor_mb``, ``matchdesk --version``) and the larger file;
  ``x_file`` is (peak - floor) / larger file's size.
- ``with_peer.capture_to_tally_ms``: ``open ROOM --with CHAT`` (15,000 interests combined) in
  a real pty: from Enter to the new total painted on screen, as ``pty_bench`` measures it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import CODES
from command_bench import peak_rss_mb
from pty_bench import _stats, captures

from matchdesk.store.file.schema import INTERESTS
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop

PRESENTATIONS = 500
PER = 20
RUNS = 5


def two_laptops(folder: Path) -> tuple[Path, Path]:
    """ROOM and CHAT: one agenda, then 10,000 interests each, half the keys on both."""
    start = folder / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        for n in range(PRESENTATIONS):
            workshop.add_presentation(f"Practice {n + 1}", CODES[n % len(CODES)])
    room, chat = folder / "room.json", folder / "chat.json"
    for path, device, shift, channel in (
        (room, "room", 0, Channel.IN_ROOM),
        (chat, "chat", PER // 2, Channel.ONLINE),
    ):
        shutil.copy(start, path)
        with Workshop.open(path, device=device) as workshop:
            writes = []
            for n, presentation in enumerate(workshop.presentations()):
                for k in range(shift, shift + PER):
                    doc = workshop.ledger.new_record(
                        presentation=presentation.uid,
                        country=CODES[(n * 7 + k * 13) % len(CODES)],
                        channel=channel.value,
                        note="",
                    )
                    doc["captured_at"] = "2021-10-29T10:00:00Z"
                    writes.append((INTERESTS, doc))
            workshop.ledger.commit("benchmark data", writes, owned=True)
    return room, chat


def bench_merge_command(folder: Path, room: Path, chat: Path) -> dict[str, Any]:
    samples: list[float] = []
    totals = ""
    for run in range(RUNS):
        target = folder / f"merged-{run}.json"
        shutil.copy(room, target)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "matchdesk", "merge", str(target), str(chat)],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(time.perf_counter() - started)
        totals = done.stdout.strip().splitlines()[-1]
    ordered = sorted(samples)
    return {
        "p50": round(ordered[len(ordered) // 2], 3),
        "max": round(ordered[-1], 3),
        "runs": RUNS,
        "result": totals,
    }


def merge_peak(folder: Path, room: Path, chat: Path) -> dict[str, float]:
    """Peak memory of ``merge ROOM CHAT`` as a multiple of the larger file."""
    target = folder / "merged-peak.json"
    shutil.copy(room, target)
    matchdesk = [sys.executable, "-m", "matchdesk"]
    floor = peak_rss_mb([*matchdesk, "--version"], folder)
    peak = peak_rss_mb([*matchdesk, "merge", str(target), str(chat)], folder)
    file_mb = max(room.stat().st_size, chat.stat().st_size) / 2**20
    return {
        "file_mb": round(file_mb, 1),
        "floor_mb": floor,
        "peak_rss_mb": peak,
        "x_file": round((peak - floor) / file_mb, 2),
    }


def bench_merge(tmpdir: Path) -> dict[str, Any]:
    """The ``merge`` section of the benchmark report."""
    folder = Path(tmpdir)
    room, chat = two_laptops(folder)
    merge = bench_merge_command(folder, room, chat)
    peak = merge_peak(folder, room, chat)
    combined = PRESENTATIONS * PER * 3 // 2
    enter_ms, _ = captures(room, combined, samples=40, peers=[chat])
    return {
        "merge_s": merge,
        "merge_peak": peak,
        "with_peer": {"capture_to_tally_ms": _stats(enter_ms), "interests_combined": combined},
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        import json

        json.dump(bench_merge(Path(tmp)), sys.stdout, indent=2)
        print()
